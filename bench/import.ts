/**
 * Import benchmark (not a test: figures depend on the machine; the ratios are what to watch).
 *
 *   (a) text packs: readText, and readText + extract, in MB/s
 *   (b) PDFs: pages/s end to end (readPdf + extract) against poppler's pdftotext on the
 *       same files in the same run, as a ratio
 *   (c) peak RSS of a child process importing a generated 1,000-page pack
 *
 *   npm run bench:import
 *   MOOT_BENCH_SECONDS=5 npm run bench:import     (minimum time per text measurement)
 *   MOOT_BENCH_BIG_PAGES=300 npm run bench:import (size of the generated pack)
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { extract } from "../src/ingest/extract/extract.js";
import { readPdf } from "../src/ingest/read/pdf.js";
import { readText } from "../src/ingest/read/text.js";
import { makePdf, packDefinition } from "../test/ingest/make-pdf.js";

const CORPUS = join(import.meta.dirname, "../../shared/corpus");
const OUT = join(import.meta.dirname, "out");
const SECONDS = Number(process.env.MOOT_BENCH_SECONDS ?? 3);
const BIG_PAGES = Number(process.env.MOOT_BENCH_BIG_PAGES ?? 1000);

const now = () => Number(process.hrtime.bigint()) / 1e6;
const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "–");

function table(rows: (string | number)[][]): void {
  const cells = rows.map((r) => r.map(String));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => r[i]?.length ?? 0)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(cells[0]!));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of cells.slice(1)) console.log(line(r));
}

/** Runs fn over the inputs repeatedly for at least SECONDS, returning ms per full pass. */
function perPass(fn: () => void): number {
  fn(); // warm-up: JIT and lazy imports
  let passes = 0;
  const t0 = now();
  while (now() - t0 < SECONDS * 1000 || passes < 2) {
    fn();
    passes++;
  }
  return (now() - t0) / passes;
}

function benchText(): void {
  const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith(".txt")) : [];
  if (!files.length) {
    console.log(`(a) text packs: skipped, no .txt packs in ${CORPUS}`);
    return;
  }
  const packs = files.map((f) => ({ name: f, text: readFileSync(join(CORPUS, f), "utf8") }));
  const mb = packs.reduce((n, p) => n + Buffer.byteLength(p.text), 0) / 1e6;
  const readMs = perPass(() => packs.forEach((p) => readText(p.name, p.text)));
  const fullMs = perPass(() => packs.forEach((p) => extract(readText(p.name, p.text))));
  console.log(`\n(a) Text packs: ${packs.length} corpus packs, ${fmt(mb, 2)} MB per pass, ≥${SECONDS} s each`);
  table([
    ["stage", "ms/pass", "MB/s"],
    ["readText", fmt(readMs), fmt(mb / (readMs / 1000))],
    ["readText + extract", fmt(fullMs), fmt(mb / (fullMs / 1000))],
  ]);
}

/** pdftotext from poppler-utils: found on PATH, installed with apt when we are root, else null. */
function findPdftotext(): string | null {
  const which = () => spawnSync("sh", ["-c", "command -v pdftotext"], { encoding: "utf8" }).stdout.trim() || null;
  const found = which();
  if (found) return found;
  if (process.getuid?.() !== 0) return null;
  console.log("installing poppler-utils for pdftotext (apt-get) …");
  const quiet = { stdio: "ignore" as const, env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } };
  if (spawnSync("apt-get", ["install", "-y", "-q", "poppler-utils"], quiet).status !== 0) {
    spawnSync("apt-get", ["update", "-q"], quiet);
    spawnSync("apt-get", ["install", "-y", "-q", "poppler-utils"], quiet);
  }
  return which();
}

