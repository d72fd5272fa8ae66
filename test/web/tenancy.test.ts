import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app.js";
import { RECORD_TABLES } from "../../src/domain/records.js";
import { Scope } from "../../src/store/records.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { buildWebFixture, FIXTURE_NOW, markExempt, type WebFixture } from "../support/web-fixtures.js";
import { interopSamples } from "../interop/leak-samples.js";
import { addUser } from "../../src/workflow/accounts.js";
import { EditorClient } from "../support/editor-client.js";
import http from "node:http";
import { startServer } from "../../src/web/server.js";

/** A GET to a real server with the Host header given, as a browser on that host sends it. */
function getVia(port: number, host: string, path: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, headers: { host } }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      })
      .on("error", reject);
  });
}

/**
 * Two councils on one deployment with the same committees, people and slugs (the same
 * fixture twice). Felpersham's records carry a marker word and their own ids; no route of
 * Borchester's site (by its host or by its prefix on a shared host) may show either.
 */
type App = ReturnType<typeof createApp>;
const MARKER = "quillfeather";
const A = { slug: "borchester", name: "Borchester Borough Council", hosts: ["democracy.borchester.example"] };
const B = { slug: "felpersham", name: "Felpersham District Council", hosts: ["democracy.felpersham.example"] };
const SHARED = "http://councils.example";

/** Sample values for a route parameter, by the collection it follows ("/meetings/:id"). */
function valuesFor(collection: string, param: string, f: WebFixture, ids: Record<string, string[]>): string[] | null {
  const c = Object.values(f.committees);
  const p = Object.values(f.people);
  if (param.startsWith("file")) return ["meetings", "papers", "decisions"].flatMap((n) => [`${n}.atom`, `${n}.rss`]);
  switch (collection) {
    case "committees":
      return param === "slug" ? c.map((x) => x.slug) : c.map((x) => x.id);
    case "people":
      return param === "slug" ? p.map((x) => x.slug) : p.map((x) => x.id);
    case "meetings":
      return Object.values(f.meetings);
    case "items":
      return Object.values(f.items);
    case "documents":
      return Object.values(f.documents);
    case "decisions":
      return Object.values(f.decisions);
    case "actions":
      return Object.values(f.actions);
    case "accounts":
      // Sign-in accounts are not records; their ids are read apart (idsOf).
      return ids.user_account ?? null;
    default:
      // A collection added later ("/votes/:id"): every record of its table in this authority.
      return ids[collection.replace(/s$/, "").replace(/-/g, "_")] ?? null;
  }
}

/** Ids of every record of one authority, by table. */
async function idsOf(store: TestStore, authorityId: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const s = new Scope(store, authorityId, "test");
  for (const t of RECORD_TABLES) out[t] = (await s.list(t)).map((r) => r.id);
  const accounts = await store.db.selectFrom("user_account").select("id").where("authorityId", "=", authorityId).execute();
  out.user_account = accounts.map((a) => a.id);
  return out;
}

