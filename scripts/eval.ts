/**
 * Extraction quality over the whole shared corpus (issue 10): every document with a gold file
 * (root, pdf/, councils/, any format) scored by the shared scorer, and the pool scored against
 * its manifest. Prints a table per document, per body and per section, the pool's measures,
 * and the bodies of eval/holdout.json on their own (the estimate of the held-back score).
 *
 *   node bin/run-ts.js scripts/eval.ts [--shared DIR] [--out DIR] [--check] [--write-floors] [--no-pool]
 *
 * --check fails (exit 1) when a document falls more than 0.02 below eval/floors.json (or
 * --floors FILE) or a pool measure drops; --write-floors writes this run's figures there.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { goldDocuments, isHeldOut, poolDocuments, type GoldDoc, type PoolDoc } from "./eval-corpus.js";
import { belowFloors, floorsFrom, POOL_MEASURES, type Floors, type Observed } from "./eval-floors.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..");
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

interface Job {
  file: string;
  out: string;
}

/** Extracts its share of the jobs; a document that cannot be read leaves NAME.error instead. */
async function worker(jobsFile: string, index: number, count: number): Promise<void> {
  const { extractFile } = await import("../src/ingest/pipeline.js");
  const jobs = JSON.parse(readFileSync(jobsFile, "utf8")) as Job[];
  for (let k = index; k < jobs.length; k += count) {
    const job = jobs[k]!;
    try {
      const { extraction } = await extractFile(job.file);
      writeFileSync(job.out, JSON.stringify(extraction, null, 2));
    } catch (e) {
      writeFileSync(job.out.replace(/\.json$/, ".error"), e instanceof Error ? e.message : String(e));
    }
  }
}

async function runJobs(jobs: Job[], dir: string): Promise<void> {
  const jobsFile = join(dir, "jobs.json");
  writeFileSync(jobsFile, JSON.stringify(jobs));
  const n = Math.max(1, Math.min(cpus().length, 4));
  await Promise.all(
    Array.from(
      { length: n },
      (_, i) =>
        new Promise<void>((done, fail) => {
          const child = spawn(
            process.execPath,
            [join(ROOT, "bin/run-ts.js"), fileURLToPath(import.meta.url), "--worker", jobsFile, String(i), String(n)],
            {
              stdio: ["ignore", "ignore", "inherit"],
            },
          );
          child.on("error", fail);
          child.on("exit", (code) => (code === 0 ? done() : fail(new Error(`extraction worker ${i} exited ${code}`))));
        }),
    ),
  );
}

interface Section {
  gold: number;
  pred: number;
  earned: number;
  f1: number;
}
interface Scored {
  headline: number;
  sections: Record<string, Section>;
}

