import type { Kysely } from "kysely";
import type pg from "pg";
import type { Database } from "./schema.js";

const pools = new WeakMap<Kysely<Database>, pg.Pool>();

/** Remembers the node-postgres pool under a Kysely instance, for the few callers that need its clients. */
export function rememberPool(db: Kysely<Database>, pool: pg.Pool): void {
  pools.set(db, pool);
}

/** The pool under `db` (a store's own PostgreSQL instance), or undefined (SQLite, or a transaction). */
export function poolOf(db: Kysely<Database>): pg.Pool | undefined {
  return pools.get(db);
}

/**
 * The server process a connection talks to. PostgreSQL tells every connection its process id
 * when it starts (BackendKeyData, which node-postgres keeps as `processID`), so asking with
 * `select pg_backend_pid()` costs a round trip that under load waited ~20 ms for a busy server.
 * The query remains for a connection that was never told (a proxy in front of the server).
 */
export async function backendPid(client: pg.PoolClient): Promise<number> {
  const known = (client as unknown as { processID?: number | null }).processID;
  if (typeof known === "number" && known > 0) return known;
  const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
  return rows[0]!.pid;
}
