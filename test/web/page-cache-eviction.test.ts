import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app.js";
import { freshStore, type TestStore } from "../support/stores.js";
import { buildWebFixture, FIXTURE_NOW, type WebFixture } from "../support/web-fixtures.js";

/**
 * The shared page cache keeps the pages everyone reads: search answers (any text is a new
 * address) are not kept in it, and a page read often outlives pages read once.
 */
describe("page cache eviction", () => {
  let store: TestStore;
  let f: WebFixture;
  beforeAll(async () => {
    store = await freshStore("sqlite");
    f = await buildWebFixture(store);
  });
  afterAll(async () => store.cleanup());

  /** Changes the committee's description behind the store's back: only a page rendered again shows it. */
  const quietly = (description: string) =>
    store.db.updateTable("committee").set({ description }).where("id", "=", f.committees.cabinet.id).execute();

  it("searches, however many, do not push a cached page out, and their answers are not shared", async () => {
    const app = createApp(store, { now: () => FIXTURE_NOW, freshnessMs: 60_000, cacheEntries: 3 });
    const first = await (await app.request("/committees/cabinet")).text();
    await quietly("Rendered again");
    for (let n = 0; n < 10; n++) {
      const res = await app.request(`/search?q=budget&n=${n}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("private, max-age=60");
      const api = await app.request(`/api/v1/search?q=budget&n=${n}`);
      expect(api.status).toBe(200);
      expect(api.headers.get("cache-control")).toBe("private, max-age=60");
    }
    expect(await (await app.request("/committees/cabinet")).text()).toBe(first);
  });

  it("evicts the page used least recently, not the one cached first", async () => {
    const app = createApp(store, { now: () => FIXTURE_NOW, freshnessMs: 60_000, cacheEntries: 2 });
    await quietly("Before");
    const cabinet = await (await app.request("/committees/cabinet")).text();
    expect((await app.request(`/meetings/${f.meetings.summer}`)).status).toBe(200);
    // Read again: now the most recently used, so the next new page pushes out the summer meeting instead.
    await app.request("/committees/cabinet");
    expect((await app.request(`/meetings/${f.meetings.winter}`)).status).toBe(200);
    await quietly("After");
    expect(await (await app.request("/committees/cabinet")).text()).toBe(cabinet);
    expect(cabinet).toContain("Before");
  });
});
