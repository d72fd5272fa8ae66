import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, freshPostgresUrl } from "../support/stores.js";
import { migrate, openStore, type Store } from "../../src/store/open.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { dataVersions } from "../../src/store/queries/site.js";

/**
 * The data-version poll is a web process's heartbeat: every page and the proxy's version
 * question wait for it. Under load the main pool's connections are all busy with page queries;
 * the poll must not queue behind them (it did, and nginx's version questions timed out).
 */
describe.runIf(DIALECTS.includes("postgres"))("postgres: data versions are read on a connection of their own", () => {
  let db: Awaited<ReturnType<typeof freshPostgresUrl>>;
  let store: Store;
  beforeAll(async () => {
    db = await freshPostgresUrl();
    const before = process.env.MOOT_PG_POOL;
    process.env.MOOT_PG_POOL = "2";
    store = openStore({ databaseUrl: db.url, dataDir: "/nonexistent-moot-versions" });
    if (before === undefined) delete process.env.MOOT_PG_POOL;
    else process.env.MOOT_PG_POOL = before;
    await migrate(store);
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it("answers while every connection of the main pool is held", async () => {
    const a = await createAuthority(store, { slug: "borchester", name: "Borchester Borough Council" });
    await new Scope(store, a.id, "test").create("committee", { slug: "cabinet", name: "Cabinet", kind: "cabinet" });
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let holding = 0;
    const holders = [1, 2].map(() =>
      store.db.transaction().execute(async (trx) => {
        await trx.selectFrom("authority").select("id").execute();
        holding++;
        await held;
      }),
    );
    while (holding < 2) await new Promise((r) => setTimeout(r, 10));
    // Queued behind the holders, this would wait for ever: the race names that failure.
    const versions = await Promise.race([
      dataVersions(store),
      new Promise<"queued behind the main pool">((r) => setTimeout(() => r("queued behind the main pool"), 60_000).unref()),
    ]);
    release();
    await Promise.all(holders);
    expect(versions).toBeInstanceOf(Map);
    expect((versions as Map<string, { token: string }>).get(a.id)?.token).toMatch(/^v\d+$/);
  });
});
