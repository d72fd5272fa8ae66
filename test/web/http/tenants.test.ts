import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { KyselyPlugin } from "kysely";
import { TenantDirectory } from "../../../src/web/http/tenants.js";
import { createAuthority } from "../../../src/store/authorities.js";
import { openStore, type Store } from "../../../src/store/open.js";
import { freshStore, type TestStore } from "../../support/stores.js";

/** The store, counting reads of the authority table; while `hold` is set, each waits for it. */
function watched(store: Store) {
  const state = { reads: 0, hold: null as Promise<void> | null };
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      if (args.node.kind === "SelectQueryNode" && /"name":"authority"/.test(JSON.stringify(args.node.from ?? {}))) state.reads++;
      return args.node;
    },
    transformResult: async (args) => {
      if (state.hold) await state.hold;
      return args.result;
    },
  };
  return { store: { ...store, db: store.db.withPlugin(plugin) }, state };
}

/**
 * Every request on a shared host resolves its authority from this list. Under load a re-read
 * of it waited behind the pages' queries in the pool, and every request that found the list
 * old waited with it (searches p99 370 ms): it is read once however many ask, and renewed in
 * the background before it lapses.
 */
describe("tenant directory freshness", () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await freshStore("sqlite");
    await createAuthority(store, { slug: "north", name: "North Borough Council" });
    await createAuthority(store, { slug: "south", name: "South District Council" });
  });
  afterAll(async () => store.cleanup());
  afterEach(() => {
    vi.useRealTimers();
  });

  it("requests that find the list old share one read", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const w = watched(store);
    const dir = new TenantDirectory(w.store, { freshnessMs: 1000 });
    await dir.resolve("moot.example", "/north/");
    vi.advanceTimersByTime(1500);
    const before = w.state.reads;
    const all = await Promise.all(Array.from({ length: 5 }, () => dir.resolve("moot.example", "/south/search")));
    expect(w.state.reads - before).toBe(1);
    expect(all.map((r) => (r.kind === "site" ? r.authority.slug : r.kind))).toEqual(Array(5).fill("south"));
  });

  it("past half the window, answers from memory while it reads again, and the renewed list serves the next window", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const w = watched(store);
    const dir = new TenantDirectory(w.store, { freshnessMs: 1000 });
    await dir.resolve("moot.example", "/north/");
    vi.advanceTimersByTime(600);
    let release!: () => void;
    w.state.hold = new Promise((r) => (release = r));
    const before = w.state.reads;
    // The read it starts is held: the answer cannot be waiting for it.
    const r = await dir.resolve("moot.example", "/north/");
    expect(r.kind === "site" && r.authority.slug).toBe("north");
    expect(w.state.reads - before).toBe(1);
    w.state.hold = null;
    release();
    await new Promise((r) => setTimeout(r, 0));
    // A window and a half after the first read, under half a window after the renewal began:
    // the renewed list answers, and nothing is read.
    vi.advanceTimersByTime(450);
    await dir.resolve("moot.example", "/south/");
    expect(w.state.reads - before).toBe(1);
  });

  it("a read begun before invalidate() is not kept: a new authority shows at once", async () => {
    const w = watched(store);
    const dir = new TenantDirectory(w.store, { freshnessMs: 60_000 });
    let release!: () => void;
    w.state.hold = new Promise((r) => (release = r));
    const old = dir.resolve("moot.example", "/east/");
    await new Promise((r) => setTimeout(r, 10));
    // Written through another connection: the held read keeps this store's one SQLite connection.
    const other = openStore({ dataDir: store.dataDir });
    await createAuthority(other, { slug: "east", name: "East Council" });
    await other.close();
    dir.invalidate();
    w.state.hold = null;
    release();
    await old;
    const r = await dir.resolve("moot.example", "/east/");
    expect(r.kind === "site" && r.authority.slug).toBe("east");
  });
});
