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

  it("with a freshness window: a write in one process shows in the other after it, and only the written council's pages are rendered again", async () => {
    const webB = createApp(two, { now: () => FIXTURE_NOW, freshnessMs: 300 });
    const page = async (host: string) => (await webB.request(`http://${host}/committees/cabinet`)).text();
    const borchester = await page("b.example");
    const felpersham = await page("f.example");
    // Stored behind the store's back (no data version raised): only a page rendered again could show it.
    await two.db
      .updateTable("committee")
      .set({ description: "Changed without a version" })
      .where("authorityId", "=", other.authorityId)
      .where("slug", "=", "cabinet")
      .execute();
    await new Scope(one, f.authorityId, "clerk").update("committee", f.committees.cabinet.id, { description: "Written in process one" });
    let seen = borchester;
    for (let i = 0; i < 100 && !seen.includes("Written in process one"); i++) {
      await new Promise((r) => setTimeout(r, 50));
      seen = await page("b.example");
    }
    expect(seen).toContain("Written in process one");
    // Felpersham's version did not move, so its page is the one cached before, however often the versions were read.
    expect(await page("f.example")).toBe(felpersham);
    // A council first asked for after the versions were read is served, then kept to its own version too.
    const third = await buildWebFixture(one, { slug: "loamshire", name: "Loamshire Council", hosts: ["l.example"] });
    const loamshire = await page("l.example");
    expect(loamshire).toContain("Cabinet");
    await new Scope(one, third.authorityId, "clerk").update("committee", third.committees.cabinet.id, {
      description: "Loamshire own words",
    });
    let later = loamshire;
    for (let i = 0; i < 100 && !later.includes("Loamshire own words"); i++) {
      await new Promise((r) => setTimeout(r, 50));
      later = await page("l.example");
    }
    expect(later).toContain("Loamshire own words");
  });
});
