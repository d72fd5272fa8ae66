import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, ROOT } from "../support/run-cli.js";

/** `moot pack` writes only where it is told, and `moot search --json` prints clean JSON. */
describe("moot pack and moot search --json on the demo council", () => {
  const dir = mkdtempSync(join(tmpdir(), "moot-resident-cli-"));
  const env = { MOOT_DATA_DIR: dir };
  beforeAll(async () => {
    const demo = await runCli(["demo", "--today", "2026-12-04"], env);
    expect(demo.code, demo.stderr).toBe(0);
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses to write a pack without --out, and to overwrite one without --force", async () => {
    const list = await runCli(["search", "hospital discharge", "--committee", "health-adult-social-care-scrutiny", "--json"], env);
    expect(list.code, list.stderr).toBe(0);
    const ref = (JSON.parse(list.stdout) as Array<{ meetingId: string | null }>).find((h) => h.meetingId)!.meetingId!;
    const before = new Set(readdirSync(ROOT));
    const none = await runCli(["pack", ref], env);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/--out/);
    expect(readdirSync(ROOT).filter((f) => !before.has(f))).toEqual([]);

    const out = join(dir, "pack.pdf");
    const first = await runCli(["pack", ref, "--out", out], env);
    expect(first.code, first.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe("%PDF-");
    const size = statSync(out).size;
    const again = await runCli(["pack", ref, "--out", out], env);
    expect(again.code).toBe(73);
    expect(again.stderr).toMatch(/already exists; add --force/);
    const forced = await runCli(["pack", ref, "--out", out, "--force"], env);
    expect(forced.code, forced.stderr).toBe(0);
    expect(statSync(out).size).toBe(size);
  }, 300_000);

  it("prints search hits as JSON with marked snippet parts and no control characters", async () => {
    const r = await runCli(["search", "planning permission", "--json"], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(r.stdout).not.toMatch(/\\u000[23]/);
    const hits = JSON.parse(r.stdout) as Array<{ snippet: Array<{ text: string; mark: boolean }>; committeeName: string }>;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0].snippet.some((p) => p.mark)).toBe(true);
  }, 120_000);
});
