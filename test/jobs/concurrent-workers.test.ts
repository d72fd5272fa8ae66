import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { BORSETSHIRE_PACK } from "../../src/ingest/fixtures/borsetshire-pack.js";
import { ROOT, runCli } from "../support/run-cli.js";
import { freshPostgresUrl } from "../support/stores.js";

/**
 * Several real `moot worker` processes working queued imports of the same and different packs
 * at once leave the store exactly as one serial `moot import` of those packs does: same rows,
 * no duplicates, every job completed (or failed with its reason), no job left behind.
 */
const PG = process.env.MOOT_TEST_POSTGRES_URL;
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "moot-workers-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Another made-up meeting: a different committee on a different day. */
const HIGHWAYS_PACK = BORSETSHIRE_PACK.replaceAll("Rural Affairs Scrutiny Committee", "Highways and Transport Committee").replaceAll(
  "10 April 2024",
  "17 April 2024",
);

/** Each table's rows by natural content (ids and times differ between two stores). */
async function snapshot(url: string): Promise<Record<string, string[]>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const q = async (sql: string) => (await c.query(sql)).rows.map((r) => Object.values(r).join("|")).sort();
    return {
      authority: await q("select slug, name from authority"),
      committee: await q("select name from committee"),
      meeting: await q("select c.name, m.local_date, m.local_time from meeting m join committee c on c.id = m.committee_id"),
      agenda_item: await q(
        "select c.name, m.local_date, a.number, a.title from agenda_item a join meeting m on m.id = a.meeting_id join committee c on c.id = m.committee_id",
      ),
      minute: await q(
        "select c.name, m.local_date, x.number from minute x join meeting m on m.id = x.meeting_id join committee c on c.id = m.committee_id",
      ),
      document: await q("select sha256, kind from document"),
      document_page: await q("select d.sha256, p.page_number from document_page p join document d on d.id = p.document_id"),
      person: await q("select name from person"),
      attendance: await q("select count(*) from attendance"),
    };
  } finally {
    await c.end();
  }
}

async function jobStates(url: string): Promise<{ name: string; state: string; output: unknown }[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query("select name, state, output from moot_jobs.job where name like 'moot-%'")).rows;
  } finally {
    await c.end();
  }
}

function startWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [`${ROOT}/bin/moot.js`, "worker"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return child;
}

const stopped = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 30_000).unref();
  });

describe.runIf(PG)("two moot worker processes importing at once", () => {
  it("leave what a serial import leaves, every job completed", async () => {
    const files = tmp();
    const rural = join(files, "rural-2024-04-10.txt");
    const highways = join(files, "highways-2024-04-17.txt");
    writeFileSync(rural, BORSETSHIRE_PACK);
    writeFileSync(highways, HIGHWAYS_PACK);

    const parallel = await freshPostgresUrl();
    const serial = await freshPostgresUrl();
    const workers: ChildProcess[] = [];
    try {
      const env = { MOOT_DATA_DIR: tmp(), DATABASE_URL: parallel.url, MOOT_WORKER_CONCURRENCY: "2", MOOT_IMPORT_WORKERS: "1" };
      expect((await runCli(["migrate"], env)).code).toBe(0);
      // The same pack three times and the other once, queued before any worker runs.
      for (const f of [rural, highways, rural, rural]) {
        const q = await runCli(["import", "--queue", f], env);
        expect(q.code, q.stderr).toBe(0);
      }
      workers.push(startWorker(env), startWorker(env));
      const deadline = Date.now() + 300_000;
      let jobs = await jobStates(parallel.url);
      while (Date.now() < deadline && (jobs.length < 4 || jobs.some((j) => !["completed", "failed"].includes(j.state)))) {
        await new Promise((r) => setTimeout(r, 1000));
        jobs = await jobStates(parallel.url);
      }
      expect(jobs.filter((j) => j.name === "moot-import")).toHaveLength(4);
      expect(
        jobs.filter((j) => j.state !== "completed"),
        JSON.stringify(jobs),
      ).toEqual([]);
      await Promise.all(workers.map(stopped));

      const serialEnv = { MOOT_DATA_DIR: tmp(), DATABASE_URL: serial.url };
      expect((await runCli(["migrate"], serialEnv)).code).toBe(0);
      const one = await runCli(["import", rural, highways], serialEnv);
      expect(one.code, one.stderr).toBe(0);

      const a = await snapshot(parallel.url);
      const b = await snapshot(serial.url);
      expect(a.meeting.length).toBeGreaterThanOrEqual(3);
      expect(a).toEqual(b);
      // No natural key twice.
      for (const rows of [a.meeting, a.agenda_item, a.minute, a.document]) expect(new Set(rows).size, rows.join("\n")).toBe(rows.length);
    } finally {
      await Promise.all(workers.map(stopped));
      await parallel.drop();
      await serial.drop();
    }
  }, 420_000);
});
