import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app.js";
import { searchGate } from "../../src/store/search-gate.js";
import { search } from "../../src/store/search.js";
import { PUBLIC } from "../../src/domain/viewer.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { buildWebFixture, FIXTURE_NOW, type WebFixture } from "../support/web-fixtures.js";

for (const dialect of DIALECTS) {
  describe(`${dialect}: search under load`, () => {
    let store: TestStore;
    let f: WebFixture;
    beforeAll(async () => {
      store = await freshStore(dialect);
      f = await buildWebFixture(store);
    });
    afterAll(() => store?.cleanup());

    it("every hit carries its meeting's date and committee", async () => {
      const hits = await search(store, f.authorityId, "library", { limit: 50 }, PUBLIC);
      expect(hits.length).toBeGreaterThan(0);
      const summer = hits.filter((h) => h.meetingId === f.meetings.summer);
      expect(summer.length).toBeGreaterThan(0);
      for (const h of summer)
        expect([h.meetingDate, h.committeeId, h.committeeName]).toEqual(["2025-07-14", f.committees.cabinet.id, "Cabinet"]);
      const app = createApp(store, { now: () => FIXTURE_NOW });
      const api = (await (await app.request("/api/v1/search?q=library")).json()) as { items: Array<Record<string, unknown>> };
      expect(api.items.find((h) => h.meetingId === f.meetings.summer)).toMatchObject({
        meetingDate: "2025-07-14",
        committeeName: "Cabinet",
      });
      expect(await (await app.request("/search?q=library")).text()).toMatch(/Cabinet, Monday 14 July 2025/);
    });

    it("when every search slot and queue place is taken, a search is refused with 429 and Retry-After, and runs again after", async () => {
      const app = createApp(store, { now: () => FIXTURE_NOW });
      const gate = searchGate(store);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      // Fill every slot and every queue place with searches that wait.
      const holders = Array.from({ length: gate.concurrency + gate.queueLimit }, () => gate.run(() => held));
      expect(gate.stats).toEqual({ running: gate.concurrency, waiting: gate.queueLimit });
      const page = await app.request("/search?q=library+shed");
      expect(page.status).toBe(429);
      expect(page.headers.get("retry-after")).toBe("1");
      const api = await app.request("/api/v1/search?q=library+shed");
      expect(api.status).toBe(429);
      expect(((await api.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
      release();
      await Promise.all(holders);
      expect(gate.stats).toEqual({ running: 0, waiting: 0 });
      expect((await app.request("/search?q=library+shed")).status).toBe(200);
    });
  });
}
