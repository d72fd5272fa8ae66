import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { buildWebFixture, FIXTURE_NOW, markExempt } from "../support/web-fixtures.js";

/** Follows every internal link from the home page: none may be broken or fail. */
for (const dialect of DIALECTS) {
  describe(`${dialect}: site crawl`, () => {
    let store: TestStore;
    let app: ReturnType<typeof createApp>;
    beforeAll(async () => {
      store = await freshStore(dialect);
      const f = await buildWebFixture(store);
      await markExempt(store, f);
      app = createApp(store, { now: () => FIXTURE_NOW });
    });
    afterAll(() => store.cleanup());

    it("every internal link answers, every page has one h1 and a title", async () => {
      const seen = new Set<string>(["/"]);
      const queue = ["/"];
      const broken: string[] = [];
      while (queue.length && seen.size < 400) {
        const url = queue.shift()!;
        const res = await app.request(url);
        const type = res.headers.get("content-type") ?? "";
        const exemptDownload = res.status === 403 && url.endsWith("/original");
        if (res.status !== 200 && !exemptDownload) broken.push(`${url} → ${res.status}`);
        if (!type.startsWith("text/html")) continue;
        const html = await res.text();
        if (res.status === 200) {
          expect(html.match(/<h1[ >]/g)?.length, `${url} h1`).toBe(1);
          expect(html, url).toMatch(/<title>[^<]+<\/title>/);
        }
        for (const m of html.matchAll(/href="(\/[^"#]*)(#[^"]*)?"/g)) {
          const link = m[1].replace(/&amp;/g, "&");
          if (!seen.has(link)) {
            seen.add(link);
            queue.push(link);
          }
        }
      }
      expect(broken).toEqual([]);
      expect(seen.size).toBeGreaterThan(40);
    });

    /**
     * The machine-readable routes (issue 13) as their clients walk them: OParl by the URLs in
     * its JSON, the ModernGov service by the links in its XML (old page links answer with a
     * redirect to a page that answers), the open-data page's downloads.
     */
    it("every link in the ModernGov service, OParl and open data answers", async () => {
      const ORIGIN = "http://localhost";
      const start = [
        "/open-data",
        "/open-data/popolo.json",
        "/open-data/public-records.zip",
        "/oparl/v1",
        "/mgWebService.asmx",
        "/mgWebService.asmx?WSDL",
        "/mgWebService.asmx/GetCommittees",
        "/mgWebService.asmx/GetCouncillorsByWard",
        "/mgWebService.asmx/GetAllMeetingsByDate?lCommitteeId=0",
      ];
      const seen = new Set<string>(start);
      const queue = [...start];
      const broken: string[] = [];
      const kinds = new Set<string>();
      while (queue.length && seen.size < 1500) {
        const url = queue.shift()!;
        let res = await app.request(url);
        if (res.status === 301 || res.status === 302) res = await app.request(res.headers.get("location")!.replace(ORIGIN, ""));
        const exemptDownload = res.status === 403 && url.includes("mgConvert2PDF");
        if (res.status !== 200 && !exemptDownload) broken.push(`${url} → ${res.status}`);
        const type = res.headers.get("content-type") ?? "";
        kinds.add(type.split(";")[0]!);
        if (!/json|xml/.test(type)) continue;
        const body = await res.text();
        const links = [
          ...[...body.matchAll(/"(http:\/\/localhost\/[^"]*)"/g)].map((m) => m[1]!),
          ...[...body.matchAll(/<url>([^<]+)<\/url>|<photo(?:small|big)url>([^<]+)</g)].map((m) => (m[1] ?? m[2])!),
          ...[...body.matchAll(/<meetingid>(\d+)<\/meetingid>/g)].map((m) => `/mgWebService.asmx/GetMeeting?lMeetingId=${m[1]}`),
          ...[...body.matchAll(/<attachmentid>(\d+)<\/attachmentid>/g)].map(
            (m) => `/mgWebService.asmx/GetAttachment?lAttachmentId=${m[1]}`,
          ),
          ...[...body.matchAll(/<councillorid>(\d+)<\/councillorid>/g)].map(
            (m) => `/mgWebService.asmx/GetCommitteesByUser?lUserId=${m[1]}`,
          ),
        ];
        for (const l of links) {
          if (!l.startsWith(ORIGIN) && !l.startsWith("/")) continue; // a photo on the council's own site
          const path = l.replace(ORIGIN, "").replace(/&amp;/g, "&");
          if (!seen.has(path)) {
            seen.add(path);
            queue.push(path);
          }
        }
      }
      expect(broken).toEqual([]);
      expect([...kinds]).toEqual(expect.arrayContaining(["application/json", "application/zip", "text/xml", "image/gif"]));
      expect([...seen].filter((u) => u.startsWith("/oparl/v1/")).length).toBeGreaterThan(20);
      expect([...seen].some((u) => u.startsWith("/mgWebService.asmx/GetMeeting?"))).toBe(true);
    });
  });
}