async function benchPdf(bigPack: string): Promise<void> {
  const dir = join(CORPUS, "pdf");
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".pdf") && !f.includes("image-only"))
        .map((f) => join(dir, f))
    : [];
  files.push(bigPack);
  const inputs = files.map((f) => ({ path: f, name: f.split("/").pop()!, data: new Uint8Array(readFileSync(f)) }));
  const run = async (detectBold: boolean) => {
    let pages = 0;
    const t0 = now();
    for (const i of inputs) {
      const set = await readPdf(i.name, i.data, { detectBold });
      extract(set);
      pages += set.pages.length;
    }
    return { pages, ms: now() - t0 };
  };
  await readPdf(inputs[0]!.name, inputs[0]!.data); // warm-up: pdfjs import and JIT
  const full = await run(true);
  const noBold = await run(false);
  const rows: (string | number)[][] = [
    ["reader", "pages", "seconds", "pages/s", "× pdftotext"],
    ["readPdf + extract", full.pages, fmt(full.ms / 1000, 2), fmt(full.pages / (full.ms / 1000)), ""],
    ["readPdf (no bold) + extract", noBold.pages, fmt(noBold.ms / 1000, 2), fmt(noBold.pages / (noBold.ms / 1000)), ""],
  ];
  const pdftotext = findPdftotext();
  if (pdftotext) {
    const t0 = now();
    for (const i of inputs) execFileSync(pdftotext, ["-q", i.path, "-"], { stdio: ["ignore", "ignore", "ignore"], maxBuffer: 1 << 30 });
    const ms = now() - t0;
    const ref = full.pages / (ms / 1000);
    rows.push(["pdftotext (poppler)", full.pages, fmt(ms / 1000, 2), fmt(ref), "1.00"]);
    rows[1]![4] = fmt(full.pages / (full.ms / 1000) / ref, 2);
    rows[2]![4] = fmt(noBold.pages / (noBold.ms / 1000) / ref, 2);
  } else {
    rows.push(["pdftotext (poppler)", "missing: apt-get install poppler-utils (needs root)", "", "", ""]);
  }
  console.log(`\n(b) PDFs: ${inputs.length} files (${inputs.length - 1} corpus PDFs + the generated pack), end to end`);
  table(rows);
}

async function makeBigPack(): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, `pack-${BIG_PAGES}.pdf`);
  if (!existsSync(path)) {
    const t0 = now();
    // Each prose page holds one item; the action log adds a few pages more.
    const data = await makePdf(packDefinition({ pages: Math.max(1, BIG_PAGES - 2), rows: 100 }));
    writeFileSync(path, data);
    console.log(`generated ${path} (${fmt(data.byteLength / 1e6, 1)} MB) in ${fmt((now() - t0) / 1000)} s`);
  }
  return path;
}

/** Peak memory is measured in a fresh process, so nothing else this run allocated counts. */
function benchMemory(bigPack: string): void {
  const child = (mode: string) => {
    const r = spawnSync(process.execPath, ["bin/run-ts.js", "bench/import.ts", "--child", mode, bigPack], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`child ${mode} failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split("\n").pop()!) as { pages: number; ms: number; maxRssMb: number };
  };
  const idle = child("idle");
  const read = child("read");
  const full = child("extract");
  console.log(`\n(c) Peak RSS (process.resourceUsage().maxRSS) of a child importing ${bigPack.split("/").pop()}`);
  table([
    ["child", "pages", "seconds", "peak RSS MB", "over idle MB"],
    ["modules loaded, idle", "", "", fmt(idle.maxRssMb), "0.0"],
    ["readPdf", read.pages, fmt(read.ms / 1000, 2), fmt(read.maxRssMb), fmt(read.maxRssMb - idle.maxRssMb)],
    ["readPdf + extract", full.pages, fmt(full.ms / 1000, 2), fmt(full.maxRssMb), fmt(full.maxRssMb - idle.maxRssMb)],
  ]);
}

async function childMain(mode: string, path: string): Promise<void> {
  let pages = 0;
  const t0 = now();
  if (mode === "idle") await import("pdfjs-dist/legacy/build/pdf.mjs");
  else {
    const set = await readPdf(path.split("/").pop()!, new Uint8Array(readFileSync(path)));
    pages = set.pages.length;
    if (mode === "extract") extract(set);
  }
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ pages, ms: now() - t0, maxRssMb }));
}

const args = process.argv.slice(2);
if (args[0] === "--child") {
  await childMain(args[1]!, args[2]!);
} else {
  console.log(`bench:import — node ${process.version}, ${SECONDS} s per text measurement`);
  benchText();
  const big = await makeBigPack();
  await benchPdf(big);
  benchMemory(big);
}