/** Every GET route of the app with sample URLs from fixture f; routes it cannot fill are returned apart. */
function sampleUrls(app: App, f: WebFixture, ids: Record<string, string[]>): { urls: string[]; unfilled: string[] } {
  const routes = [...new Set(app.routes.filter((r) => r.method === "GET" && !r.path.includes("*")).map((r) => r.path))];
  const urls: string[] = [];
  const unfilled: string[] = [];
  for (const route of routes) {
    if (/^\/assets\//.test(route)) continue;
    let out = [""];
    const segs = route.split("/").slice(1);
    for (const [i, seg] of segs.entries()) {
      if (!seg.startsWith(":")) {
        out = out.map((u) => `${u}/${seg}`);
        continue;
      }
      const values = valuesFor(segs[i - 1] ?? "", seg.slice(1).replace(/\{.*$/, ""), f, ids);
      if (!values) {
        unfilled.push(route);
        out = [];
        break;
      }
      out = out.flatMap((u) => values.map((v) => `${u}/${v}`));
    }
    urls.push(...out.map((u) => u || "/"));
  }
  for (const q of [MARKER, "library", "depot", "cabinet"]) urls.push(`/search?q=${q}`, `/api/v1/search?q=${q}&limit=100`);
  urls.push("/api/v1/meetings?limit=100", "/api/v1/documents?limit=100", "/api/v1/decisions?limit=100", "/api/v1/actions?limit=100");
  return { urls, unfilled };
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: two councils with the same committees on one deployment`, () => {
    let store: TestStore;
    let a: WebFixture;
    let b: WebFixture;
    let app: App;
    let bIds: string[];
    let aTables: Record<string, string[]>;
    let bTables: Record<string, string[]>;
    /** OParl, ModernGov-service, open-data and alerts URLs of each council (their parameters are not record ids). */
    let aInterop: string[];
    let bInterop: string[];

    beforeAll(async () => {
      store = await freshStore(dialect);
      a = await buildWebFixture(store, A);
      b = await buildWebFixture(store, B);
      await markExempt(store, a);
      // Felpersham's own words, in places every kind of page shows.
      const s = new Scope(store, b.authorityId, "clerk");
      await s.update("committee", b.committees.cabinet.id, { description: `The ${MARKER} executive.` });
      await s.update("meeting", b.meetings.summer, { venue: `${MARKER} Hall` });
      await s.update("agenda_item", b.items.library, { title: `${MARKER} library review`, description: `${MARKER} branch` });
      await s.update("person", b.people.chair.id, { ward: `${MARKER} ward` });
      await s.update("decision", b.decisions.library, { text: `Agreed the ${MARKER} plan.` });
      await s.update("action", b.actions.open, { text: `${MARKER} survey` });
      // A Felpersham account, so Borchester's administrator is probed with its id too.
      await addUser(s, { username: "fclerk", role: "clerk", displayName: `${MARKER} clerk`, password: "correct horse battery staple" });
      aTables = await idsOf(store, a.authorityId);
      bTables = await idsOf(store, b.authorityId);
      bIds = Object.values(bTables).flat();
      aInterop = Object.values(await interopSamples(store, a.authorityId, A.slug)).flat();
      bInterop = Object.values(await interopSamples(store, b.authorityId, B.slug)).flat();
      // Felpersham's exempt papers too: ids that no Borchester account may reach.
      await markExempt(store, b);
      const sa = new Scope(store, a.authorityId, "test");
      await addUser(sa, { username: "clerk", role: "clerk", password: "correct horse battery staple" });
      await addUser(sa, { username: "admin", role: "admin", password: "correct horse battery staple" });
      await addUser(sa, { username: "member", role: "member", personId: a.people.chair.id, password: "correct horse battery staple" });
      app = createApp(store, { now: () => FIXTURE_NOW });
    });
    afterAll(() => store?.cleanup());

    const leaksOf = async (origin: string, urls: string[], headers: Record<string, string> = {}) => {
      const found: string[] = [];
      for (const url of urls) {
        const res = await app.request(`${origin}${url}`, { headers });
        const body = (await res.text()).toLowerCase();
        const echo = new URL(url, "http://x").searchParams.get("q");
        if (body.includes(MARKER) && echo !== MARKER) found.push(`${url} (${res.status}) shows the marker`);
        // A "not found" page may echo the id it was asked for; that is the asker's text, not a leak.
        const id = bIds.find((x) => body.includes(x.toLowerCase()) && !url.includes(x));
        if (id) found.push(`${url} (${res.status}) shows record ${id}`);
      }
      return found;
    };

    it("the probe finds Felpersham's marker and ids on Felpersham's own site (so it could find a leak)", async () => {
      const { urls, unfilled } = sampleUrls(app, b, bTables);
      // Interop routes landed after this test; their parameters are not record ids (TODO: fill them here too).
      const LATER = [
        "/mgWebService.asmx/:operation",
        "/oparl/v1/body/:body",
        "/oparl/v1/body/:body/:list",
        "/oparl/v1/:kind/:id",
        "/alerts/confirm/:token",
        "/alerts/unsubscribe/:token",
      ];
      expect(
        unfilled.filter((r) => !LATER.includes(r)),
        "routes with parameters this test cannot fill: add them to valuesFor",
      ).toEqual([]);
      const own = await leaksOf(`http://${B.hosts[0]}`, urls);
      for (const page of [
        "/committees/cabinet",
        `/meetings/${b.meetings.summer}`,
        "/search?q=library",
        "/api/v1/decisions?limit=100",
        "/feeds/decisions.atom",
      ])
        expect(
          own.some((l) => l.startsWith(`${page} `)),
          page,
        ).toBe(true);
      const viaPrefix = await leaksOf(`${SHARED}/${B.slug}`, ["/people/ada-hart", "/calendar.ics", "/sitemap.xml"]);
      for (const page of ["/people/ada-hart", "/calendar.ics", "/sitemap.xml"])
        expect(
          viaPrefix.some((l) => l.startsWith(`${page} `)),
          page,
        ).toBe(true);
    });

    it("no route, feed, search or API call of Borchester's site shows Felpersham's records, by host or by prefix", async () => {
      const mine = sampleUrls(app, a, aTables).urls;
      // Felpersham's ids asked of Borchester's site: not found, never served.
      const theirs = sampleUrls(app, b, bTables).urls;
      expect(mine.length).toBeGreaterThan(60);
      for (const origin of [`http://${A.hosts[0]}`, `${SHARED}/${A.slug}`]) {
        expect(await leaksOf(origin, [...mine, ...theirs, ...aInterop, ...bInterop]), origin).toEqual([]);
      }
      for (const url of [`/meetings/${b.meetings.summer}`, `/documents/${b.documents.report}`, `/api/v1/meetings/${b.meetings.summer}`])
        expect((await app.request(`http://${A.hosts[0]}${url}`)).status, url).toBe(404);
      // Felpersham's own site sees its own, not Borchester's exempt-marked originals as its own.
      const feed = await (await app.request(`http://${B.hosts[0]}/feeds/decisions.atom`)).text();
      expect(feed).toContain(MARKER);
    });

    it("through the Node server, where the prefix is taken off before Hono: the same answers, no Felpersham record, links kept under the prefix", async () => {
      // The real server settles the authority from the Node request (app.ts settleIncoming), not
      // in app.fetch as app.request() does: every URL must answer alike both ways.
      const server = await startServer(store, { port: 0, now: () => FIXTURE_NOW });
      try {
        const shared = new URL(SHARED).host;
        const urls = [...sampleUrls(app, a, aTables).urls, ...sampleUrls(app, b, bTables).urls, ...aInterop, ...bInterop];
        const found: string[] = [];
        for (const url of urls) {
          const res = await getVia(server.port, shared, `/${A.slug}${url}`);
          expect(res.status, url).toBe((await app.request(`${SHARED}/${A.slug}${url}`)).status);
          const body = res.body.toLowerCase();
          if (body.includes(MARKER) && new URL(url, "http://x").searchParams.get("q") !== MARKER) found.push(`${url} shows the marker`);
          const id = bIds.find((x) => body.includes(x.toLowerCase()) && !url.includes(x));
          if (id) found.push(`${url} shows record ${id}`);
        }
        expect(found).toEqual([]);
        for (const page of ["/", "/committees/cabinet", "/search?q=library", "/sign-in", "/alerts"]) {
          const html = (await getVia(server.port, shared, `/${A.slug}${page}`)).body;
          const links = [...html.matchAll(/\s(?:href|src|action)="(\/[^"]*)"/g)].map((m) => m[1]!);
          expect(
            links.filter((u) => !u.startsWith(`/${A.slug}/`) || u.startsWith(`/${A.slug}/${A.slug}`)),
            page,
          ).toEqual([]);
        }
        // The query string survives the prefix coming off; the search finds the page's own words.
        expect((await getVia(server.port, shared, `/${A.slug}/search?q=library`)).body).toContain('value="library"');
        expect((await getVia(server.port, shared, `/${A.slug}/editor`)).headers.location).toBe(`/${A.slug}/sign-in?next=%2Feditor`);
        expect((await getVia(server.port, shared, `/${B.slug}/committees`)).body).toContain(B.name);
        expect((await getVia(server.port, shared, "/")).body).toContain(`href="/${B.slug}/"`);
        expect((await getVia(server.port, shared, "/nowhere/committees")).status).toBe(404);
        // By its own host name a council's site has no prefix, and its links none.
        const byHost = await getVia(server.port, A.hosts[0]!, "/committees");
        expect(byHost.body).toContain('href="/committees/cabinet"');
        expect(byHost.body).toContain(A.name);
      } finally {
        await server.close();
      }
    });

    for (const role of ["admin", "clerk", "member"] as const)
      it(`signed in as Borchester's ${role}: no route of Borchester's site, interop and alerts included, shows Felpersham's drafts, exempt papers or records`, async () => {
        const client = new EditorClient({ request: (path, init) => app.request(`http://${A.hosts[0]}${path}`, init) });
        expect((await client.signIn(role, "correct horse battery staple")).status).toBe(303);
        const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
        const urls = [...sampleUrls(app, a, aTables).urls, ...sampleUrls(app, b, bTables).urls, ...aInterop, ...bInterop];
        expect(await leaksOf(`http://${A.hosts[0]}`, urls, { cookie })).toEqual([]);
        // The session is Borchester's: carried to Felpersham it is no one's, and opens no editor there.
        const carried = await app.request(`http://${B.hosts[0]}/editor/meetings/${b.meetings.summer}`, { headers: { cookie } });
        expect(carried.status).toBe(303);
        expect(carried.headers.get("location")).toMatch(/^\/sign-in/);
      });

    it("routes by host name and by path prefix; the shared root lists the councils; links keep the prefix", async () => {
      const root = await app.request(`${SHARED}/`);
      expect(root.status).toBe(200);
      const list = await root.text();
      expect(list).toContain(`href="/${A.slug}/"`);
      expect(list).toContain(`href="/${B.slug}/"`);
      expect((await app.request(`${SHARED}/nowhere/committees`)).status).toBe(404);
      expect((await app.request(`${SHARED}/committees`)).status).toBe(404);

      const byHost = await (await app.request(`http://${A.hosts[0]}/committees`)).text();
      expect(byHost).toContain('href="/committees/cabinet"');
      const byPrefix = await (await app.request(`${SHARED}/${A.slug}/committees`)).text();
      expect(byPrefix).toContain(`href="/${A.slug}/committees/cabinet"`);
      expect(byPrefix).toContain(A.name);
      // Every root-relative link, form and stylesheet on a prefixed page stays under the prefix.
      // Pages whose route builds its own response from a rendered page (the alerts pages) too.
      for (const page of [
        "/",
        "/committees/cabinet",
        `/meetings/${a.meetings.summer}`,
        "/search?q=library",
        "/sign-in",
        "/api/v1",
        "/alerts",
      ]) {
        const html = await (await app.request(`${SHARED}/${A.slug}${page}`)).text();
        const links = [...html.matchAll(/\s(?:href|src|action)="(\/[^"]*)"/g)].map((m) => m[1]!);
        expect(links.length, page).toBeGreaterThan(0);
        // Every link under the prefix, and under it once: a link prefixed twice leads nowhere.
        expect(
          links.filter((u) => !u.startsWith(`/${A.slug}/`) || u.startsWith(`/${A.slug}/${A.slug}`)),
          page,
        ).toEqual([]);
      }
      // The same path under two prefixes is two pages (the page cache keeps them apart).
      expect(await (await app.request(`${SHARED}/${B.slug}/committees`)).text()).toContain(B.name);
      expect(await (await app.request(`${SHARED}/${A.slug}/committees`)).text()).not.toContain(B.name);

      const signIn = await app.request(`${SHARED}/${A.slug}/editor`);
      expect(signIn.headers.get("location")).toBe(`/${A.slug}/sign-in?next=%2Feditor`);
      const form = await app.request(`${SHARED}/${A.slug}/sign-in`);
      expect(form.headers.getSetCookie().join("\n")).toMatch(new RegExp(`Path=/${A.slug}(;|$)`, "m"));

      const feed = await (await app.request(`${SHARED}/${A.slug}/feeds/meetings.atom`)).text();
      expect(feed).toContain(`${SHARED}/${A.slug}/meetings/${a.meetings.summer}`);
      const sitemap = await (await app.request(`${SHARED}/${A.slug}/sitemap.xml`)).text();
      expect(sitemap).toContain(`<loc>${SHARED}/${A.slug}/committees/cabinet</loc>`);
      const page = (await (await app.request(`${SHARED}/${A.slug}/api/v1/meetings?limit=1`)).json()) as { next: string };
      expect(page.next).toMatch(new RegExp(`^/${A.slug}/api/v1/meetings\\?`));
      const ocd = (await (await app.request(`${SHARED}/${A.slug}/api/v1/meetings/${a.meetings.summer}/ocd`)).json()) as {
        links: Array<{ url: string }>;
      };
      expect(ocd.links[0]!.url).toBe(`${SHARED}/${A.slug}/meetings/${a.meetings.summer}`);
    });
  });
}
