import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app.js";
import type { Viewer } from "../../src/domain/viewer.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import {
  buildWebFixture,
  DRAFT_SECRETS as WEB_DRAFT_SECRETS,
  FIXTURE_NOW,
  markExempt,
  SECRETS as WEB_SECRETS,
  type WebFixture,
} from "../support/web-fixtures.js";
import { addSubscribers, addVotes, SUBSCRIBER_SECRET, VOTE_SECRETS, type VoteFixture } from "../support/vote-fixtures.js";
import { interopSamples } from "../interop/leak-samples.js";
import { addMatters, MATTER_DRAFT_SECRETS, MATTER_SECRETS, type MatterFixture } from "../support/matter-fixtures.js";
import { recordVote } from "../../src/workflow/votes.js";
import { pdfPageTexts } from "../../src/workflow/pdf-text.js";
import { meetingDetail } from "../../src/store/queries/meetings.js";
import { PUBLIC } from "../../src/domain/viewer.js";
import { Scope } from "../../src/store/records.js";
import { publishAgenda, publishMinutes } from "../../src/workflow/publication.js";

const SECRETS = { ...WEB_SECRETS, ...VOTE_SECRETS, ...MATTER_SECRETS };
/** A vote recorded in the draft minutes is as unpublished as they are. */
const DRAFT_SECRETS = { ...WEB_DRAFT_SECRETS, ...MATTER_DRAFT_SECRETS, draftVote: "skuatally" };

/**
 * Exempt and unpublished material never reaches the public (DESIGN.md "Exempt",
 * "Publication"). Routes are enumerated from the app itself, so a route added later without
 * samples here fails the test rather than escaping it. Every exempt secret is first shown to
 * be findable, then marked exempt and probed for; every draft secret is shown to be visible to
 * a clerk, and never to the public until published. PDF responses are probed by their text.
 */
type App = ReturnType<typeof createApp>;
/** Words beside the secrets in exempt text, so a leaking snippet would carry a secret. */
const NEIGHBOURS = [
  "depot",
  "valuation",
  "disposal",
  "bid+discussed",
  "offer+accepted",
  "solicitors",
  "transfer",
  "reserve+price",
  "heads+of+terms",
  "budget",
  "proposals",
  "youth+services",
  "questioned",
  "reviewed",
];
const ALL_SECRETS: Record<string, string> = { ...SECRETS, ...DRAFT_SECRETS };

/** A response as text; a PDF by the text of its pages, so a served page is found however it is encoded. */
async function bodyText(res: Response): Promise<string> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  const raw = Buffer.from(bytes).toString("utf8");
  if (!res.headers.get("content-type")?.includes("application/pdf") || res.status !== 200) return raw;
  // Some fixture files are PDFs in name only; their raw bytes are probed as they are.
  const pages = await pdfPageTexts(bytes).catch(() => [] as string[]);
  return `${raw}\n${pages.join("\n")}`;
}

