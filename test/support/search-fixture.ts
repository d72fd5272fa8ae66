import pg from "pg";
import { freshPostgresUrl } from "./stores.js";
import { migrate, openStore, type Store } from "../../src/store/open.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";

/**
 * A fresh PostgreSQL database with one made-up council whose one published agenda item,
 * "Quorvat bridge", is what the search tests find.
 */
export async function postgresSearchFixture(): Promise<{
  store: Store;
  db: Awaited<ReturnType<typeof freshPostgresUrl>>;
  authorityId: string;
}> {
  const db = await freshPostgresUrl();
  const store = openStore({ databaseUrl: db.url, dataDir: "/nonexistent-moot-test" });
  await migrate(store);
  const a = await createAuthority(store, { slug: "north", name: "North Borough Council" });
  const s = new Scope(store, a.id, "test");
  const c = await s.create("committee", { slug: "planning", name: "Planning", kind: "regulatory" });
  const m = await s.create("meeting", {
    committeeId: c.id,
    localDate: "2025-03-10",
    localTime: "18:00",
    startsAt: "2025-03-10T18:00:00Z",
    agendaPublishedAt: "2025-03-01T12:00:00Z",
  });
  await s.create("agenda_item", { meetingId: m.id, number: "1", position: 1, title: "Quorvat bridge", description: "Quorvat report" });
  return { store, db, authorityId: a.id };
}

/** Polls (bounded only to catch a hang) until `n` of this database's other sessions wait on a lock. */
export async function lockWaiters(holder: pg.Client, n: number): Promise<number> {
  let seen = -1;
  for (let i = 0; i < 3000 && seen !== n; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 20));
    const r = await holder.query(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'",
    );
    seen = r.rows[0].n;
  }
  return seen;
}

/** A session holding search_entry locked (a transaction it leaves open): a search on it waits, certainly running, until the holder rolls back. */
export async function lockSearchEntries(url: string): Promise<pg.Client> {
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  await holder.query("begin");
  await holder.query("lock table search_entry in access exclusive mode");
  return holder;
}
