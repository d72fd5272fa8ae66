import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../../src/demo/demo-council.js";
import { Scope } from "../../src/store/records.js";
import { buildPackHtml } from "../../src/workflow/pack-html.js";
import { buildPack } from "../../src/workflow/pack.js";
import { openActions } from "../../src/workflow/actions.js";
import { listActions } from "../../src/store/queries/actions.js";
import { PDFDocument } from "pdf-lib";
import { freshStore, type TestStore } from "../support/stores.js";

/**
 * The demo must read like a council's records, not like a generator: these are the faults
 * a reader found in the first demo (one sentence in every minute, "25/1" on every action,
 * lowercased titles, a governorship filed as a pecuniary interest, packs without reports).
 */
describe("demo council reads like a real one", () => {
  let store: TestStore;
  let scope: Scope;
  beforeAll(async () => {
    store = await freshStore("sqlite");
    const { authorityId } = await loadDemo(store, { today: "2026-12-04" });
    scope = new Scope(store, authorityId, "test");
  });
  afterAll(() => store.cleanup());

  it("has two municipal years of held meetings with minutes", async () => {
    const meetings = await store.db.selectFrom("meeting").select(["localDate", "status"]).execute();
    const held = meetings.filter((m) => m.status === "held").map((m) => m.localDate);
    expect(held.some((d) => d < "2026-05-01")).toBe(true);
    expect(held.some((d) => d >= "2026-05-01")).toBe(true);
    expect(held.length).toBeGreaterThan(60);
    expect(meetings.some((m) => m.status === "cancelled")).toBe(true);
  });

  it("repeats no sentence across more than a handful of minutes", async () => {
    const minutes = await store.db.selectFrom("minute").select(["id", "text"]).execute();
    const decisions = await store.db.selectFrom("decision").select(["minuteId", "text"]).execute();
    const byMinute = new Map(minutes.map((m) => [m.id, m.text]));
    for (const d of decisions) if (d.minuteId) byMinute.set(d.minuteId, `${byMinute.get(d.minuteId)} ${d.text}`);
    const seenIn = new Map<string, Set<string>>();
    for (const [id, text] of byMinute) {
      // Sentences end at a full stop before a capital; "None." and other one-word minutes are how councils write.
      for (const sentence of text.split(/(?<=[.!?])\s+(?=[A-Z])/)) {
        if (sentence.split(/\s+/).length < 5) continue;
        const set = seenIn.get(sentence) ?? new Set<string>();
        set.add(id);
        seenIn.set(sentence, set);
      }
    }
    const repeated = [...seenIn].filter(([, ids]) => ids.size > 5).map(([s, ids]) => `${ids.size}× ${s}`);
    expect(seenIn.size).toBeGreaterThan(500);
    expect(repeated).toEqual([]);
  });

  it("gives every action a unique reference in its committee's scheme", async () => {
    const actions = await store.db
      .selectFrom("action")
      .innerJoin("committee", "committee.id", "action.committeeId")
      .select(["action.ref", "committee.slug", "action.text"])
      .execute();
    expect(actions.length).toBeGreaterThan(60);
    const refs = actions.map((a) => `${a.slug} ${a.ref}`);
    expect(new Set(refs).size).toBe(refs.length);
    const cabinet = actions.filter((a) => a.slug === "cabinet");
    expect(cabinet.length).toBeGreaterThan(5);
    for (const a of cabinet) expect(a.ref).toMatch(/^CAB\/\d{2}\/\d{3}$/);
    for (const a of actions) {
      expect(a.text).toMatch(/^[A-Z]/);
      expect(a.text).not.toMatch(/be approved in respect of|to provide a written update on/);
    }
  });

  it("writes titles with their capitals and planning references in upper case", async () => {
    const titles = (await store.db.selectFrom("minute").select("title").execute()).map((m) => m.title);
    for (const t of titles) expect(t, t).toMatch(/^[A-Z]/);
    const planning = titles.filter((t) => t.startsWith("Application "));
    expect(planning.length).toBeGreaterThan(10);
    for (const t of planning) expect(t).toMatch(/^Application \d{2}\/\d{5}\/(FUL|OUT|LBC|RM|CM): [A-Z0-9]/);
    const texts = (await store.db.selectFrom("minute").select("text").execute()).map((m) => m.text).join("\n");
    expect(texts).not.toMatch(/\d{2}\/\d{5}\/[a-z]{2,3}\b/);
    expect(texts).not.toMatch(/The committee considered /);
  });

  it("matches each report's author to the business and each honorific to the person", async () => {
    const covers = await store.db.selectFrom("report_cover").select(["title", "author", "service"]).execute();
    for (const c of covers.filter((c) => (c.title ?? "").startsWith("Application "))) expect(c.service).toBe("Planning and Regeneration");
    for (const c of covers.filter((c) => /Budget Monitoring|Capital Programme/.test(c.title ?? ""))) expect(c.service).toBe("Finance");
    const people = await store.db.selectFrom("person").select(["name", "honorific", "kind"]).execute();
    const honorific = new Map(people.map((p) => [p.name, p.honorific]));
    expect(honorific.get("Sabrina Thwaite")).toBe("Mrs");
    expect(honorific.get("Gerald Pemberton")).toBe("Mr");
    for (const p of people.filter((p) => p.kind === "councillor")) expect(p.honorific).toBe("Cllr");
    for (const p of people.filter((p) => p.kind === "officer")) expect(p.honorific).toBeNull();
  });

  it("files interests in the right categories", async () => {
    const declarations = await store.db.selectFrom("declaration").select(["type", "nature"]).execute();
    expect(declarations.length).toBeGreaterThan(10);
    for (const d of declarations) {
      if (/governor|trustee|member of/i.test(d.nature)) expect(d.type, d.nature).toBe("ori");
      if (/owns land|^employed by/i.test(d.nature)) expect(d.type, d.nature).toBe("dpi");
      if (/family member|relative|knows the applicant|neighbour/i.test(d.nature)) expect(d.type, d.nature).toBe("nri");
    }
  });

  it("puts the reports in the packs, and keeps exempt ones out of the public pack", async () => {
    const meeting = await store.db
      .selectFrom("meeting")
      .innerJoin("committee", "committee.id", "meeting.committeeId")
      .select(["meeting.id"])
      .where("committee.slug", "=", "health-adult-social-care-scrutiny")
      .where("meeting.status", "=", "held")
      .orderBy("meeting.localDate", "desc")
      .executeTakeFirstOrThrow();
    const html = await buildPackHtml(scope, meeting.id, { audience: "public" });
    const report = await store.db
      .selectFrom("document_page")
      .innerJoin("document", "document.id", "document_page.documentId")
      .select("document_page.text")
      .where("document.meetingId", "=", meeting.id)
      .executeTakeFirstOrThrow();
    expect(html).toContain(report.text.split("\n")[0]);
    const pdf = await PDFDocument.load(await buildPack(scope, meeting.id, { audience: "public" }));
    expect(pdf.getPageCount()).toBeGreaterThan(3);

    const exempt = await store.db
      .selectFrom("document")
      .innerJoin("document_page", "document_page.documentId", "document.id")
      .select(["document.meetingId", "document_page.text"])
      .where("document.exemptParagraph", "is not", null)
      .where("document.publishedAt", "is not", null)
      .where("document_page.text", "like", "%preferred bidder%")
      .executeTakeFirstOrThrow();
    const secret = exempt.text.match(/£[\d,]+/)![0];
    const publicPack = await buildPackHtml(scope, exempt.meetingId!, { audience: "public" });
    expect(publicPack).toContain("Document is restricted");
    expect(publicPack).not.toContain(secret);
  });

  it("gives a scrutiny committee's tracking paper the open actions its page lists, recommendations to the executive apart", async () => {
    for (const slug of ["children-young-people-scrutiny", "cabinet"]) {
      const committee = await store.db.selectFrom("committee").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
      const paper = await openActions(scope, committee.id, "2026-12-04");
      const page = await listActions(
        store,
        scope.authorityId,
        { kind: "clerk" },
        { committeeId: committee.id, open: true, today: "2026-12-04", limit: 500 },
      );
      const tracked = page.items.filter((e) => e.action.origin !== "scrutiny-recommendation");
      expect(paper.length, slug).toBeGreaterThan(2);
      expect(paper.map((v) => v.action.id).sort(), slug).toEqual(tracked.map((e) => e.action.id).sort());
    }
  });

  it("plans business ahead in the committees' work programmes", async () => {
    const future = await store.db
      .selectFrom("work_programme_item")
      .innerJoin("meeting", "meeting.id", "work_programme_item.meetingId")
      .select(["work_programme_item.topic"])
      .where("meeting.localDate", ">", "2026-12-04")
      .execute();
    expect(future.length).toBeGreaterThan(10);
  });
});
