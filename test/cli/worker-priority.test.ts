import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { getPriority, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/run-cli.js";
import { freshPostgresUrl } from "../support/stores.js";

/**
 * A worker yields the CPU to the web processes, PostgreSQL and the proxy on a shared machine:
 * it lowers its own priority before working any job (and its OCR children inherit it).
 */
const PG = process.env.MOOT_TEST_POSTGRES_URL;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/**
 * Starts `moot worker` and reads its niceness from the OS until it is `expected` (a worker sets
 * it first, before loading the store), then stops it. It does not wait for the worker to be
 * ready: at niceness 15 on a machine busy with the rest of the suite, a worker's start-up took
 * longer than the test's time box.
 */
async function niceOfWorker(args: string[], env: Record<string, string>, expected: number): Promise<number> {
  const child = spawn(process.execPath, [`${ROOT}/bin/moot.js`, "worker", ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  child.stdout.resume();
  const exited = new Promise((r) => child.once("exit", r));
  try {
    let seen = getPriority(child.pid);
    for (const until = Date.now() + 240_000; seen !== expected && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 20));
      if (child.exitCode !== null) throw new Error(`worker exited ${child.exitCode}: ${err}`);
      seen = getPriority(child.pid);
    }
    return seen;
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    await exited;
  }
}

describe.runIf(PG)("moot worker's priority", () => {
  it("runs at niceness 10 unless told otherwise, and at the niceness asked", async () => {
    const db = await freshPostgresUrl();
    try {
      const dir = mkdtempSync(join(tmpdir(), "moot-worker-nice-"));
      dirs.push(dir);
      const env = { MOOT_DATA_DIR: dir, DATABASE_URL: db.url };
      // Started nicer than asked (a test runner under nice), a worker keeps its own niceness.
      for (const [args, asked] of [
        [[], 10],
        [["--nice", "15"], 15],
      ] as const) {
        const expected = Math.max(asked, getPriority());
        expect(await niceOfWorker([...args], env, expected), args.join(" ")).toBe(expected);
      }
      // Asked for 0, it stays as started, and is so once working.
      const child = spawn(process.execPath, [`${ROOT}/bin/moot.js`, "worker", "--nice", "0"], {
        cwd: ROOT,
        env: { ...process.env, ...env },
      });
      const exited = new Promise((r) => child.once("exit", r));
      const ready = new Promise<void>((resolve) => child.stdout.on("data", (d) => String(d).includes("working queued jobs") && resolve()));
      child.stderr.resume();
      await Promise.race([ready, exited]);
      expect(getPriority(child.pid)).toBe(getPriority());
      child.kill("SIGKILL");
      await exited;
    } finally {
      await db.drop();
    }
  }, 600_000);

  it("refuses a niceness outside 0 to 19 in one line, before touching the database", async () => {
    for (const bad of ["20", "-5", "ten", "1.5"]) {
      const r = await runCli(["worker", "--nice", bad], { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
      expect(r.code, bad).not.toBe(0);
      expect(r.stderr, bad).toMatch(/niceness is a whole number from 0 to 19/);
      expect(r.stderr, bad).not.toMatch(/ECONNREFUSED|at .*\.js:\d+/);
    }
  });
});
