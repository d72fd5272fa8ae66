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

/** Starts `moot worker`, waits for it to say it is working, reads its niceness, stops it. */
async function niceOfWorker(args: string[], env: Record<string, string>): Promise<number> {
  const child = spawn(process.execPath, [`${ROOT}/bin/moot.js`, "worker", ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  try {
    let out = "";
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d) => {
        out += d;
        if (out.includes("working queued jobs")) resolve();
      });
      child.once("exit", (code) => reject(new Error(`worker exited ${code}: ${err}`)));
    });
    expect(out).toMatch(/at niceness \d+/);
    return getPriority(child.pid);
  } finally {
    const exited = new Promise((r) => child.once("exit", r));
    if (child.exitCode === null) child.kill("SIGTERM");
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
      expect(await niceOfWorker([], env)).toBe(Math.max(10, getPriority()));
      expect(await niceOfWorker(["--nice", "15"], env)).toBe(Math.max(15, getPriority()));
      expect(await niceOfWorker(["--nice", "0"], env)).toBe(getPriority());
    } finally {
      await db.drop();
    }
  }, 120_000);

  it("refuses a niceness outside 0 to 19 in one line, before touching the database", async () => {
    for (const bad of ["20", "-5", "ten", "1.5"]) {
      const r = await runCli(["worker", "--nice", bad], { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
      expect(r.code, bad).not.toBe(0);
      expect(r.stderr, bad).toMatch(/niceness is a whole number from 0 to 19/);
      expect(r.stderr, bad).not.toMatch(/ECONNREFUSED|at .*\.js:\d+/);
    }
  });
});
