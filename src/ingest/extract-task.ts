import type { MessagePort } from "node:worker_threads";
import { threadId } from "node:worker_threads";
import { FileStore } from "../store/files.js";
import { MootError } from "../domain/errors.js";
import { type Extracted, extractData, readPackFile } from "./pipeline.js";
import { fileOcrCache } from "./read/ocr-cache.js";
import { OcrPending, type OcrProgress } from "./read/ocr-pdf.js";

/** One file to read and extract, as posted to a worker thread. */
export interface ExtractTask {
  path: string;
  /** Tesseract processes this file may run at once. */
  ocrWorkers?: number;
  /** The file store's root, when OCR'd pages are to be kept there (imports). */
  filesRoot?: string;
  /** Leave pages that need OCR to queued jobs (`moot worker`): the outcome then lists them. */
  ocrDefer?: boolean;
  /** Receives OCR progress ({ done, total, page }) as pages are recognised. */
  progress?: MessagePort;
}

export type ExtractOutcome =
  | { ok: true; path: string; data: Uint8Array; extracted: Extracted; threadId: number }
  | {
      ok: false;
      path: string;
      code: string;
      message: string;
      threadId: number;
      /** With `ocrDefer`: the original's digest, the pages missing from the OCR cache, and every page OCR reads. */
      ocrPending?: { sha256: string; pages: number[]; needed: number[] };
    };

/**
 * Reads one file and extracts it: the unit of work the extraction pool (extract-pool.ts)
 * runs in worker threads, and runs in-process for a single file. Errors come back as data,
 * so their code (`bad_input`, `not_found`, …) survives the trip between threads.
 */
export default async function extractTask(task: ExtractTask, onOcrPage?: (p: OcrProgress) => void): Promise<ExtractOutcome> {
  let sha256 = "";
  try {
    const data = await readPackFile(task.path);
    sha256 = FileStore.sha256(data);
    const extracted = await extractData(task.path, data, {
      ocrWorkers: task.ocrWorkers,
      ocrDefer: task.ocrDefer,
      ocrCache: task.filesRoot ? fileOcrCache(new FileStore(task.filesRoot), sha256) : undefined,
      onOcrPage: task.progress ? (p) => task.progress!.postMessage(p) : onOcrPage,
    });
    return { ok: true, path: task.path, data, extracted, threadId };
  } catch (e) {
    const code = e instanceof MootError ? e.code : "bad_input";
    const message = e instanceof Error ? e.message : String(e);
    const cause = e instanceof MootError ? e.cause : undefined;
    const pending = e instanceof OcrPending ? e : cause instanceof OcrPending ? cause : null;
    return {
      ok: false,
      path: task.path,
      code,
      message: message.includes(task.path) ? message : `${task.path}: ${message}`,
      threadId,
      ...(pending ? { ocrPending: { sha256, pages: pending.pages, needed: pending.needed } } : {}),
    };
  } finally {
    task.progress?.close();
  }
}
