import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePdf, mulberry32, packDefinition } from "./make-pdf.js";
import type { JobInput, Outcome } from "./robustness-worker.js";

/**
 * Hostile input for the readers: truncated, corrupted, random, empty, enormous and deeply
 * nested files. Each must end (inside its time box) in pages or in a MootError that names
 * the file. Seeds are fixed, so a failure reproduces.
 *
 * The readers run in a worker thread: a synchronous runaway loop (a quadratic regex, a
 * parser cycle) cannot be interrupted by a timer in the same thread.
 *
 * The time box counts the reader thread's own CPU time (read from /proc), not the wall
 * clock: on a loaded CI machine a 20 MB file may wait minutes for a core, and that is not a
 * hang. A runaway loop burns CPU and is stopped all the same. Off Linux the wall clock is used.
 */
const PDF_LIMIT_MS = 10_000;
const TEXT_LIMIT_MS = 30_000;
/** How often the thread's CPU time is sampled; and the wall-clock backstop, far above any loaded run. */
const SAMPLE_MS = 250;
const WALL_BACKSTOP_MS = 480_000;
const TICKS_PER_SECOND = 100;

/** CPU milliseconds a thread has used, from /proc/<pid>/task/<tid>/stat (utime + stime). */
function threadCpuMs(task: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${task}/stat`, "utf8");
    // The command name (field 2) may hold spaces; fields after its closing bracket are fixed.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
const ALLOWED_CODES = ["bad_input", "no_text_layer", "timeout", "too_large"];

class Runner {
  private worker: Worker | null = null;
  private next = 1;

  private start(): Worker {
    // The worker has no vitest transform: tsx's ESM API registers a TypeScript loader there first.
    const tsxDir = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
    const tsx = pathToFileURL(join(tsxDir, "dist/esm/api/index.mjs")).href;
    const entry = new URL("./robustness-worker.ts", import.meta.url).href;
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    const worker = new Worker(boot, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (m: { ready?: boolean; task?: string }) => {
        if (!m.ready) return;
        worker.off("message", onMessage);
        worker.off("error", reject);
        this.task = m.task && threadCpuMs(m.task) !== undefined ? m.task : undefined;
        resolve();
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
    });
    return worker;
  }

  private ready: Promise<void> = Promise.resolve();
  private task: string | undefined;

  /** Resolves with the reader's outcome, or "hang" when the limit passes first (the worker is then replaced). */
  async run(job: JobInput, limitMs: number): Promise<Outcome | "hang"> {
    const worker = (this.worker ??= this.start());
    // The clock starts once the worker says it is ready, never during its start-up.
    await this.ready;
    const id = this.next++;
    const task = this.task;
    const cpuAtStart = task ? threadCpuMs(task) : undefined;
    const startedAt = Date.now();
    return new Promise((resolve, reject) => {
      const timer = setInterval(() => {
        const elapsed = Date.now() - startedAt;
        const cpuNow = task ? threadCpuMs(task) : undefined;
        const spent = cpuAtStart !== undefined && cpuNow !== undefined ? cpuNow - cpuAtStart : elapsed;
        if (spent <= limitMs && elapsed <= WALL_BACKSTOP_MS) return;
        cleanup();
        this.worker = null;
        void worker.terminate();
        resolve("hang");
      }, SAMPLE_MS);
      const onMessage = (m: Outcome) => {
        if (m.id !== id) return;
        cleanup();
        resolve(m);
      };
      const onError = (e: Error) => {
        cleanup();
        this.worker = null;
        reject(e);
      };
      const cleanup = () => {
        clearInterval(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.postMessage({ ...job, id });
    });
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
  }
}

function expectGraceful(source: string, outcome: Outcome | "hang"): void {
  if (process.env.MOOT_FUZZ_LOG) console.log(source, JSON.stringify(outcome).slice(0, 200));
  expect(outcome, `${source} did not finish inside its time box`).not.toBe("hang");
  if (outcome === "hang") return;
  if (outcome.ok) {
    expect(outcome.valid, `${source}: reader returned a malformed PageSet (${outcome.issue})`).toBe(true);
    return;
  }
  expect(outcome.name, `${source}: ${outcome.message}`).toBe("MootError");
  expect(ALLOWED_CODES).toContain(outcome.code);
  expect(outcome.message.startsWith(`${source}: `), outcome.message).toBe(true);
  expect(outcome.message.length).toBeGreaterThan(source.length + 8);
}

const runner = new Runner();
afterAll(() => runner.stop());

describe("the time box", () => {
  it("stops a reader stuck in a synchronous loop, and the next job gets a fresh worker", async () => {
    expect(await runner.run({ kind: "spin", source: "spin" }, 2_000)).toBe("hang");
    const after = await runner.run({ kind: "text", source: "after.txt", text: "Minutes\n1. Apologies" }, TEXT_LIMIT_MS);
    expect(after).toMatchObject({ ok: true, valid: true });
  });
});

function randomBytes(seed: number, n: number): Uint8Array {
  const rnd = mulberry32(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rnd() * 256);
  return out;
}

function flipBytes(data: Uint8Array, seed: number, flips: number): Uint8Array {
  const rnd = mulberry32(seed);
  const out = new Uint8Array(data);
  for (let i = 0; i < flips; i++) out[Math.floor(rnd() * out.length)] = Math.floor(rnd() * 256);
  return out;
}

const ascii = (s: string) => new TextEncoder().encode(s);

describe("readPdf survives hostile input", () => {
  let base: Uint8Array;
  beforeAll(async () => {
    base = await makePdf({ ...packDefinition({ pages: 2, rows: 40 }), compress: false });
  });

  const pdf = (source: string, data: () => Uint8Array) => async () => {
    const bytes = data();
    expectGraceful(source, await runner.run({ kind: "pdf", source, data: bytes, timeoutMs: PDF_LIMIT_MS / 2 }, PDF_LIMIT_MS));
  };

  it("reads the untouched base file", async () => {
    const out = await runner.run({ kind: "pdf", source: "base.pdf", data: base, timeoutMs: PDF_LIMIT_MS / 2 }, PDF_LIMIT_MS);
    expect(out).toMatchObject({ ok: true, valid: true });
  });

  for (const frac of [0.02, 0.1, 0.3, 0.5, 0.7, 0.9, 0.98]) {
    it(
      `truncated to ${frac * 100}%`,
      pdf(`cut-${frac}.pdf`, () => base.slice(0, Math.floor(base.length * frac))),
    );
  }
  it("says a cut-short file is truncated", async () => {
    const out = await runner.run(
      { kind: "pdf", source: "cut.pdf", data: base.slice(0, base.length >> 1), timeoutMs: PDF_LIMIT_MS / 2 },
      PDF_LIMIT_MS,
    );
    expect(out).toMatchObject({ ok: false, code: "bad_input" });
    expect(out !== "hang" && !out.ok && out.message).toMatch(/^cut\.pdf: .*truncated/);
  });
  for (let seed = 1; seed <= 12; seed++) {
    it(
      `with ${seed * 4} random byte flips (seed ${seed})`,
      pdf(`flip-${seed}.pdf`, () => flipBytes(base, seed, seed * 4)),
    );
  }
  for (let seed = 100; seed < 103; seed++) {
    it(
      `random binary (seed ${seed})`,
      pdf(`random-${seed}.pdf`, () => randomBytes(seed, 64 * 1024)),
    );
    it(
      `random binary behind a %PDF header (seed ${seed})`,
      pdf(`random-header-${seed}.pdf`, () => {
        const body = randomBytes(seed, 64 * 1024);
        body.set(ascii("%PDF-1.7\n"));
        return body;
      }),
    );
  }
  it(
    "empty",
    pdf("empty.pdf", () => new Uint8Array()),
  );
  it(
    "only a header",
    pdf("header.pdf", () => ascii("%PDF-1.4\n%%EOF\n")),
  );
  it(
    "deeply nested arrays and dictionaries",
    pdf("nested.pdf", () =>
      ascii(`%PDF-1.4\n1 0 obj\n${"[".repeat(20_000)}${"<<".repeat(20_000)}\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`),
    ),
  );
  it(
    "an xref that points at itself",
    pdf("loop.pdf", () =>
      ascii(
        "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 1 0 R >>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R /Prev 62 >>\nstartxref\n62\n%%EOF\n",
      ),
    ),
  );
  it(
    "a page tree that contains itself",
    pdf("cycle.pdf", () =>
      ascii(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
      ),
    ),
  );
});

describe("readText survives hostile input", () => {
  const text = (source: string, make: () => string) => async () => {
    expectGraceful(source, await runner.run({ kind: "text", source, text: make() }, TEXT_LIMIT_MS));
  };
  const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join("\n");

  it(
    "empty",
    text("empty.txt", () => ""),
  );
  it(
    "whitespace and form feeds only",
    text("blank.txt", () => " \n\t\f\r\n".repeat(50_000)),
  );
  it(
    "random binary as text",
    text("binary.txt", () => Buffer.from(randomBytes(7, 1 << 20)).toString("latin1")),
  );
  it(
    "random unicode with lone surrogates and NULs",
    text("unicode.txt", () => {
      const rnd = mulberry32(8);
      return Array.from({ length: 200_000 }, () => String.fromCharCode(Math.floor(rnd() * 0xffff))).join("");
    }),
  );
  it(
    "20 MB of ordinary lines",
    text("big.txt", () => lines(250_000, (i) => `Item ${i}: the committee resolved that the report be noted, page ${i}.`)),
  );
  it(
    "200 lines of 100,000 characters",
    text("wide.txt", () => lines(200, (i) => `${i} ${"budget ".repeat(14_285)}`)),
  );
  it(
    "10,000 nested <b> on one line",
    text("nested-b.md", () => `${"<b>".repeat(10_000)}Minutes${"</b>".repeat(10_000)}`),
  );
  it(
    "10,000 nested <b> one per line",
    text("nested-b-lines.md", () => `${"<b>\n".repeat(10_000)}Minutes\n${"</b>\n".repeat(10_000)}`),
  );
  it(
    "nested and unclosed pipe tables",
    text("pipes.md", () =>
      lines(5_000, (i) => (i % 3 === 0 ? "| ".repeat(i % 200) : i % 3 === 1 ? `| a | ${"| ".repeat(i % 50)}b` : "|---|---|")),
    ),
  );
  it(
    "a pipe row with 50,000 cells",
    text("cells.md", () => `${"| x ".repeat(50_000)}|`),
  );
  it(
    "200,000 unclosed tag openers",
    text("tags.md", () => "<a".repeat(100_000)),
  );
  it(
    "200,000 unclosed comment openers",
    text("comments.md", () => "<!--".repeat(50_000)),
  );
  it(
    "unbalanced link brackets",
    text("links.md", () => `${"[".repeat(100_000)}${"](".repeat(50_000)}`),
  );
  it(
    "emphasis markers without end",
    text("stars.md", () => `${" *a".repeat(60_000)}${"**".repeat(60_000)}${"__".repeat(60_000)}`),
  );
  it(
    "100,000 page footers",
    text("footers.txt", () => "Page 1\n".repeat(100_000)),
  );
});
