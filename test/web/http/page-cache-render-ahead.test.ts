import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshStore, type TestStore } from "../../support/stores.js";
import { buildWebFixture, FIXTURE_NOW, type WebFixture } from "../../support/web-fixtures.js";
import { Scope } from "../../../src/store/records.js";
import type { App } from "../../../src/web/app.js";
import { createApp } from "../../../src/web/app.js";
import { startServer } from "../../../src/web/server.js";

/**
 * What the page cache does around a render: concurrent misses for one page (nginx has no lock)
 * wait for one render, and a server renders a council's recent pages again after its version
 * moves, before anyone asks. A page that counts its renders shows both.
 */
describe("page cache: one render per page and version", () => {
  let store: TestStore;
  let f: WebFixture;
  let renders = 0;
  const counted = (app: App) => {
    app.get("/counted", async (c) => {
      renders++;
      // Long enough for a second request to arrive while the first renders.
      await new Promise((r) => setTimeout(r, 100));
      return c.html(`<p>render ${renders}</p>`);
    });
  };

  beforeAll(async () => {
    store = await freshStore("sqlite");
    f = await buildWebFixture(store, { slug: "borchester", name: "Borchester Borough Council" });
  });
  afterAll(async () => {
    await store?.cleanup();
  });

  it("concurrent requests for a page not yet kept wait for one render", async () => {
    renders = 0;
    const app = createApp(store, { now: () => FIXTURE_NOW, freshnessMs: 0, extraRoutes: [counted] });
    const bodies = await Promise.all([1, 2, 3, 4].map(async () => (await app.request("/counted")).text()));
    expect(renders).toBe(1);
    expect(new Set(bodies)).toEqual(new Set(["<p>render 1</p>"]));
  });

  it("after a write, a server renders the council's recent pages again before anyone asks, at the new version", async () => {
    renders = 0;
    const server = await startServer(store, { port: 0, now: () => FIXTURE_NOW, extraRoutes: [counted] });
    try {
      expect(await (await fetch(`${server.url}/counted`)).text()).toBe("<p>render 1</p>");
      expect(await (await fetch(`${server.url}/counted`)).text()).toBe("<p>render 1</p>");
      await new Scope(store, f.authorityId, "clerk").update("committee", f.committees.cabinet.id, { description: "A change" });
      // No request is made meanwhile: only the server itself can render it.
      for (let i = 0; i < 600 && renders < 2; i++) await new Promise((r) => setTimeout(r, 50));
      expect(renders).toBe(2);
      // The next visitor gets that render, from memory.
      expect(await (await fetch(`${server.url}/counted`)).text()).toBe("<p>render 2</p>");
      expect(renders).toBe(2);
    } finally {
      await server.close();
    }
  });
});
