import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, freshPostgresUrl } from "../support/stores.js";
import { migrate, openStore, type Store } from "../../src/store/open.js";
import { createApp } from "../../src/web/app.js";
import { Scope } from "../../src/store/records.js";
import { buildWebFixture, FIXTURE_NOW, type WebFixture } from "../support/web-fixtures.js";

/**
 * Two `moot serve` processes on one PostgreSQL database: each has its own pool and its own
 * page cache, as two processes do. A write through either empties the other's cached pages
 * of that council (the data version lives in the database), and only that council's.
 */
describe.runIf(DIALECTS.includes("postgres"))("postgres: page caches of two web processes invalidate each other", () => {
  let db: Awaited<ReturnType<typeof freshPostgresUrl>>;
  let one: Store;
  let two: Store;
  let f: WebFixture;
  let other: WebFixture;
  beforeAll(async () => {
    db = await freshPostgresUrl();
    one = openStore({ databaseUrl: db.url, dataDir: "/nonexistent-moot-one" });
    two = openStore({ databaseUrl: db.url, dataDir: "/nonexistent-moot-two" });
    await migrate(one);
    f = await buildWebFixture(one, { slug: "borchester", name: "Borchester Borough Council", hosts: ["b.example"] });
    other = await buildWebFixture(one, { slug: "felpersham", name: "Felpersham District Council", hosts: ["f.example"] });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await db?.drop();
  });

  it("a write in one process shows at once in the other's cached page; the other council's pages stay cached", async () => {
    const webA = createApp(one, { now: () => FIXTURE_NOW, freshnessMs: 0 });
    const webB = createApp(two, { now: () => FIXTURE_NOW, freshnessMs: 0 });
    const page = async (app: typeof webA, host: string) => (await app.request(`http://${host}/committees/cabinet`)).text();
    const first = await page(webB, "b.example");
    expect(first).not.toContain("Renamed in process one");
    // Cached in process two: a second request is the same bytes.
    expect(await page(webB, "b.example")).toBe(first);
    const otherCouncil = await page(webB, "f.example");
    await new Scope(one, f.authorityId, "clerk").update("committee", f.committees.cabinet.id, { description: "Renamed in process one" });
    expect(await page(webB, "b.example")).toContain("Renamed in process one");
    // And the other way round.
    await new Scope(two, f.authorityId, "clerk").update("committee", f.committees.cabinet.id, { description: "Then in process two" });
    expect(await page(webA, "b.example")).toContain("Then in process two");
    // Felpersham's cached page is untouched by Borchester's writes.
    expect(await page(webB, "f.example")).toBe(otherCouncil);
    expect(other.authorityId).not.toBe(f.authorityId);
  });
});
