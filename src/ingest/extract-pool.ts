import { availableParallelism } from "node:os";
import { MessageChannel, type MessagePort } from "node:worker_threads";
import type { Piscina } from "piscina";
import { MootError } from "../domain/errors.js";
import type { OcrProgress } from "./read/ocr-pdf.js";
import { ocrConcurrency } from "./read/ocr.js";
import type { ExtractOutcome, ExtractTask } from "./extract-task.js";

export type { ExtractOutcome };

/** Threads for extracting `files` files: MOOT_IMPORT_WORKERS, else one per core, never more than the files. */
export function extractionThreads(files = Number.POSITIVE_INFINITY, env: NodeJS.ProcessEnv = process.env): number {
  const wanted = Number(env.MOOT_IMPORT_WORKERS) || availableParallelism();
  return Math.max(1, Math.min(wanted, files));
}

const YOUNG_GENERATION_MB = 8;

/**
 * Worker threads that read and extract files (extract-task.ts, through extract-thread.ts), through piscina. Each file's
 * Tesseract processes share the cores with the other threads' files. Outcomes, errors
 * included, come back as data.
 */
export class ExtractionPool {
  private pool: Piscina | null = null;
  private readonly ocrWorkers: number;

  constructor(
    readonly threads: number,
    private readonly opts: { filesRoot?: string; ocrDefer?: boolean } = {},
  ) {
    this.ocrWorkers = Math.max(1, Math.floor(ocrConcurrency() / Math.max(1, threads)));
  }

  private async start(): Promise<Piscina> {
    if (this.pool) return this.pool;
    const { Piscina } = await import("piscina");
    // From the TypeScript sources (tests, a checkout being edited) the thread first registers tsx.
    const source = import.meta.url.endsWith(".ts");
    const task = new URL(`./extract-thread.${source ? "ts" : "js"}`, import.meta.url);
    this.pool ??= new Piscina({
      filename: source ? new URL("../../bin/ts-task.mjs", import.meta.url).href : task.href,
      workerData: source ? { tsTask: task.href } : undefined,
      minThreads: this.threads,
      maxThreads: this.threads,
      idleTimeout: 5000,
      // A thread's young generation grows to 48 MB by default, and each thread has its own:
      // what a file's reading allocates is short-lived, so a few MB serve (bench:import part b).
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    return this.pool;
  }

  async run(path: string, onOcrPage?: (p: OcrProgress) => void): Promise<ExtractOutcome> {
    const pool = await this.start();
    const t: ExtractTask = { path, ocrWorkers: this.ocrWorkers, filesRoot: this.opts.filesRoot, ocrDefer: this.opts.ocrDefer };
    let port: MessagePort | null = null;
    if (onOcrPage) {
      const { port1, port2 } = new MessageChannel();
      port1.on("message", (p: OcrProgress) => onOcrPage(p));
      port1.unref();
      t.progress = port2;
      port = port1;
    }
    try {
      return (await pool.run(t, { transferList: t.progress ? [t.progress] : [] })) as ExtractOutcome;
    } catch (e) {
      // The thread itself failed (out of memory, a crash in the engine): the file fails alone.
      const why = e instanceof Error ? e.message : String(e);
      return { ok: false, path, code: "bad_input", message: `${path}: extraction failed (${why})`, threadId: -1 };
    } finally {
      port?.close();
    }
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = null;
  }
}

export interface ExtractAllOptions {
  /** Worker threads; default MOOT_IMPORT_WORKERS, else one per core. 1 extracts in this thread. */
  threads?: number;
  /** A pool kept by the caller (`moot worker`); otherwise one is made for the call and closed after. */
  pool?: ExtractionPool;
  /** The file store's root, to keep OCR'd pages there. */
  filesRoot?: string;
  /** Leave OCR to queued jobs (outcomes list the pages); a given pool has its own setting. */
  ocrDefer?: boolean;
  onOcrPage?: (index: number, p: OcrProgress) => void;
}

/**
 * Reads and extracts files on the machine's cores, yielding each outcome in the order of
 * `paths`, so what the caller does with them (one writer loading the store) happens in the
 * same order as a serial run. At most a few files run ahead of the caller, which bounds memory.
 * One file, or one thread, without a pool runs in this thread: a worker's start-up would cost
 * more than it saves.
 */
export async function* extractAll(paths: string[], opts: ExtractAllOptions = {}): AsyncGenerator<ExtractOutcome> {
  const threads = opts.pool?.threads ?? opts.threads ?? extractionThreads(paths.length);
  const progress = (i: number) => (opts.onOcrPage ? (p: OcrProgress) => opts.onOcrPage!(i, p) : undefined);
  if (!opts.pool && (threads <= 1 || paths.length <= 1)) {
    const ocrWorkers = ocrConcurrency();
    // Loaded here, not at the top: with threads, this thread never reads a file itself.
    const { default: extractTask } = await import("./extract-task.js");
    for (const [i, path] of paths.entries())
      yield await extractTask({ path, ocrWorkers, filesRoot: opts.filesRoot, ocrDefer: opts.ocrDefer }, progress(i));
    return;
  }
  const pool = opts.pool ?? new ExtractionPool(threads, { filesRoot: opts.filesRoot, ocrDefer: opts.ocrDefer });
  const ahead = threads * 2;
  const running: Array<Promise<ExtractOutcome>> = [];
  const start = (i: number) => {
    running[i] = pool.run(paths[i]!, progress(i));
  };
  try {
    for (let i = 0; i < Math.min(ahead, paths.length); i++) start(i);
    for (let i = 0; i < paths.length; i++) {
      const outcome = await running[i]!;
      delete running[i];
      if (i + ahead < paths.length) start(i + ahead);
      yield outcome;
    }
  } finally {
    await Promise.allSettled(running.filter(Boolean));
    if (!opts.pool) await pool.close();
  }
}

/** The error an outcome carries, as the MootError it was in the thread that read the file. */
export function outcomeError(o: Extract<ExtractOutcome, { ok: false }>): MootError {
  return new MootError(o.code, o.message);
}
