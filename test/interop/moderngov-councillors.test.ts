import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { importModernGov } from "../../src/ingest/moderngov/import.js";
import { createApp } from "../../src/web/app.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { capture, capturePath, councillorCaptures, haveCaptures } from "./captures.js";

/**
 * A council built from its own published councillor list serves that list back byte for
 * byte: element order, CRLF, indentation, empty elements, counters, dates, raw UTF-8 and TABs.
 */
for (const dialect of DIALECTS) {
  describe.skipIf(!haveCaptures)(`${dialect}: GetCouncillorsByWard replays the captured councils byte for byte`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await freshStore(dialect);
    });
    afterAll(() => store.cleanup());

    const files = councillorCaptures();
    it("has the captured councils to compare with", () => expect(files.length).toBeGreaterThanOrEqual(12));
    for (const file of files) {
      it(file.split("__")[1], async () => {
        const raw = capture(file);
        const slug = file
          .split("__")[1]
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/-+$/, "");
        const a = await createAuthority(store, { slug, name: slug });
        const scope = new Scope(store, a.id, "test");
        const run = await importModernGov(scope, [capturePath(file)]);
        if (!raw.startsWith("<?xml")) {
          // A saved error or redirect page: refused with its reason, nothing stored.
          expect(run.failures).toHaveLength(1);
          expect(run.failures[0].reason).toMatch(/not a ModernGov response/);
          return;
        }
        expect(run.failures).toEqual([]);
        const app = createApp(store, { authorityId: a.id });
        const res = await app.request("http://moot.example/mgWebService.asmx/GetCouncillorsByWard");
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("text/xml; charset=utf-8");
        const served = Buffer.from(await res.arrayBuffer()).toString("utf8");
        // Data typed HTML-escaped at source ("Labour &amp;amp; Co-operative") is stored unescaped once.
        expect(served).toBe(raw.replace(/&amp;amp;/g, "&amp;"));
        // and importing the same list again changes nothing
        const again = await importModernGov(scope, [capturePath(file)]);
        expect(again.counts).toMatchObject({ created: {}, updated: {} });
      });
    }
  });
}
