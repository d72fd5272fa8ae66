import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KyselyPlugin } from "kysely";
import { createApp } from "../../src/web/app.js";
import { Scope } from "../../src/store/records.js";
import type { Store } from "../../src/store/open.js";
import { freshStore, type TestStore } from "../support/stores.js";
import { buildWebFixture, FIXTURE_NOW, type WebFixture } from "../support/web-fixtures.js";

/** The store, counting the queries that read the committee table. */
function counting(store: Store): { store: Store; reads: () => number } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      if (args.node.kind === "SelectQueryNode" && /"name":"committee"/.test(JSON.stringify(args.node.from ?? {}))) n++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { store: { ...store, db: store.db.withPlugin(plugin) }, reads: () => n };
}

/**
 * The search form lists the council's committees. Under load every search waited for that list
 * (a query every search asks alike, behind the pages' queries in the pool), so it is read once
 * per reading of the authority: once per freshness window on a server, on every request without one.
 */
describe("the search page's committee list", () => {
  let store: TestStore;
  let f: WebFixture;
  beforeAll(async () => {
    store = await freshStore("sqlite");
    f = await buildWebFixture(store);
  });
  afterAll(async () => store.cleanup());

  it("is read once per freshness window, and searches still list every committee and find their hits", async () => {
    const c = counting(store);
    const app = createApp(c.store, { now: () => FIXTURE_NOW, freshnessMs: 60_000 });
    const first = await (await app.request("/search?q=library")).text();
    const before = c.reads();
    const second = await (await app.request("/search?q=budget")).text();
    const filtered = await (await app.request(`/search?q=library&committee=${f.committees.cabinet.slug}`)).text();
    expect(c.reads()).toBe(before);
    for (const html of [first, second, filtered]) {
      expect(html).toContain(`<option value="${f.committees.cabinet.slug}"`);
      expect(html).toContain(`<option value="${f.committees.scrutiny.slug}"`);
    }
    expect(first).toMatch(/<ol class="plain results"/);
    expect(filtered).toMatch(/<ol class="plain results"/);
  });

  it("without a freshness window, a committee added since the last search is listed at once", async () => {
    const app = createApp(store, { now: () => FIXTURE_NOW, freshnessMs: 0 });
    expect(await (await app.request("/search?q=library")).text()).not.toContain("Quorvat Panel");
    await new Scope(store, f.authorityId, "clerk").create("committee", { slug: "quorvat-panel", name: "Quorvat Panel", kind: "other" });
    expect(await (await app.request("/search?q=library")).text()).toContain('<option value="quorvat-panel">Quorvat Panel</option>');
  });
});
