import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app.js";
import { loadDemo } from "../../src/demo/demo-council.js";
import { freshStore, type TestStore } from "../support/stores.js";
import { FIXTURE_NOW } from "../support/web-fixtures.js";
import { Scope } from "../../src/store/records.js";

/**
 * The generated demo council through the whole site: every linked page answers, and no
 * text of an exempt paper or item shows up in any page, API answer, feed or search.
 */
describe("demo council site", () => {
  let store: TestStore;
  let app: ReturnType<typeof createApp>;
  const secrets: string[] = [];
  let firstExemptDoc = "";
  beforeAll(async () => {
    store = await freshStore("sqlite");
    await loadDemo(store, { today: "2025-10-01" });
    app = createApp(store, { now: () => FIXTURE_NOW });
    const db = store.db;
    const exemptItems = await db.selectFrom("agenda_item").select(["id", "description"]).where("exemptParagraph", "is not", null).execute();
    const exemptItemIds = exemptItems.map((i) => i.id);
    const exemptDocs = await db
      .selectFrom("document")
      .select("id")
      .where((eb) =>
        eb.or([eb("exemptParagraph", "is not", null), ...(exemptItemIds.length ? [eb("agendaItemId", "in", exemptItemIds)] : [])]),
      )
      .execute();
    // A clerk's edit: a token unique to each exempt text, so any leak is unmistakable.
    const scope = new Scope(store, (await db.selectFrom("authority").select("id").executeTakeFirstOrThrow()).id, "test-clerk");
    let n = 0;
    const token = () => `exemptmarker${String(n++).padStart(4, "0")}`;
    for (const item of exemptItems) {
      const t = token();
      await scope.update("agenda_item", item.id, { description: `${item.description ?? ""} ${t}` });
      secrets.push(t);
    }
    const pages = exemptDocs.length
      ? await db
          .selectFrom("document_page")
          .select(["id", "text", "documentId"])
          .where(
            "documentId",
            "in",
            exemptDocs.map((d) => d.id),
          )
          .execute()
      : [];
    for (const p of pages) {
      const t = token();
      await scope.update("document_page", p.id, { text: `${p.text} ${t}` });
      secrets.push(t);
    }
    firstExemptDoc = pages[0]?.documentId ?? "";
  });
  afterAll(() => store.cleanup());

  it("has exempt text to look for, which a clerk can see", async () => {
    expect(secrets.length).toBeGreaterThan(5);
    const clerk = createApp(store, {
      now: () => FIXTURE_NOW,
      middleware: [
        async (c, next) => {
          c.set("viewer", { kind: "clerk" });
          await next();
        },
      ],
    });
    expect(await (await clerk.request(`/documents/${firstExemptDoc}`)).text()).toMatch(/exemptmarker\d{4}/);
  });

  it("every page linked from home answers and none shows an exempt passage", async () => {
    const seen = new Set<string>([
      "/",
      "/api/v1/meetings?limit=100",
      "/api/v1/decisions?limit=100",
      "/api/v1/actions?limit=100",
      "/feeds/papers.atom",
      "/calendar.ics",
      "/sitemap.xml",
    ]);
    const queue = [...seen];
    const problems: string[] = [];
    while (queue.length && seen.size < 1500) {
      const url = queue.shift()!;
      const res = await app.request(url);
      if (res.status !== 200 && !(res.status === 403 && url.endsWith("/original"))) problems.push(`${url} → ${res.status}`);
      const body = await res.text();
      for (const s of secrets) if (body.includes(s)) problems.push(`${url} shows exempt text "${s}"`);
      if (!(res.headers.get("content-type") ?? "").startsWith("text/html")) continue;
      for (const m of body.matchAll(/href="(\/[^"#]*)(#[^"]*)?"/g)) {
        const link = m[1].replace(/&amp;/g, "&");
        if (link.startsWith("/calendar?") && !/month=202[45]/.test(link)) continue; // months without end
        if (link.startsWith("/meetings/") && /^\/meetings\/[^/]+$/.test(link))
          seen.has(`/api/v1${link}`) || (seen.add(`/api/v1${link}`), queue.push(`/api/v1${link}`));
        if (!seen.has(link)) {
          seen.add(link);
          queue.push(link);
        }
      }
    }
    for (const words of ["exempt", "budget", "report", "climate", "monitoring", ...secrets.slice(0, 10)]) {
      for (const url of [`/search?q=${encodeURIComponent(words)}`, `/api/v1/search?q=${encodeURIComponent(words)}&limit=100`]) {
        const body = await (await app.request(url)).text();
        // the page echoes the asker's own query; anything else is a leak
        for (const x of secrets) if (x !== words && body.includes(x)) problems.push(`${url} shows exempt text "${x}"`);
        if (secrets.includes(words)) expect(body, url).toMatch(/Nothing matched|"items":\[\]/);
      }
    }
    expect(problems).toEqual([]);
    expect(seen.size).toBeGreaterThan(200);
  });
});
