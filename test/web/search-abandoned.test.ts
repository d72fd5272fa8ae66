import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../../src/web/server.js";
import { searchGate } from "../../src/store/search-gate.js";
import { freshStore, type TestStore } from "../support/stores.js";
import { buildWebFixture, FIXTURE_NOW } from "../support/web-fixtures.js";

/** Polls until `ok` holds (no deadline of its own: the test's timeout is the only one). */
async function until(ok: () => boolean): Promise<void> {
  while (!ok()) await new Promise((r) => setTimeout(r, 10));
}

/**
 * Over a real connection: a search whose client hangs up while it waits for a slot leaves the
 * queue and never reaches the database, and one whose client stays is answered. Both the
 * search page and the API's search take the request's abandonment from the server.
 */
describe("HTTP server: abandoned searches", () => {
  let store: TestStore;
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    store = await freshStore("sqlite");
    await buildWebFixture(store);
    server = await startServer(store, { port: 0, now: () => FIXTURE_NOW, freshnessMs: 200 });
  });
  afterAll(async () => {
    await server.close();
    await store.cleanup();
  });

  for (const path of ["/search?q=library", "/api/v1/search?q=library"])
    it(`${path}: the abandoned one leaves the queue, the other is answered`, async () => {
      const gate = searchGate(store);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const holders = Array.from({ length: gate.concurrency }, () => gate.run(() => held));
      expect(gate.stats).toEqual({ running: gate.concurrency, waiting: 0 });

      const staying = fetch(`${server.url}${path}&who=staying`);
      await until(() => gate.stats.waiting === 1);
      const leaving = new AbortController();
      const left = fetch(`${server.url}${path}&who=leaving`, { signal: leaving.signal }).catch((e: Error) => e.name);
      await until(() => gate.stats.waiting === 2);
      leaving.abort();
      expect(await left).toBe("AbortError");
      // The server saw the connection close and took the search out of the queue.
      await until(() => gate.stats.waiting === 1);

      release();
      await Promise.all(holders);
      const answer = await staying;
      expect(answer.status).toBe(200);
      expect(await answer.text()).toMatch(/library/i);
      expect(gate.stats).toEqual({ running: 0, waiting: 0 });
    });
});
