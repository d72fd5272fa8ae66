import pg from "pg";

/**
 * Runs `fn` while this process holds a PostgreSQL session advisory lock named by `key`, taken on
 * a connection of its own (the work itself may use any other): processes started together on
 * one database take turns. The lock goes with the connection, so a process that dies holding it
 * frees it.
 */
export async function withAdvisoryLock<T>(databaseUrl: string, key: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock(hashtext($1))", [key]);
    return await fn();
  } finally {
    // Ending the session releases the lock.
    await client.end();
  }
}