function samplesFor(f: WebFixture, v: VoteFixture): Record<string, string[]> {
  const meetings = Object.values(f.meetings);
  const documents = Object.values(f.documents);
  const items = Object.values(f.items);
  const committees = Object.values(f.committees);
  const people = Object.values(f.people);
  const q = (base: string) => Object.values(ALL_SECRETS).map((s) => `${base}${encodeURIComponent(s)}`);
  const itemMeeting: Record<string, string> = {
    [f.items.draft]: f.meetings.draftAgenda,
    [f.items.draftMinutesItem]: f.meetings.draftMinutes,
  };
  return {
    "/": ["/"],
    "/calendar": ["/calendar?month=2025-07", "/calendar?month=2025-07&view=list"],
    "/committees": ["/committees"],
    "/committees/:slug": committees.map((c) => `/committees/${c.slug}`),
    "/committees/:slug/calendar.ics": committees.map((c) => `/committees/${c.slug}/calendar.ics`),
    "/meetings/:id": meetings.map((m) => `/meetings/${m}`),
    // Downloads: the public pack and the printed minutes, read as text (PDFs by their text layer).
    "/meetings/:id/agenda-pack.pdf": meetings.map((m) => `/meetings/${m}/agenda-pack.pdf`),
    "/meetings/:id/agenda-pack.html": meetings.map((m) => `/meetings/${m}/agenda-pack.html`),
    "/meetings/:id/minutes.pdf": meetings.map((m) => `/meetings/${m}/minutes.pdf`),
    "/meetings/:id/minutes.html": meetings.map((m) => `/meetings/${m}/minutes.html`),
    "/glossary": ["/glossary"],
    "/meetings/:id/items/:itemId": items.map((i) => `/meetings/${itemMeeting[i] ?? f.meetings.summer}/items/${i}`),
    "/documents/:id": documents.map((d) => `/documents/${d}`),
    "/documents/:id/original": documents.map((d) => `/documents/${d}/original`),
    "/people": ["/people"],
    "/people/:slug": people.map((p) => `/people/${p.slug}`),
    "/decisions": ["/decisions", "/decisions?committee=cabinet&from=2025-07-01"],
    "/actions": ["/actions", "/actions?overdue=1", "/actions?owner=property", "/actions?committee=cabinet"],
    "/search": [...q("/search?q="), ...NEIGHBOURS.map((n) => `/search?q=${n}`), "/search?q=old+depot&kind=page"],
    "/calendar.ics": ["/calendar.ics"],
    "/feeds/:file{[a-z]+\\.(atom|rss)}": ["meetings", "papers", "decisions"].flatMap((n) => [`/feeds/${n}.atom`, `/feeds/${n}.rss`]),
    "/sitemap.xml": ["/sitemap.xml"],
    "/robots.txt": ["/robots.txt"],
    "/api/v1": ["/api/v1"],
    "/api/v1/openapi.json": ["/api/v1/openapi.json"],
    "/api/v1/committees": ["/api/v1/committees"],
    "/api/v1/committees/:id": committees.flatMap((c) => [`/api/v1/committees/${c.id}`, `/api/v1/committees/${c.slug}`]),
    "/api/v1/meetings": ["/api/v1/meetings?limit=100"],
    "/api/v1/meetings/:id": meetings.map((m) => `/api/v1/meetings/${m}`),
    "/api/v1/meetings/:id/ocd": meetings.map((m) => `/api/v1/meetings/${m}/ocd`),
    "/api/v1/people": ["/api/v1/people"],
    "/api/v1/people/:id": people.flatMap((p) => [`/api/v1/people/${p.id}`, `/api/v1/people/${p.slug}`]),
    "/api/v1/documents": ["/api/v1/documents?limit=100"],
    "/api/v1/documents/:id": documents.map((d) => `/api/v1/documents/${d}`),
    "/api/v1/decisions": ["/api/v1/decisions?limit=100"],
    "/api/v1/actions": ["/api/v1/actions?limit=100", "/api/v1/actions?overdue=true"],
    "/api/v1/votes": [
      "/api/v1/votes?limit=100",
      ...people.map((p) => `/api/v1/votes?person=${p.id}`),
      ...meetings.map((m) => `/api/v1/votes?meeting=${m}`),
    ],
    "/api/v1/votes/:id": Object.values(v).map((id) => `/api/v1/votes/${id}`),
    "/api/v1/votes/:id/ocd": Object.values(v).map((id) => `/api/v1/votes/${id}/ocd`),
    "/api/v1/meetings/:id/votes/ocd": meetings.map((m) => `/api/v1/meetings/${m}/votes/ocd`),
    // Editor and sign-in routes (mounted from mounts.ts), probed without a session.
    "/sign-in": ["/sign-in"],
    "/editor": ["/editor"],
    "/editor/meetings/new": ["/editor/meetings/new"],
    "/editor/meetings/:id": meetings.map((m) => `/editor/meetings/${m}`),
    "/editor/meetings/:id/pack": meetings.map((m) => `/editor/meetings/${m}/pack`),
    "/editor/meetings/:id/minutes": meetings.map((m) => `/editor/meetings/${m}/minutes`),
    "/editor/items/:id": items.map((i) => `/editor/items/${i}`),
    "/editor/actions": ["/editor/actions"],
    "/editor/committees/:id/actions-paper": committees.map((c) => `/editor/committees/${c.id}/actions-paper`),
    "/editor/committees/:id/work-programme": committees.map((c) => `/editor/committees/${c.id}/work-programme`),
    "/editor/people/:personId/interests": people.map((p) => `/editor/people/${p.id}/interests`),
    "/editor/minutes/:id/votes": ["/editor/minutes/any/votes"],
    "/editor/committees": ["/editor/committees"],
    "/editor/committees/new": ["/editor/committees/new"],
    "/editor/committees/:id": committees.map((c) => `/editor/committees/${c.id}`),
    "/editor/committees/:id/members": committees.map((c) => `/editor/committees/${c.id}/members`),
    "/editor/memberships/:id": ["/editor/memberships/any"],
    "/editor/people": ["/editor/people"],
    "/editor/people/new": ["/editor/people/new"],
    "/editor/people/:id": people.map((p) => `/editor/people/${p.id}`),
    "/editor/accounts": ["/editor/accounts"],
    "/editor/accounts/:id": ["/editor/accounts/any"],
    "/editor/meetings/:id/agenda": meetings.map((m) => `/editor/meetings/${m}/agenda`),
    "/editor/meetings/:id/attendance": meetings.map((m) => `/editor/meetings/${m}/attendance`),
    "/editor/meetings/:id/actions": meetings.map((m) => `/editor/meetings/${m}/actions`),
    "/editor/minutes/:id": ["/editor/minutes/any"],
    "/editor/actions/:id": ["/editor/actions/any"],
    "/editor/interests": ["/editor/interests"],
    // Email alerts: the sign-up form, and the confirm/unsubscribe pages (known and unknown tokens).
    "/alerts": ["/alerts", "/alerts?committee=cabinet", `/alerts?person=${people[0]?.slug}`],
    "/alerts/confirm/:token": ["/alerts/confirm/nope", `/alerts/confirm/${"0".repeat(63)}1`],
    "/alerts/unsubscribe/:token": ["/alerts/unsubscribe/nope", `/alerts/unsubscribe/fixture-unsubscribe-token-1-${"x".repeat(20)}`],
    "/api/v1/search": [...q("/api/v1/search?q="), ...NEIGHBOURS.map((n) => `/api/v1/search?q=${n}&limit=100`)],
  };
}

