import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/run-cli.js";
import { DIALECTS, freshPostgresUrl } from "../support/stores.js";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "moot-cli-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("moot command", () => {
  it("moot export then moot load into an empty database gives an identical export", async () => {
    const a = tmp();
    expect((await runCli(["demo", "--today", "2026-11-24"], { MOOT_DATA_DIR: a })).code).toBe(0);
    const out = join(a, "export.json");
    const exp = await runCli(["export", "--format", "json", "--out", out], { MOOT_DATA_DIR: a });
    expect(exp.code, exp.stderr).toBe(0);
    const b = tmp();
    const targets: Array<Record<string, string>> = [{ MOOT_DATA_DIR: b }];
    const pg = DIALECTS.includes("postgres") ? await freshPostgresUrl() : null;
    if (pg) targets.push({ MOOT_DATA_DIR: tmp(), DATABASE_URL: pg.url });
    try {
      for (const env of targets) {
        const load = await runCli(["load", out], env);
        expect(load.code, load.stderr).toBe(0);
        const again = await runCli(["export", "--format", "json"], env);
        expect(again.code).toBe(0);
        expect(JSON.parse(again.stdout)).toEqual(JSON.parse(readFileSync(out, "utf8")));
      }
    } finally {
      await pg?.drop();
    }
  });

  it("errors are one clear line with a non-zero exit", async () => {
    const d = tmp();
    const cases: Array<[string[], RegExp]> = [
      [["search", "anything"], /^moot: the database holds no authority yet/],
      [["load", join(d, "missing.json")], /^moot: no such file/],
      [["export", "--format", "xml"], /^moot: /],
      [["search", "x", "--from", "2025-02-30"], /2025-02-30.*not a date/],
      [["serve", "--port", "99999"], /port/],
      [["no-such-command"], /unknown command/],
    ];
    writeFileSync(join(d, "garbage.json"), "{not json");
    cases.push([["load", join(d, "garbage.json")], /^moot: .*garbage\.json: not JSON/]);
    for (const [args, message] of cases) {
      const r = await runCli(args, { MOOT_DATA_DIR: d });
      expect(r.code, args.join(" ")).not.toBe(0);
      const lines = r.stderr
        .trim()
        .split("\n")
        .filter((l) => !l.startsWith("(run"));
      expect(lines.length, `${args.join(" ")}: ${r.stderr}`).toBe(1);
      expect(lines[0]).toMatch(message);
    }
    const pg = await runCli(["migrate"], { MOOT_DATA_DIR: d, DATABASE_URL: "mysql://nope" });
    expect(pg.code).not.toBe(0);
    expect(pg.stderr.trim()).toMatch(/^moot: DATABASE_URL must start with postgres:\/\//);
  });

  it("moot search finds demo papers and prints highlighted snippets", async () => {
    const d = tmp();
    await runCli(["demo", "--today", "2026-11-24"], { MOOT_DATA_DIR: d });
    const r = await runCli(["search", "hospital discharge", "--kind", "minute", "-n", "2"], { MOOT_DATA_DIR: d });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\[hospital\] \[discharge\]/i);
    for (const q of ["24/00123/FUL", "planning-application", '"unbalanced', "AND"]) {
      const h = await runCli(["search", q], { MOOT_DATA_DIR: d });
      expect(h.code, `${q}: ${h.stderr}`).toBe(0);
    }
  });

  it("npm start serves the demo council on a fresh data directory", async () => {
    const d = tmp();
    const child = spawn(process.execPath, [`${ROOT}/bin/moot.js`, "serve", "--port", "0"], {
      cwd: ROOT,
      env: { ...process.env, MOOT_DATA_DIR: d, DATABASE_URL: "" },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (b) => {
          out += b;
          const m = /at (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on("exit", (code) => reject(new Error(`serve exited ${code}`)));
      });
      const html = await (await fetch(url.replace("localhost", "127.0.0.1"))).text();
      expect(html).toContain("Borsetshire County Council");
      expect(html).toContain("Children and Young People Scrutiny Committee");
    } finally {
      child.kill("SIGTERM");
    }
  });
});
