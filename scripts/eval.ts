/**
 * Extraction quality against the shared corpus: extracts every pack that has a gold file
 * (../shared/corpus/*.txt, and pdf/*.pdf), writes NAME.json, runs the shared scorer and
 * prints its report and the mean headline F1.
 *
 *   node bin/run-ts.js scripts/eval.ts [--out DIR] [--corpus DIR]
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { extractFile } from "../src/ingest/pipeline.js";

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const shared = resolve(opt("--shared") ?? "../shared");
const corpus = resolve(opt("--corpus") ?? join(shared, "corpus"));
const scorer = join(shared, "tools", "score-extraction.mjs");

if (!existsSync(corpus) || !existsSync(scorer)) {
  console.log(`No corpus to evaluate: ${existsSync(corpus) ? scorer : corpus} is absent. Nothing to do.`);
  process.exit(0);
}

const out = resolve(opt("--out") ?? mkdtempSync(join(tmpdir(), "moot-eval-")));
// The scorer pairs GOLD_DIR/NAME.gold.json with PRED_DIR/NAME.json; golds from both folders go in one.
const goldDir = mkdtempSync(join(tmpdir(), "moot-gold-"));
mkdirSync(out, { recursive: true });

/** Packs with gold answers, from the corpus folder and its pdf/ folder. */
function packs(): { stem: string; pack: string; gold: string }[] {
  const found: { stem: string; pack: string; gold: string }[] = [];
  for (const dir of [corpus, join(corpus, "pdf")]) {
    if (!existsSync(dir)) continue;
    const files = new Set(readdirSync(dir));
    for (const f of [...files].filter((x) => x.endsWith(".gold.json")).sort()) {
      const stem = f.replace(/\.gold\.json$/, "");
      const pack = [".txt", ".md", ".pdf"].map((e) => stem + e).find((p) => files.has(p));
      if (pack) found.push({ stem, pack: join(dir, pack), gold: join(dir, f) });
    }
  }
  return found;
}

let failures = 0;
for (const p of packs()) {
  copyFileSync(p.gold, join(goldDir, `${p.stem}.gold.json`));
  try {
    const { extraction } = await extractFile(p.pack);
    writeFileSync(join(out, `${p.stem}.json`), JSON.stringify(extraction, null, 2));
  } catch (e) {
    failures++;
    console.error(`skipped ${p.pack}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const run = spawnSync(process.execPath, [scorer, goldDir, out], { encoding: "utf8" });
process.stdout.write(run.stdout);
if (run.status !== 0) {
  process.stderr.write(run.stderr);
  process.exit(run.status ?? 1);
}
const json = spawnSync(process.execPath, [scorer, goldDir, out, "--json"], { encoding: "utf8" });
const mean = (JSON.parse(json.stdout) as { meanHeadline: number }).meanHeadline;
console.log(`\nextractions in ${out}`);
console.log(`mean headline F1 ${mean.toFixed(3)}${failures ? ` (${failures} pack(s) could not be read)` : ""}`);
