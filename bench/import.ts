/**
 * Import benchmark (not a test: figures depend on the machine; the ratios are what to watch).
 *
 *   (a) corpus text packs: readText, and readText + extract, in MB/s
 *   (b) PDFs: pages/s of the whole `moot extract` process over every corpus PDF (on every
 *       core, and on one thread) against `pdftotext -layout` over the same files in the same
 *       run (one file at a time, and one per core at a time); the engine alone likewise
 *   (c) peak RSS of `moot extract` on a generated 1,000-page pack
 *   (d) text MB/s and peak RSS at 1, 10 and 100 MB (linear growth shows as a steady MB/s), and
 *       `moot extract` refusing a text file over MOOT_MAX_TEXT_MB
 *   (e) `moot --help` start-up against bare node
 *
 *   npm run bench:import
 *   MOOT_BENCH_SECONDS=5 npm run bench:import      (minimum time per text measurement)
 *   MOOT_BENCH_BIG_PAGES=300 npm run bench:import  (size of the generated pack)
 *   MOOT_BENCH_TEXT_MB=1,10 npm run bench:import   (text sizes)
 *   MOOT_BENCH_PARTS=de npm run bench:import       (only some of the parts below)
 */
import { spawn, spawnSync } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { extract } from "../src/ingest/extract/extract.js";
import { readPdf, readPdfPages } from "../src/ingest/read/pdf.js";
import { readText } from "../src/ingest/read/text.js";
import { makePdf, packDefinition } from "../test/ingest/make-pdf.js";

const CORPUS = join(import.meta.dirname, "../../shared/corpus");
const OUT = join(import.meta.dirname, "out");
const SECONDS = Number(process.env.MOOT_BENCH_SECONDS ?? 3);
const BIG_PAGES = Number(process.env.MOOT_BENCH_BIG_PAGES ?? 1000);
const TEXT_MB = (process.env.MOOT_BENCH_TEXT_MB ?? "1,10,100")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);

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

/** Every PDF in the corpus (pdf/, councils/, pool/), with its page count from MuPDF. */
async function corpusPdfs(): Promise<{ path: string; pages: number }[]> {
  const mupdf = await import("mupdf");
  const files = ["pdf", "councils", "pool"].flatMap((d) =>
    existsSync(join(CORPUS, d))
      ? readdirSync(join(CORPUS, d))
          .filter((f) => f.endsWith(".pdf"))
          .map((f) => join(CORPUS, d, f))
      : [],
  );
  return files.map((path) => {
    const doc = mupdf.Document.openDocument(readFileSync(path), "application/pdf");
    const pages = doc.countPages();
    doc.destroy();
    return { path, pages };
  });
}

/** A command run to its end, its output thrown away. */
function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve) => spawn(cmd, args, { stdio: "ignore" }).on("close", () => resolve()));
}

