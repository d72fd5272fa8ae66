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