/** Matters (public, exempt, seen only at unpublished meetings, planned): their pages, lists and the forward plan. */
function matterSamples(m: MatterFixture): Record<string, string[]> {
  const q = (base: string) => Object.values(ALL_SECRETS).map((s) => `${base}${encodeURIComponent(s)}`);
  return {
    "/matters": ["/matters", "/matters?q=25", ...q("/matters?q=")],
    "/matters/:id": Object.values(m).map((id) => `/matters/${id}`),
    "/forward-plan": ["/forward-plan"],
    "/api/v1/matters": ["/api/v1/matters?limit=100", "/api/v1/matters?keyDecision=true", ...q("/api/v1/matters?q=")],
    "/api/v1/matters/:id": Object.values(m).map((id) => `/api/v1/matters/${id}`),
    "/api/v1/forward-plan": ["/api/v1/forward-plan"],
    "/editor/matters": ["/editor/matters"],
    "/editor/matters/:id": Object.values(m).map((id) => `/editor/matters/${id}`),
  };
}

/** Every GET route the app serves (its own and mounted ones), as Hono registered them. */
export function publicGetRoutes(app: App): string[] {
  const skip = (p: string) => p.includes("*") || /^\/assets\/site\.[0-9a-f]+\.css$/.test(p);
  return [...new Set(app.routes.filter((r) => r.method === "GET" && !skip(r.path)).map((r) => r.path))];
}

