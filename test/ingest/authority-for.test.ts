import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { authorityByName, createAuthority, listAuthorities, updateAuthority } from "../../src/store/authorities.js";
import { exportAuthority } from "../../src/store/export.js";
import { RECORD_TABLES } from "../../src/domain/records.js";
import { importPaths } from "../../src/ingest/import-files.js";
import { authorityResolver } from "../../src/ingest/authority-for.js";
import { BORSETSHIRE_PACK } from "../../src/ingest/fixtures/borsetshire-pack.js";

const dir = mkdtempSync(join(tmpdir(), "moot-authority-for-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const packFile = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const CAPITALS = packFile("capitals.txt", BORSETSHIRE_PACK.replace("Borsetshire County Council\n", "BORSETSHIRE COUNTY COUNCIL\n"));
const UNNAMED = packFile("unnamed.txt", BORSETSHIRE_PACK.replace("Borsetshire County Council\n", ""));

for (const dialect of DIALECTS) {
  describe(`${dialect}: where an imported pack belongs`, () => {
    let store: TestStore;
    beforeEach(async () => {
      store = await freshStore(dialect);
    });
    afterEach(async () => store.cleanup());

    /** Rows of every table, whoever they belong to: "nothing written" means none of these moved. */
    const everything = async () => {
      const out: Record<string, number> = {};
      for (const t of [...RECORD_TABLES, "authority", "audit_entry", "search_entry"] as const)
        out[t] = Number(
          (
            await store.db
              .selectFrom(t as "authority")
              .select((eb) => eb.fn.countAll().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
      return out;
    };

    it("matches an authority by normalised name, short name and aliases", async () => {
      const kent = await createAuthority(store, { slug: "kent", name: "Kent County Council", aliases: ["KCC"] });
      await createAuthority(store, { slug: "kent-borough", name: "Kent Borough Council" });
      for (const printed of ["KENT COUNTY COUNCIL", "Kent County Council", "Kent CC", "The Kent County Council", "kcc"])
        expect((await authorityByName(store, printed))?.id, printed).toBe(kent.id);
      expect((await authorityByName(store, "Kent BC"))?.slug).toBe("kent-borough");
      expect(await authorityByName(store, "Kent District Council")).toBeUndefined();
      // One name must lead to one authority.
      await expect(createAuthority(store, { slug: "kent-2", name: "KENT CC" })).rejects.toMatchObject({ code: "conflict" });
      await expect(updateAuthority(store, kent.id, { aliases: ["Kent Borough Council"] })).rejects.toMatchObject({ code: "conflict" });
    });

    it("imports a pack printed in capitals into the existing authority, and creates none", async () => {
      const a = await createAuthority(store, { slug: "borsetshire", name: "Borsetshire County Council", shortName: "Borsetshire CC" });
      const run = await importPaths(authorityResolver(store, {}), [CAPITALS]);
      expect(run.failures).toEqual([]);
      const all = await listAuthorities(store);
      expect(all.map((x) => x.id)).toEqual([a.id]);
      expect(run.counts.meeting?.created).toBe(2);
    });

    it("creates a new council from its printed capitals as a person would write the name", async () => {
      const created: string[] = [];
      const run = await importPaths(authorityResolver(store, { onCreate: (a) => created.push(a.name) }), [CAPITALS]);
      expect(run.failures).toEqual([]);
      expect(created).toEqual(["Borsetshire County Council"]);
      expect((await listAuthorities(store)).map((a) => [a.slug, a.name])).toEqual([
        ["borsetshire-county-council", "Borsetshire County Council"],
      ]);
    });

    it("refuses a pack that names no authority before anything is written", async () => {
      await createAuthority(store, { slug: "one", name: "One District Council" });
      await createAuthority(store, { slug: "two", name: "Two District Council" });
      const before = await everything();
      const run = await importPaths(authorityResolver(store, {}), [UNNAMED]);
      expect(run.failures.map((f) => f.reason)).toEqual([expect.stringMatching(/never names its authority; give --authority/)]);
      expect(await everything()).toEqual(before);
      // Named with --authority, it goes there.
      const named = await importPaths(authorityResolver(store, { authority: "two" }), [UNNAMED]);
      expect(named.failures).toEqual([]);
    });

    it("a pack that fails to load leaves no new authority behind", async () => {
      const before = await everything();
      const created: string[] = [];
      const run = await importPaths(authorityResolver(store, { onCreate: (a) => created.push(a.slug) }), [CAPITALS], {
        onStage: (stage) => {
          if (stage === "documents") throw new Error("disk full");
        },
      });
      expect(run.failures.map((f) => f.reason)).toEqual([expect.stringMatching(/disk full/)]);
      expect(created).toEqual([]);
      expect(await everything()).toEqual(before);
      // --authority naming a missing authority is refused too, and creates nothing.
      const missing = await importPaths(authorityResolver(store, { authority: "nowhere" }), [CAPITALS]);
      expect(missing.failures.map((f) => f.reason)).toEqual([expect.stringMatching(/no authority "nowhere"/)]);
      expect(await everything()).toEqual(before);
    });

    it("an import into one authority changes nothing in another with the same committees", async () => {
      const a = await createAuthority(store, { slug: "north", name: "North District Council" });
      const b = await createAuthority(store, { slug: "south", name: "South District Council" });
      const first = await importPaths(authorityResolver(store, { authority: "south" }), [UNNAMED]);
      expect(first.failures).toEqual([]);
      const southBefore = await exportAuthority(store, b.id, { files: false });
      const run = await importPaths(authorityResolver(store, { authority: "north" }), [UNNAMED]);
      expect(run.failures).toEqual([]);
      expect(run.counts.committee?.created).toBeGreaterThan(0);
      expect(await exportAuthority(store, b.id, { files: false })).toEqual(southBefore);
      const north = await exportAuthority(store, a.id, { files: false });
      expect(north.records.committee.map((c) => c.slug).sort()).toEqual(southBefore.records.committee.map((c) => c.slug).sort());
      expect(north.records.meeting.length).toBe(southBefore.records.meeting.length);
    });
  });
}
