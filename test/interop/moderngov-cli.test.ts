import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";
import { capture, haveCaptures } from "./captures.js";

describe.skipIf(!haveCaptures)("moot import --from moderngov (the command)", () => {
  const dir = mkdtempSync(join(tmpdir(), "moot-mg-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("imports a directory of saved responses, then changes nothing on a second run", async () => {
    const responses = join(dir, "responses");
    const data = join(dir, "data");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(responses);
    for (const f of ["LGSF__committees.xml", "LGSF__meetings.xml", "LGSF__meeting_with_minutes.xml"])
      writeFileSync(join(responses, f), capture(f));
    writeFileSync(join(responses, "error-page.xml"), capture("CouncillorData__denbighshire.gov.uk__GetCouncillorsByWard.xml"));
    const env = { MOOT_DATA_DIR: data };
    const args = ["import", "--from", "moderngov", responses, "--authority", "manchester", "--authority-name", "Manchester City Council"];
    const first = await runCli(args, env);
    expect(first.stderr).toContain("Created authority Manchester City Council (manchester)");
    expect(first.stderr).toMatch(/error-page\.xml: .*is not a ModernGov response/);
    expect(first.code).toBe(65);
    expect(first.stdout).toMatch(/Imported 3 ModernGov response\(s\), 1 failed/);
    expect(first.stdout).toMatch(/created: 3 committee, 2 meeting, 1 person, 1 membership, 2 agenda item, 2 minute/);
    rmSync(join(responses, "error-page.xml"));
    const second = await runCli(args, env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/created: none; updated: none; unchanged: \d+/);
    const bad = await runCli(["import", "--from", "cmis", responses], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("the only other system Moot imports from is moderngov");
  });
});