async function probe(
  app: App,
  f: WebFixture,
  v: VoteFixture,
  extra: Record<string, string[]> = {},
  only?: string[],
): Promise<{ urls: number; leaks: string[] }> {
  const samples = { ...samplesFor(f, v), ...extra };
  const routes = publicGetRoutes(app);
  const missing = routes.filter((r) => !samples[r]);
  expect(missing, "routes with no leak-test samples: add them to samplesFor").toEqual([]);
  const leaks: string[] = [];
  let urls = 0;
  for (const route of only ?? routes) {
    for (const url of samples[route]) {
      const res = await app.request(url);
      const body = (await bodyText(res)).toLowerCase();
      urls += 1;
      // A search page echoes its own query; that is the asker's text, not a leak.
      const echo = new URL(url, "http://x").searchParams.get("q")?.toLowerCase();
      if (res.status >= 500) leaks.push(`${url} (${res.status}) failed`);
      if (body.includes(SUBSCRIBER_SECRET.split("@")[0]!)) leaks.push(`${url} (${res.status}) shows a subscriber's address`);
      for (const [name, secret] of Object.entries(ALL_SECRETS)) {
        if (secret.toLowerCase() !== echo && body.includes(secret.toLowerCase())) leaks.push(`${url} (${res.status}) shows ${name}`);
      }
    }
  }
  return { urls, leaks };
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: exempt material never leaks`, () => {
    let store: TestStore;
    let f: WebFixture;
    let v: VoteFixture & { draft: string };
    let app: App;
    let extra: Record<string, string[]>;
    beforeAll(async () => {
      store = await freshStore(dialect);
      f = await buildWebFixture(store);
      const clerkScope = new Scope(store, f.authorityId, "clerk");
      const [draftMinute] = await clerkScope.list("minute", { meetingId: f.meetings.draftMinutes });
      const draftVote = await recordVote(clerkScope, draftMinute!.id, {
        question: `the ${DRAFT_SECRETS.draftVote} motion`,
        result: "carried",
        forCount: 1,
        againstCount: 0,
        positions: [{ personId: f.people.member.id, position: "for" }],
      });
      v = { ...(await addVotes(store, f)), draft: draftVote.vote.id };
      await addSubscribers(store, f);
      const m = await addMatters(store, f);
      app = createApp(store, { now: () => FIXTURE_NOW });
      extra = { ...(await interopSamples(store, f.authorityId, "borchester")), ...matterSamples(m) };
    });
    afterAll(() => store.cleanup());

    it("before the exemption, the probe finds every secret (so it can find a leak)", async () => {
      const { leaks } = await probe(app, f, v, extra);
      // A sensitive interest (s.32 Localism Act) is withheld from the start; the rest are public until marked.
      for (const name of Object.keys(SECRETS).filter((n) => n !== "sensitiveInterest"))
        expect(
          leaks.some((l) => l.endsWith(`shows ${name}`)),
          name,
        ).toBe(true);
      expect(leaks.filter((l) => l.endsWith("shows sensitiveInterest"))).toEqual([]);
      expect(leaks.filter((l) => l.endsWith("shows a subscriber's address"))).toEqual([]);
      // Drafts are never public, before or after anything is marked exempt.
      expect(leaks.filter((l) => Object.keys(DRAFT_SECRETS).some((n) => l.endsWith(`shows ${n}`)))).toEqual([]);
      // including through search snippets, which the neighbour queries reach
      expect(leaks.some((l) => l.startsWith("/search?q=valuation") && l.endsWith("shows pageText"))).toBe(true);
      expect(leaks.some((l) => l.startsWith("/api/v1/search?q=disposal") && l.endsWith("shows itemDescription"))).toBe(true);
      // and through the ModernGov service, which carries item text, minutes and decisions
      for (const name of ["itemDescription", "minuteText", "decisionText"])
        expect(
          leaks.some((l) => l.startsWith("/mgWebService.asmx/GetMeeting?") && l.endsWith(`shows ${name}`)),
          name,
        ).toBe(true);
    });

    it("a clerk sees every draft, in the same pages the public is refused", async () => {
      const clerk = createApp(store, {
        now: () => FIXTURE_NOW,
        middleware: [
          async (c, next) => {
            c.set("viewer", { kind: "clerk" });
            await next();
          },
        ],
      });
      const { leaks } = await probe(clerk, f, v, extra, [
        "/meetings/:id",
        "/meetings/:id/agenda-pack.html",
        "/meetings/:id/minutes.html",
        "/documents/:id",
        "/documents/:id/original",
        "/actions",
        "/search",
        "/matters/:id",
        "/forward-plan",
      ]);
      for (const name of Object.keys(DRAFT_SECRETS))
        expect(
          leaks.some((l) => l.endsWith(`shows ${name}`)),
          name,
        ).toBe(true);
      expect((await app.request(`/documents/${f.documents.draftPaper}`)).status).toBe(404);
      expect((await app.request(`/documents/${f.documents.draftPaper}/original`)).status).toBe(404);
    });

    it("a paper cut from a pack serves only its own pages of the shared original", async () => {
      const res = await app.request(`/documents/${f.documents.libraryCut}/original`);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("private, no-cache");
      const pages = await pdfPageTexts(new Uint8Array(await res.arrayBuffer()));
      expect(pages.map((p) => p.replace(/\s+/g, " ").trim())).toEqual([
        "Library Services Review. The mobile library timetable changes from September.",
        "Appendix: mobile library stops in Riverside ward.",
        "Library appendix: Saturday opening at the Castle branch.",
      ]);
    });

    it("after marking item and paper exempt, no public route, API, feed, search or download shows their text", async () => {
      await markExempt(store, f); // same app: its page cache must notice the change
      const { urls, leaks } = await probe(app, f, v, extra);
      expect(leaks).toEqual([]);
      expect(urls).toBeGreaterThan(80);
      const meeting = await (await app.request(`/meetings/${f.meetings.summer}`)).text();
      expect(meeting).toContain("Sale of the Old Depot");
      expect(meeting).toContain("Exempt under paragraph 3 of Schedule 12A to the Local Government Act 1972");
      expect((await app.request(`/documents/${f.documents.exemptAppendix}/original`)).status).toBe(403);
      expect((await app.request(`/documents/${f.documents.depotCut}/original`)).status).toBe(403);
      // The pack keeps its public pages: the exempt report's file pages 5-6 go, whatever is printed on them.
      const packPdf = await app.request(`/documents/${f.documents.pack}/original`);
      expect(packPdf.status).toBe(200);
      expect(packPdf.headers.get("cache-control")).toBe("private, no-cache");
      expect(await pdfPageTexts(new Uint8Array(await packPdf.arrayBuffer()))).toHaveLength(4);
      const packPage = await (await app.request(`/documents/${f.documents.pack}`)).text();
      expect(packPage).toContain("Saturday opening at the Castle branch");
      expect(packPage).toContain("Pages 5 to 6 not for publication.");
      // The store itself redacts the items it returns beside declarations and decisions.
      const detail = await meetingDetail(store, f.authorityId, f.meetings.summer, PUBLIC);
      const exemptItems = [...detail!.decisions.map((d) => d.item), ...detail!.declarations.map((d) => d.item)].filter(
        (i) => i?.id === f.items.exempt,
      );
      expect(exemptItems.length).toBeGreaterThan(0);
      for (const i of exemptItems) expect(i!.description).toBeNull();
      for (const secret of Object.values(SECRETS)) {
        const hits = (await (await app.request(`/api/v1/search?q=${encodeURIComponent(secret)}`)).json()) as { items: unknown[] };
        expect(hits.items, secret).toEqual([]);
        expect(await (await app.request(`/search?q=${encodeURIComponent(secret)}`)).text()).toContain("Nothing matched");
      }
    });

    it("once the clerk publishes, the agenda and the draft minutes are public (minutes marked draft)", async () => {
      const clerk = new Scope(store, f.authorityId, "clerk");
      await publishAgenda(clerk, f.meetings.draftAgenda, FIXTURE_NOW);
      await publishMinutes(clerk, f.meetings.draftMinutes, FIXTURE_NOW);
      const agenda = await (await app.request(`/meetings/${f.meetings.draftAgenda}`)).text();
      expect(agenda).toContain(DRAFT_SECRETS.draftItemDescription);
      expect(await (await app.request(`/documents/${f.documents.draftPaper}`)).text()).toContain(DRAFT_SECRETS.draftPaperText);
      const minutes = await (await app.request(`/meetings/${f.meetings.draftMinutes}`)).text();
      expect(minutes).toContain(DRAFT_SECRETS.draftMinute);
      expect(minutes).toContain("(draft)");
      expect(await (await app.request("/decisions")).text()).toContain(DRAFT_SECRETS.draftDecision);
      const hits = (await (await app.request(`/api/v1/search?q=${DRAFT_SECRETS.draftDecision}`)).json()) as { items: unknown[] };
      expect(hits.items).toHaveLength(1);
    });

    it("every OpenAPI path is among the probed routes", async () => {
      const doc = (await (await app.request("/api/v1/openapi.json")).json()) as { paths: Record<string, unknown> };
      const routes = new Set(publicGetRoutes(app));
      for (const p of Object.keys(doc.paths)) expect(routes.has(`/api/v1${p.replace(/\{(\w+)\}/g, ":$1")}`), p).toBe(true);
    });

    it("a member of the committee sees the exempt text; a member of another committee does not", async () => {
      const as = (viewer: Viewer) =>
        createApp(store, {
          now: () => FIXTURE_NOW,
          middleware: [
            async (c, next) => {
              c.set("viewer", viewer);
              await next();
            },
          ],
        });
      const insider = as({ kind: "member", personId: f.people.chair.id, committeeIds: [f.committees.cabinet.id] });
      const outsider = as({ kind: "member", personId: f.people.chair.id, committeeIds: [f.committees.scrutiny.id] });
      const url = `/documents/${f.documents.exemptAppendix}`;
      const inside = await insider.request(url);
      expect(await inside.text()).toContain(SECRETS.pageText);
      expect(inside.headers.get("cache-control")).toBe("private, no-store");
      expect(await (await outsider.request(url)).text()).not.toContain(SECRETS.pageText);
      const clerk = as({ kind: "clerk" });
      expect(await (await clerk.request(`/people/${f.people.chair.slug}`)).text()).toContain(SECRETS.sensitiveInterest);
      expect(await (await insider.request(`/people/${f.people.chair.slug}`)).text()).not.toContain(SECRETS.sensitiveInterest);
      // a vote under the exempt item: the committee's member sees it, a member of another committee does not
      const meetingUrl = `/meetings/${f.meetings.summer}`;
      expect(await (await insider.request(meetingUrl)).text()).toContain(VOTE_SECRETS.voteQuestion);
      expect(await (await outsider.request(meetingUrl)).text()).not.toContain(VOTE_SECRETS.voteQuestion);
      expect(await (await outsider.request(`/api/v1/votes/${v.exempt}`)).json()).toMatchObject({ error: { code: "not_found" } });
      // and the insider's view did not poison the public cache of the shared store
      expect(await (await app.request(url)).text()).not.toContain(SECRETS.pageText);
    });
  });
}
