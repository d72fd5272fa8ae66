import { createInterface } from "node:readline";
import { openStore } from "../../src/store/open.js";
import { Scope } from "../../src/store/records.js";
import { editMinute, recordAttendance } from "../../src/workflow/minutes.js";

/**
 * For races.test.ts: a second clerk in a process of its own, on the same database (the same
 * SQLite file, or the same PostgreSQL database). It opens the store, says "ready", waits for
 * "go" on stdin so the parent can start its own writes at the same moment, then works through
 * its jobs in order and prints one JSON line per job: what it did and how it ended.
 */
type Job =
  | { kind: "edit"; minuteId: string; revision: number; text: string }
  | { kind: "attendance"; meetingId: string; personId: string; status: "present" | "apologies" };

const { dataDir, databaseUrl, authorityId, jobs } = JSON.parse(process.argv[2]!) as {
  dataDir: string;
  databaseUrl: string | null;
  authorityId: string;
  jobs: Job[];
};
const store = openStore({ dataDir, databaseUrl });
const s = new Scope(store, authorityId, "user:clerk-two");
// One query first, so the connection is open before the race starts.
await store.db.selectFrom("authority").select("id").execute();
process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === "go") break;
for (const job of jobs) {
  try {
    if (job.kind === "edit") await editMinute(s.expecting("minute", job.minuteId, job.revision), job.minuteId, { text: job.text });
    else await recordAttendance(s, job.meetingId, [{ personId: job.personId, status: job.status, capacity: "member" }]);
    process.stdout.write(`${JSON.stringify({ ...job, ok: true })}\n`);
  } catch (e) {
    process.stdout.write(
      `${JSON.stringify({ ...job, ok: false, code: (e as { code?: string }).code ?? null, message: (e as Error).message })}\n`,
    );
  }
}
await store.close();
