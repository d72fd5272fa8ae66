import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";
import { DIALECTS, freshPostgresUrl } from "../support/stores.js";
import { Extraction } from "../../src/domain/extraction.js";
import { BORSETSHIRE_PACK } from "../../src/ingest/fixtures/borsetshire-pack.js";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "moot-ingest-cli-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Rows of the summary table: record → [created, updated, unchanged]. */
function table(stdout: string): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const m of stdout.matchAll(/^ {2}([a-z_]+)\s+(\d+)\s+(\d+)\s+(\d+)$/gm)) out[m[1]!] = [Number(m[2]), Number(m[3]), Number(m[4])];
  return out;
}

describe("moot extract", () => {
  it("writes one NAME.json per pack in the Extraction format, and names a file it cannot read", async () => {
    const d = tmp();
    writeFileSync(join(d, "borsetshire-2024-04-10.txt"), BORSETSHIRE_PACK);
    writeFileSync(join(d, "broken.txt"), Buffer.from([0x41, 0x00, 0x42]));
    const out = join(d, "out");
    const r = await runCli(["extract", join(d, "borsetshire-2024-04-10.txt"), join(d, "broken.txt"), "--out", out]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^moot: .*broken\.txt: not a text file/)]);
    const json = JSON.parse(readFileSync(join(out, "borsetshire-2024-04-10.json"), "utf8"));
    const parsed = Extraction.safeParse(json);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(json.source).toBe("borsetshire-2024-04-10.txt");
    expect(json.meetings[0].agenda).toHaveLength(5);
  });
});

describe("moot import", () => {
  const targets = async () => {
    const list: Array<{ name: string; env: Record<string, string>; drop?: () => Promise<void> }> = [
      { name: "sqlite", env: { MOOT_DATA_DIR: tmp() } },
    ];
    if (DIALECTS.includes("postgres")) {
      const pg = await freshPostgresUrl();
      list.push({ name: "postgres", env: { MOOT_DATA_DIR: tmp(), DATABASE_URL: pg.url }, drop: pg.drop });
    }
    return list;
  };

  it("imports a directory, then changes nothing on a second run; a bad file fails alone", async () => {
    const packs = tmp();
    writeFileSync(join(packs, "borsetshire-2024-04-10.txt"), BORSETSHIRE_PACK);
    writeFileSync(join(packs, "zz-broken.pdf"), "not a pdf at all");
    for (const t of await targets()) {
      try {
        const first = await runCli(["import", packs], t.env);
        expect(first.code, `${t.name}: ${first.stderr}`).not.toBe(0);
        expect(first.stderr).toMatch(/^moot: .*zz-broken\.pdf: not a PDF/m);
        expect(first.stderr.split("\n").filter((l) => l.startsWith("moot:"))).toHaveLength(1);
        const rows = table(first.stdout);
        expect(rows.meeting).toEqual([2, 0, 0]);
        expect(rows.agenda_item).toEqual([5, 0, 0]);
        expect(first.stdout).toMatch(/Low-confidence values to check \(1\):\n.*agenda_item\.exemptParagraph "3"/);

        const second = await runCli(["import", join(packs, "borsetshire-2024-04-10.txt")], t.env);
        expect(second.code, second.stderr).toBe(0);
        const again = table(second.stdout);
        expect(Object.keys(again).length).toBeGreaterThan(5);
        for (const [record, [created, updated]] of Object.entries(again)) expect([record, created, updated]).toEqual([record, 0, 0]);

        const search = await runCli(["search", "hedgerow"], t.env);
        expect(search.stdout).toMatch(/Hedgerow/);
      } finally {
        await t.drop?.();
      }
    }
  });

  it("asks for an authority when the pack never names one", async () => {
    const d = tmp();
    writeFileSync(join(d, "pack.txt"), BORSETSHIRE_PACK.replace("Borsetshire County Council\n", ""));
    const r = await runCli(["import", join(d, "pack.txt")], { MOOT_DATA_DIR: d });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/pack\.txt: the pack never names its authority; give --authority/);
    const named = await runCli(
      ["import", join(d, "pack.txt"), "--authority", "borsetshire", "--authority-name", "Borsetshire County Council"],
      { MOOT_DATA_DIR: d },
    );
    expect(named.code, named.stderr).toBe(0);
    expect(table(named.stdout).meeting).toEqual([2, 0, 0]);
  });
});

describe("moot eval", () => {
  it("says plainly when the shared folder is absent", async () => {
    const r = await runCli(["eval", "--shared", join(tmp(), "no-shared")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No corpus to evaluate/);
  });
});