async function main(): Promise<void> {
  // The real path: the scorers run their main only when argv[1] is their own (symlink-free) path.
  const sharedArg = resolve(opt("--shared") ?? join(ROOT, "../shared"));
  const shared = existsSync(sharedArg) ? realpathSync(sharedArg) : sharedArg;
  const corpus = join(shared, "corpus");
  const scorer = join(shared, "tools", "score-extraction.mjs");
  const poolScorer = join(shared, "tools", "score-pool.mjs");
  if (!existsSync(corpus) || !existsSync(scorer)) {
    console.log(`No corpus to evaluate: ${existsSync(corpus) ? scorer : corpus} is absent. Nothing to do.`);
    return;
  }
  const holdout = (JSON.parse(readFileSync(join(ROOT, "eval/holdout.json"), "utf8")) as { bodies: string[] }).bodies;
  const out = resolve(opt("--out") ?? mkdtempSync(join(tmpdir(), "moot-eval-")));
  const goldOut = join(out, "gold");
  const goldDir = join(out, "gold-answers");
  const poolOut = join(out, "pool");
  for (const d of [goldOut, goldDir, poolOut]) mkdirSync(d, { recursive: true });

  const golds = goldDocuments(corpus);
  const withPool = !args.includes("--no-pool") && existsSync(poolScorer);
  const pool = withPool ? poolDocuments(join(corpus, "pool")) : [];
  for (const g of golds) copyFileSync(g.gold, join(goldDir, `${g.stem}.gold.json`));
  const started = performance.now();
  await runJobs(
    [
      ...golds.map((g) => ({ file: g.file, out: join(goldOut, `${g.stem}.json`) })),
      ...pool.map((p) => ({ file: p.file, out: join(poolOut, `${p.stem}.json`) })),
    ],
    out,
  );
  const seconds = (performance.now() - started) / 1000;

  const run = spawnSync(process.execPath, [scorer, goldDir, goldOut, "--json"], { encoding: "utf8", maxBuffer: 64 << 20 });
  if (run.status !== 0) {
    process.stderr.write(run.stderr);
    process.exit(run.status ?? 1);
  }
  const scored = (JSON.parse(run.stdout) as { packs: Record<string, Scored> }).packs;
  const unread = [...golds, ...pool].filter((d) => existsSync(join(d.file.includes("/pool/") ? poolOut : goldOut, `${d.stem}.error`)));

  const tuning = golds.filter((g) => !isHeldOut(g.body, holdout));
  const held = golds.filter((g) => isHeldOut(g.body, holdout));
  printDocuments(golds, scored, holdout);
  printBodies("bodies tuned on", tuning, scored);
  printSections("sections (documents tuned on)", tuning, scored);
  if (held.length) {
    printBodies(`held-out bodies (${holdout.join(", ")})`, held, scored);
    printSections("sections (held-out documents)", held, scored);
  }

  let poolMeasures: Observed["pool"] = {};
  if (withPool) {
    const pr = spawnSync(process.execPath, [poolScorer, join(corpus, "pool"), poolOut, "--json"], {
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
    if (pr.status !== 0) {
      process.stderr.write(pr.stderr);
      process.exit(pr.status ?? 1);
    }
    const docs = (JSON.parse(pr.stdout) as { documents: PoolScore[] }).documents;
    poolMeasures = printPool(docs, pool, holdout);
  }

  const mean = (ds: GoldDoc[]) => (ds.length ? ds.reduce((a, d) => a + (scored[d.stem]?.headline ?? 0), 0) / ds.length : 0);
  console.log("\nsummary");
  console.log(`  gold documents, all ${golds.length}: mean headline F1 ${mean(golds).toFixed(3)}`);
  console.log(`  tuned on ${tuning.length}: ${mean(tuning).toFixed(3)}; held out ${held.length}: ${mean(held).toFixed(3)}`);
  const seed = golds.filter((g) => g.folder === "." || g.folder === "pdf");
  console.log(`  root and pdf/ ${seed.length}: ${mean(seed).toFixed(3)}`);
  if (withPool) console.log(`  pool ${pool.length}: ${POOL_MEASURES.map((m) => `${m} ${fmtPct(poolMeasures[m] ?? null)}`).join(", ")}`);
  if (unread.length) console.log(`  not read: ${unread.map((d) => basename(d.file)).join(", ")}`);
  console.log(`  extracted ${golds.length + pool.length} documents in ${seconds.toFixed(0)} s; extractions in ${out}`);

  const observed: Observed = {
    documents: Object.fromEntries(golds.map((g) => [g.stem, scored[g.stem]?.headline ?? 0])),
    pool: poolMeasures,
  };
  const floorsFile = resolve(opt("--floors") ?? join(ROOT, "eval/floors.json"));
  if (args.includes("--write-floors")) {
    writeFileSync(floorsFile, `${JSON.stringify(floorsFrom(observed), null, 2)}\n`);
    console.log(`floors written to ${floorsFile}`);
  }
  if (args.includes("--check")) {
    if (!existsSync(floorsFile)) {
      console.error(`no floors at ${floorsFile}`);
      process.exit(1);
    }
    const floors = JSON.parse(readFileSync(floorsFile, "utf8")) as Floors;
    // Without the pool (--no-pool) its floors are not checked.
    if (!withPool) floors.pool = {};
    const failures = belowFloors(floors, observed);
    for (const f of failures) console.error(`below floor: ${f}`);
    if (failures.length) process.exit(1);
    console.log("floors hold");
  }
}

const f3 = (v: number) => v.toFixed(3);
const fmtPct = (v: number | null) => (v === null ? "-" : `${(100 * v).toFixed(1)}%`);

function printDocuments(golds: GoldDoc[], scored: Record<string, Scored>, holdout: string[]): void {
  console.log("\ndocuments (headline F1; sections as F1)");
  for (const g of golds) {
    const s = scored[g.stem];
    const secs = s
      ? Object.entries(s.sections)
          .filter(([, t]) => t.gold > 0)
          .map(([k, t]) => `${k} ${t.f1.toFixed(2)}`)
          .join(", ")
      : "";
    const tag = isHeldOut(g.body, holdout) ? " [held out]" : "";
    console.log(`  ${f3(s?.headline ?? 0)}  ${join(g.folder, g.stem)}${tag}\n         ${secs}`);
  }
}

function printBodies(title: string, docs: GoldDoc[], scored: Record<string, Scored>): void {
  console.log(`\n${title}`);
  console.log(`  ${"body".padEnd(56)} docs  mean F1`);
  const bodies = [...new Set(docs.map((d) => d.body))].sort();
  for (const b of bodies) {
    const ds = docs.filter((d) => d.body === b);
    const m = ds.reduce((a, d) => a + (scored[d.stem]?.headline ?? 0), 0) / ds.length;
    console.log(`  ${b.slice(0, 55).padEnd(56)} ${String(ds.length).padStart(4)}  ${f3(m)}`);
  }
}

function printSections(title: string, docs: GoldDoc[], scored: Record<string, Scored>): void {
  console.log(`\n${title}`);
  console.log(`  ${"section".padEnd(15)} docs   gold   pred   earned  precision  recall     F1  mean doc F1`);
  const names = [...new Set(docs.flatMap((d) => Object.keys(scored[d.stem]?.sections ?? {})))];
  for (const n of names) {
    let gold = 0;
    let pred = 0;
    let earned = 0;
    const f1s: number[] = [];
    for (const d of docs) {
      const t = scored[d.stem]?.sections[n];
      if (!t) continue;
      gold += t.gold;
      pred += t.pred;
      earned += t.earned;
      if (t.gold > 0) f1s.push(t.f1);
    }
    if (!gold && !pred) continue;
    const p = pred ? earned / pred : 0;
    const r = gold ? earned / gold : 0;
    const f = p + r ? (2 * p * r) / (p + r) : 0;
    const mf = f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0;
    console.log(
      `  ${n.padEnd(15)} ${String(f1s.length).padStart(4)} ${String(gold).padStart(6)} ${String(pred).padStart(6)} ${earned.toFixed(1).padStart(8)}  ${p.toFixed(3).padStart(9)} ${r.toFixed(3).padStart(7)}  ${f.toFixed(3)}  ${mf.toFixed(3)}`,
    );
  }
}

interface PoolScore {
  file: string;
  council: string;
  read: boolean;
  date: boolean | null;
  body: boolean;
  content: boolean;
}

function tally(docs: PoolScore[]): Record<(typeof POOL_MEASURES)[number], number | null> {
  const share = (xs: PoolScore[], k: "read" | "date" | "body" | "content") =>
    xs.length ? xs.filter((d) => d[k]).length / xs.length : null;
  const dated = docs.filter((d) => d.date !== null);
  return { read: share(docs, "read"), date: share(dated, "date"), body: share(docs, "body"), content: share(docs, "content") };
}

/** The pool per council, with the held-out bodies' documents apart; returns the measures over the whole pool. */
function printPool(docs: PoolScore[], pool: PoolDoc[], holdout: string[]): Observed["pool"] {
  const bodyOf = new Map(pool.map((p) => [basename(p.file), p.body]));
  const held = (d: PoolScore) => isHeldOut(bodyOf.get(d.file) ?? "", holdout);
  const row = (name: string, xs: PoolScore[]) => {
    const t = tally(xs);
    console.log(
      `  ${name.slice(0, 47).padEnd(48)} ${String(xs.length).padStart(4)} ${POOL_MEASURES.map((m) => fmtPct(t[m]).padStart(7)).join(" ")}`,
    );
  };
  console.log("\npool (measures of ../shared/tools/score-pool.mjs)");
  console.log(`  ${"council".padEnd(48)} docs ${POOL_MEASURES.map((m) => m.padStart(7)).join(" ")}`);
  for (const c of [...new Set(docs.map((d) => d.council))].sort())
    row(
      `${c}${docs.some((d) => d.council === c && held(d)) ? " [held out]" : ""}`,
      docs.filter((d) => d.council === c),
    );
  row(
    "tuned-on councils",
    docs.filter((d) => !held(d)),
  );
  row("held-out councils", docs.filter(held));
  row("whole pool", docs);
  const misses = docs.filter((d) => !held(d) && (!d.read || d.date === false || !d.body || !d.content));
  if (misses.length && args.includes("--misses"))
    for (const d of misses) console.log(`    miss ${d.file}: ${POOL_MEASURES.filter((m) => d[m] === false).join(" ")}`);
  return tally(docs);
}

// Last, so the module's constants are initialised before either runs.
if (args[0] === "--worker") await worker(args[1]!, Number(args[2]), Number(args[3]));
else await main();
