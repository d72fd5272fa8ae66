import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportAuthority, loadAuthority } from "../../src/store/export.js";
import { ensureRefs, refsFor } from "../../src/store/queries/interop-refs.js";
import { allWardPostcodes, replaceWardPostcodes } from "../../src/store/queries/ward-postcodes.js";
import { Scope } from "../../src/store/records.js";
import { freshStore, type TestStore } from "../support/stores.js";
import { buildWebFixture, type WebFixture } from "../support/web-fixtures.js";

/** A council moved with `moot export` / `moot load` keeps the ModernGov ids its old links and clients use. */
describe("export and load carry ModernGov ids", () => {
  let from: TestStore;
  let f: WebFixture;
  const into: TestStore[] = [];
  beforeAll(async () => {
    from = await freshStore("sqlite");
    f = await buildWebFixture(from);
    for (const kind of ["committee", "meeting", "person"] as const) await ensureRefs(from, f.authorityId, kind);
    await replaceWardPostcodes(new Scope(from, f.authorityId, "test"), [
      { postcode: "ZZ1 1AA", ward: "North" },
      { postcode: "ZZ1 2BB", ward: "South" },
    ]);
  });
  afterAll(async () => {
    await from.cleanup();
    for (const s of into) await s.cleanup();
  });

  it("the loaded council answers to the same integer ids, and exports the same", async () => {
    const exp = await exportAuthority(from, f.authorityId, { files: false });
    expect(exp.interopRefs.length).toBeGreaterThanOrEqual(2 + 6 + 4);
    const target = await freshStore("sqlite");
    into.push(target);
    const r = await loadAuthority(target, JSON.parse(JSON.stringify(exp)));
    expect(r.counts.interop_ref).toBe(exp.interopRefs.length);
    for (const kind of ["committee", "meeting", "person"] as const)
      expect([...(await refsFor(target, f.authorityId, kind))].sort()).toEqual([...(await refsFor(from, f.authorityId, kind))].sort());
    expect((await exportAuthority(target, f.authorityId, { files: false })).interopRefs).toEqual(exp.interopRefs);
    // and finds councillors by the same postcodes
    expect(r.counts.ward_postcode).toBe(2);
    expect(await allWardPostcodes(target, f.authorityId)).toEqual(await allWardPostcodes(from, f.authorityId));
  });

  it("an export made before ids were carried still loads", async () => {
    const { interopRefs: _dropped, wardPostcodes: _too, ...old } = await exportAuthority(from, f.authorityId, { files: false });
    const target = await freshStore("sqlite");
    into.push(target);
    expect((await loadAuthority(target, JSON.parse(JSON.stringify(old)))).counts.interop_ref).toBe(0);
  });
});
