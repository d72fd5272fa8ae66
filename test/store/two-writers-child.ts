import { createInterface } from "node:readline";
import { openStore } from "../../src/store/open.js";
import { Scope } from "../../src/store/records.js";
import { putByNaturalKey } from "../../src/store/natural-keys.js";

/**
 * For two-writers.test.ts: a writer in a process of its own on the same database. It says
 * "ready", waits for "go", opens a transaction that reads the meeting's agenda and says "read",
 * waits for "write", then puts agenda item 1 by its natural key and commits, printing one JSON
 * line: whether it created the item or found it.
 */
const { dataDir, databaseUrl, authorityId, meetingId, title } = JSON.parse(process.argv[2]!) as {
  dataDir: string;
  databaseUrl: string | null;
  authorityId: string;
  meetingId: string;
  title: string;
};
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const waitFor = async (word: string) => {
  for (let l = await lines.next(); !l.done; l = await lines.next()) if (l.value.trim() === word) return;
  throw new Error(`stdin closed before "${word}"`);
};
const store = openStore({ dataDir, databaseUrl });
const scope = new Scope(store, authorityId, `user:${title}`);
await store.db.selectFrom("authority").select("id").execute();
process.stdout.write("ready\n");
await waitFor("go");
try {
  const put = await scope.transaction(async (s) => {
    await s.list("agenda_item", { meetingId });
    process.stdout.write("read\n");
    await waitFor("write");
    return putByNaturalKey(s, "agenda_item", { meetingId, number: "1", position: 0, title });
  });
  process.stdout.write(`${JSON.stringify({ ok: true, created: put.created, id: put.record.id })}\n`);
} catch (e) {
  process.stdout.write(`${JSON.stringify({ ok: false, code: (e as { code?: string }).code ?? null, message: (e as Error).message })}\n`);
}
await store.close();
process.exit(0);