/** fn over items, `n` at a time. */
async function lanes<T>(n: number, items: T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** Wall time of a command, with its peak RSS when GNU time is there (/usr/bin/time -f %M). */
function timed(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  anyExit = false,
): { ms: number; rssMb: number | null; stdout: string; stderr: string; status: number | null } {
  const gnuTime = existsSync("/usr/bin/time");
  const t0 = now();
  const r = gnuTime
    ? spawnSync("/usr/bin/time", ["-f", "%M", cmd, ...args], { encoding: "utf8", env, maxBuffer: 1 << 30 })
    : spawnSync(cmd, args, { encoding: "utf8", env, maxBuffer: 1 << 30 });
  const ms = now() - t0;
  if (!anyExit && r.status !== 0 && r.status !== 65)
    throw new Error(`${cmd} ${args.slice(0, 3).join(" ")} failed (${r.status}): ${r.stderr.slice(-500)}`);
  const errLines = r.stderr.trim().split("\n");
  const kb = gnuTime ? Number(errLines.pop()) : NaN;
  return {
    ms,
    rssMb: Number.isFinite(kb) ? kb / 1024 : null,
    stdout: r.stdout,
    stderr: gnuTime ? errLines.join("\n") : r.stderr,
    status: r.status,
  };
}

/**
 * (b) PDF pages per second side by side in one run: the whole `moot extract` process over
 * every corpus PDF (start-up, reading, layout, extraction, JSON out; OCR off so both sides do
 * the same work) against `pdftotext -layout` over the same files; then the engine alone
 * (MuPDF's characters into laid-out pages, in this process) against the same reference.
 */
async function benchPdf(): Promise<void> {
  const files = await corpusPdfs();
  if (!files.length) return console.log(`\n(b) PDFs: skipped, no PDFs under ${CORPUS}`);
  const pages = files.reduce((n, f) => n + f.pages, 0);
  const pdftotext = findPdftotext();
  const rows: (string | number)[][] = [["PDF reading", "files", "pages", "seconds", "pages/s", "× pdftotext"]];
  let ref = NaN;
  const cores = availableParallelism();
  let refParallel = NaN;
  if (pdftotext) {
    const t0 = now();
    for (const f of files) spawnSync(pdftotext, ["-q", "-layout", f.path, "-"], { stdio: ["ignore", "ignore", "ignore"] });
    const ms = now() - t0;
    ref = pages / (ms / 1000);
    rows.push(["pdftotext -layout (one process per file)", files.length, pages, fmt(ms / 1000, 2), fmt(ref), "1.00"]);
    // The same, one process per core at a time: what pdftotext gives when it too uses every core.
    const t1 = now();
    await lanes(cores, files, (f) => run(pdftotext, ["-q", "-layout", f.path, "-"]));
    const pms = now() - t1;
    refParallel = pages / (pms / 1000);
    rows.push([
      `pdftotext -layout, ${cores} at once`,
      files.length,
      pages,
      fmt(pms / 1000, 2),
      fmt(refParallel),
      fmt(refParallel / ref, 2),
    ]);
  } else rows.push(["pdftotext", "missing: apt-get install poppler-utils", "", "", "", ""]);
  const out = join(OUT, "extract");
  mkdirSync(out, { recursive: true });
  const extractRun = (threads: number) =>
    timed(process.execPath, ["bin/moot.js", "extract", "-o", out, ...files.map((f) => f.path)], {
      ...process.env,
      MOOT_OCR: "off",
      MOOT_IMPORT_WORKERS: String(threads),
    });
  const whole = extractRun(cores);
  rows.push([
    `moot extract, whole process, one batch (${cores} threads)`,
    files.length,
    pages,
    fmt(whole.ms / 1000, 2),
    fmt(pages / (whole.ms / 1000)),
    fmt(pages / (whole.ms / 1000) / ref, 2),
  ]);
  const single = extractRun(1);
  rows.push([
    "moot extract, whole process, one batch (1 thread)",
    files.length,
    pages,
    fmt(single.ms / 1000, 2),
    fmt(pages / (single.ms / 1000)),
    fmt(pages / (single.ms / 1000) / ref, 2),
  ]);
  const datas = files.map((f) => ({ name: f.path.split("/").pop()!, data: new Uint8Array(readFileSync(f.path)) }));
  await readPdfPages(datas[0]!.name, datas[0]!.data); // warm-up: WebAssembly compile and JIT
  let t0 = now();
  let read = 0;
  for (const d of datas) read += (await readPdfPages(d.name, d.data).catch(() => ({ pages: [] }))).pages.length;
  const engineMs = now() - t0;
  rows.push([
    "engine alone: MuPDF characters → laid-out pages",
    files.length,
    read,
    fmt(engineMs / 1000, 2),
    fmt(read / (engineMs / 1000)),
    fmt(read / (engineMs / 1000) / ref, 2),
  ]);
  t0 = now();
  for (const d of datas)
    await readPdf(d.name, d.data)
      .then((set) => extract(set))
      .catch(() => null);
  const inMs = now() - t0;
  rows.push([
    "readPdf + extract in this process",
    files.length,
    read,
    fmt(inMs / 1000, 2),
    fmt(read / (inMs / 1000)),
    fmt(read / (inMs / 1000) / ref, 2),
  ]);
  console.log(`\n(b) PDFs: every PDF in corpus/pdf, councils and pool (goal: whole process ≥ 0.5× pdftotext)`);
  table(rows);
  if (pdftotext)
    console.log(`moot extract (${cores} threads) against pdftotext ${cores} at once: ${fmt(pages / (whole.ms / 1000) / refParallel, 2)}×`);
  if (whole.rssMb !== null)
    console.log(`moot extract batch peak RSS: ${fmt(whole.rssMb)} MB (${cores} threads), ${fmt(single.rssMb ?? NaN)} MB (1 thread)`);
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

/** (c) Peak memory of `moot extract` on the generated pack, in a fresh process (goal < 250 MB). */
function benchMemory(bigPack: string): void {
  const out = join(OUT, "extract-big");
  mkdirSync(out, { recursive: true });
  const idle = timed(process.execPath, ["bin/moot.js", "--help"]);
  const r = timed(process.execPath, ["bin/moot.js", "extract", "-o", out, bigPack]);
  console.log(`\n(c) Peak RSS of \`moot extract\` on ${bigPack.split("/").pop()} (goal < 250 MB)`);
  table([
    ["process", "seconds", "peak RSS MB"],
    ["moot --help", fmt(idle.ms / 1000, 2), idle.rssMb === null ? "–" : fmt(idle.rssMb)],
    [`moot extract (${BIG_PAGES} pages)`, fmt(r.ms / 1000, 2), r.rssMb === null ? "–" : fmt(r.rssMb)],
  ]);
}

/**
 * (d) Text extraction at growing sizes (goal: MB/s about the same at every size, i.e. linear),
 * each size in a fresh process so its peak RSS is its own; then what `moot extract` does with
 * a text file over MOOT_MAX_TEXT_MB (16 MB by default): it refuses it in one line.
 */
function benchTextSizes(): void {
  const seed = existsSync(CORPUS) ? readdirSync(CORPUS).find((f) => f.endsWith(".txt")) : undefined;
  const base = seed ? readFileSync(join(CORPUS, seed), "utf8") : "Item 1. Apologies\nThe Board noted apologies.\nPage 1\n";
  mkdirSync(OUT, { recursive: true });
  const rows: (string | number)[][] = [["text pack", "MB", "seconds", "MB/s", "peak RSS MB"]];
  let largest = "";
  for (const mb of TEXT_MB) {
    // One long run of text without page breaks: the shape that was quadratic.
    const text = Array.from({ length: Math.ceil((mb * 1e6) / base.length) }, () => base).join("\n");
    const file = join(OUT, `text-${mb}mb.txt`);
    writeFileSync(file, text);
    largest = file;
    const size = Buffer.byteLength(text) / 1e6;
    const r = timed(process.execPath, ["bin/run-ts.js", "bench/text-one.ts", file], {
      ...process.env,
      NODE_OPTIONS: "--max-old-space-size=8192",
    });
    const s = Number(/"seconds":([\d.]+)/.exec(r.stdout)?.[1]);
    rows.push([`${mb} MB`, fmt(size, 1), fmt(s, 2), fmt(size / s, 2), r.rssMb === null ? "–" : fmt(r.rssMb)]);
  }
  console.log(
    `\n(d) Text: decode + readText + extract on generated one-page packs, a process each (MOOT_BENCH_TEXT_MB=${TEXT_MB.join(",")})`,
  );
  table(rows);
  if (largest) {
    const r = timed(process.execPath, ["bin/moot.js", "extract", largest], process.env, true);
    console.log(
      `moot extract ${largest.split("/").pop()}: exit ${r.status} in ${fmt(r.ms / 1000, 2)} s, ${r.rssMb === null ? "–" : fmt(r.rssMb)} MB: ${r.stderr.trim().split("\n")[0]}`,
    );
  }
}

/** (e) Start-up: `moot --help` against bare `node -e 0`, median of five (goal < 0.5 s). */
function benchStartup(): void {
  const median = (f: () => number) => {
    const xs = Array.from({ length: 5 }, f).sort((a, b) => a - b);
    return xs[2]!;
  };
  const node = median(() => timed(process.execPath, ["-e", "0"]).ms);
  const help = median(() => timed(process.execPath, ["bin/moot.js", "--help"]).ms);
  console.log(`\n(e) Start-up, median of 5 (goal: moot --help < 0.5 s)`);
  table([
    ["command", "seconds"],
    ["node -e 0", fmt(node / 1000, 3)],
    ["moot --help", fmt(help / 1000, 3)],
  ]);
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(" ");
console.log(
  `bench:import — node ${process.version}, ${availableParallelism()} cores, load average ${load()}, ${SECONDS} s per text measurement`,
);
const PARTS = process.env.MOOT_BENCH_PARTS ?? "abcde";
// `moot` runs dist/ when it is newer than src/ (else it compiles the sources through tsx on
// every start): build it first, so the whole-process figures are those of the installed command.
if (spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" }).status !== 0)
  console.log("(the build failed: whole-process figures include compiling the sources)");
if (PARTS.includes("a")) benchText();
if (PARTS.includes("b")) await benchPdf();
if (PARTS.includes("c")) benchMemory(await makeBigPack());
if (PARTS.includes("d")) benchTextSizes();
if (PARTS.includes("e")) benchStartup();
console.log(`\nload average at the end: ${load()} (other work on the machine slows both sides of each ratio alike only roughly)`);
