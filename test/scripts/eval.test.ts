import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bodyOfStem, goldDocuments, isHeldOut, poolDocuments } from "../../scripts/eval-corpus.js";
import { belowFloors, floorsFrom } from "../../scripts/eval-floors.js";
import { BORSETSHIRE_PACK } from "../../src/ingest/fixtures/borsetshire-pack.js";
import { ROOT, runCli } from "../support/run-cli.js";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "moot-eval-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("the corpus walk", () => {
  it("pairs every gold file outside the pool with its document, whatever the format, and skips notes", () => {
    const c = tmp();
    mkdirSync(join(c, "councils"));
    mkdirSync(join(c, "pool"));
    writeFileSync(join(c, "abc.txt"), "x");
    writeFileSync(join(c, "abc.gold.json"), JSON.stringify({ authority: "Borsetshire County Council" }));
    writeFileSync(join(c, "councils", "ambridge-pc-2024-01-02-minutes.html"), "x");
    writeFileSync(join(c, "councils", "ambridge-pc-2024-01-02-minutes.gold.json"), "{}");
    writeFileSync(join(c, "councils", "lonely.gold.json"), "{}");
    writeFileSync(join(c, "councils", "SOURCES.md"), "x");
    writeFileSync(join(c, "pool", "x.gold.json"), "{}");
    writeFileSync(join(c, "pool", "x.pdf"), "x");
    const docs = goldDocuments(c);
    expect(docs.map((d) => [d.folder, d.stem, d.body])).toEqual([
      [".", "abc", "Borsetshire County Council"],
      ["councils", "ambridge-pc-2024-01-02-minutes", "ambridge-pc"],
    ]);
    expect(docs[1]!.file.endsWith(".html")).toBe(true);
  });

  it("lists the pool from its manifest, leaving out files that are absent and the folder's notes", () => {
    const p = tmp();
    writeFileSync(join(p, "MANIFEST.tsv"), "file\tcouncil\nambridge-pc-2020-05-06-minutes.pdf\tA\nmissing.pdf\tA\nSOURCES.md\tA\n");
    writeFileSync(join(p, "ambridge-pc-2020-05-06-minutes.pdf"), "x");
    writeFileSync(join(p, "SOURCES.md"), "x");
    expect(poolDocuments(p).map((d) => [d.stem, d.body])).toEqual([["ambridge-pc-2020-05-06-minutes", "ambridge-pc"]]);
  });

  it("names bodies by the part before the date and holds out a body's annual meeting too", () => {
    expect(bodyOfStem("loxley-barrett-pc-2019-02-13-agenda")).toBe("loxley-barrett-pc");
    expect(bodyOfStem("no-date-here")).toBe("no-date-here");
    expect(isHeldOut("loxley-barrett-pc", ["loxley-barrett-pc"])).toBe(true);
    expect(isHeldOut("loxley-barrett-apm", ["loxley-barrett-pc"])).toBe(true);
    expect(isHeldOut("loxley-pc", ["loxley-barrett-pc"])).toBe(false);
  });
});

describe("the ratchet", () => {
  const floors = { documents: { a: 0.9, b: 0.5 }, pool: { date: 0.8, body: 0.9 } };

  it("holds within 0.02 of a document's floor and at or above each pool measure", () => {
    expect(belowFloors(floors, { documents: { a: 0.881, b: 0.6 }, pool: { date: 0.8, body: 0.95 } })).toEqual([]);
  });

  it("fails a document more than 0.02 below, a document not scored, and any drop of a pool measure", () => {
    const out = belowFloors(floors, { documents: { a: 0.87 }, pool: { date: 0.79, body: null } });
    expect(out).toHaveLength(4);
    expect(out.join("\n")).toMatch(/a: headline 0\.870/);
    expect(out.join("\n")).toMatch(/b: not scored/);
    expect(out.join("\n")).toMatch(/pool date: 79\.0%/);
    expect(out.join("\n")).toMatch(/pool body: not measured/);
  });

  it("writes floors from a run, rounded down so the run itself holds", () => {
    const f = floorsFrom({ documents: { b: 0.66666, a: 1 }, pool: { date: 0.123456789, read: null } });
    expect(f).toEqual({ documents: { a: 1, b: 0.666 }, pool: { date: 0.123457 } });
    expect(Object.keys(f.documents)).toEqual(["a", "b"]);
  });
});

const tools = join(ROOT, "../shared/tools");
describe.skipIf(!existsSync(join(tools, "score-extraction.mjs")))("moot eval over a made-up corpus", () => {
  // Two evaluations of a real (small) corpus in child processes: slow on a loaded machine, so no tight timeout.
  it("scores gold documents and the pool, and --check fails when a floor is not met", { timeout: 900_000 }, async () => {
    const shared = tmp();
    const corpus = join(shared, "corpus");
    mkdirSync(join(corpus, "councils"), { recursive: true });
    mkdirSync(join(corpus, "pool"), { recursive: true });
    mkdirSync(join(shared, "tools"));
    for (const t of ["score-extraction.mjs", "score-pool.mjs"]) copyFileSync(join(tools, t), join(shared, "tools", t));
    const stem = "borsetshire-cc-2024-04-10-agenda";
    writeFileSync(join(corpus, "councils", `${stem}.txt`), BORSETSHIRE_PACK);
    writeFileSync(join(corpus, "pool", `${stem}.txt`), BORSETSHIRE_PACK);
    writeFileSync(
      join(corpus, "pool", "MANIFEST.tsv"),
      `file\tcouncil\tbody\tmeeting_date\tdate_confirmed\tkind\n${stem}.txt\tBorsetshire County Council\tBorsetshire County Council\t2024-04-10\tyes\tagenda\n`,
    );
    // The gold is the extraction itself, so the document scores 1.
    const out = join(shared, "x");
    expect((await runCli(["extract", join(corpus, "councils", `${stem}.txt`), "--out", out])).code).toBe(0);
    copyFileSync(join(out, `${stem}.json`), join(corpus, "councils", `${stem}.gold.json`));

    const floors = join(shared, "floors.json");
    const r = await runCli(["eval", "--shared", shared, "--write-floors", "--floors", floors, "--check"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/borsetshire-cc\s+1\s+1\.000/);
    expect(r.stdout).toMatch(/whole pool\s+1\s+100\.0%\s+100\.0%\s+100\.0%\s+100\.0%/);
    expect(r.stdout).toMatch(/floors hold/);
    expect(JSON.parse(readFileSync(floors, "utf8"))).toEqual({
      documents: { [stem]: 1 },
      pool: { read: 1, date: 1, body: 1, content: 1 },
    });

    // The pool's manifest now wants another date: the date measure drops and the check fails.
    writeFileSync(
      join(corpus, "pool", "MANIFEST.tsv"),
      `file\tcouncil\tbody\tmeeting_date\tdate_confirmed\tkind\n${stem}.txt\tBorsetshire County Council\tBorsetshire County Council\t2024-04-11\tyes\tagenda\n`,
    );
    const failed = await runCli(["eval", "--shared", shared, "--floors", floors, "--check"]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/below floor: pool date: 0\.0% is below its floor 100\.0%/);
  });
});
