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
  });
}
