import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { createAuthority } from "../../src/store/authorities.js";
import { dataVersion } from "../../src/store/queries/site.js";
import { importPaths } from "../../src/ingest/import-files.js";
import { authorityResolver } from "../../src/ingest/authority-for.js";
import { BORSETSHIRE_PACK } from "../../src/ingest/fixtures/borsetshire-pack.js";
import { createApp } from "../../src/web/app.js";

const dir = mkdtempSync(join(tmpdir(), "moot-page-cache-reimport-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const packFile = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const PACK = packFile("pack.txt", BORSETSHIRE_PACK);
// The same meeting's pack sent again with its report retitled: the old title is what a stale page would still show.
const RETITLED = packFile("retitled.txt", BORSETSHIRE_PACK.replaceAll("Hedgerow Management Plan", "Verge Cutting Schedule"));

/**
 * An import takes the council's data-version lock first but moves the version only when it
 * writes: councils' packs are fetched again on a schedule, and each unchanged one used to empty
 * every cached page of its council. A pack that does change something must still do so.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: a re-import and the council's cached pages`, () => {
    let store: TestStore;
    beforeEach(async () => {
      store = await freshStore(dialect);
    });
    afterEach(async () => store.cleanup());

    it("an unchanged pack leaves the version (and cached pages) alone; a changed one moves it and no page shows the old text", async () => {
      const a = await createAuthority(store, { slug: "borsetshire", name: "Borsetshire County Council" });
      const importInto = async (file: string) => {
        const run = await importPaths(authorityResolver(store, { authority: "borsetshire" }), [file], { threads: 1 });
        expect(run.failures).toEqual([]);
      };
      await importInto(PACK);
      const meeting = await store.db
        .selectFrom("meeting")
        .select("id")
        .where("authorityId", "=", a.id)
        .where("localDate", "=", "2024-04-10")
        .executeTakeFirstOrThrow();
      const app = createApp(store, { now: () => new Date("2024-04-05T09:00:00Z"), freshnessMs: 0 });
      const page = async () => (await app.request(`http://borsetshire.example/meetings/${meeting.id}`)).text();
      const before = await dataVersion(store, a.id);
      const first = await page();
      // The agenda item's heading (the new pack's report is a document of its own, listed beside the first).
      const heading = (title: string) => `">${title}</a></h3>`;
      expect(first).toContain(heading("Hedgerow Management Plan"));

      await importInto(PACK);
      expect(await dataVersion(store, a.id)).toEqual(before);
      expect(await page()).toBe(first);

      await importInto(RETITLED);
      expect((await dataVersion(store, a.id)).token).not.toBe(before.token);
      const after = await page();
      expect(after).toContain(heading("Verge Cutting Schedule"));
      expect(after).not.toContain(heading("Hedgerow Management Plan"));
    });
  });
}
