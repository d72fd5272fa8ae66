import { MootError } from "../../domain/errors.js";
import {
  LOW_CONFIDENCE,
  looksGarbled,
  OCR_DPI,
  type OcrPage,
  ocrConcurrency,
  ocrImage,
  ocrLanguages,
  pool,
  tesseractAvailable,
} from "./ocr.js";
import type { PageSet } from "./page.js";
import { mupdf, type ReadPdfOptions, readPdfPages } from "./pdf.js";
import { finishPages } from "./pdf-furniture.js";

export interface OcrProgress {
  /** Pages recognised so far, of `total` pages that need OCR in this file. */
  done: number;
  total: number;
  page: number;
}

/** OCR'd pages of one original kept between runs (and shared by `moot worker`s), by file page. */
export interface OcrCache {
  get(page: number): Promise<OcrPage | null>;
  put(page: number, result: OcrPage): Promise<void>;
}

export interface ReadPdfOcrOptions extends ReadPdfOptions {
  onOcrPage?: (p: OcrProgress) => void;
  /** Set false (or MOOT_OCR=off) to read the text layer only: image-only files then fail with no_text_layer. */
  ocr?: boolean;
  /** Tesseract processes at once for this file (default MOOT_OCR_WORKERS, else one per core). */
  ocrWorkers?: number;
  /** Pages recognised before (a re-import, or OCR queued on PostgreSQL) are taken from here, and new ones kept. */
  ocrCache?: OcrCache;
  /**
   * Recognise nothing here: when pages need OCR and are not all in `ocrCache`, throw
   * `OcrPending` naming them (`moot worker` queues them as OCR jobs and imports afterwards).
   */
  ocrDefer?: boolean;
}

/** Thrown with `ocrDefer` when pages wait for OCR: `pages` are missing from the cache, `needed` all those OCR reads. */
export class OcrPending extends MootError {
  constructor(
    source: string,
    readonly pages: number[],
    readonly needed: number[],
  ) {
    super("ocr_pending", `${source}: ${pages.length} page${pages.length === 1 ? "" : "s"} wait for OCR`);
  }
}

/** Fewer visible characters than this on a page with a large image: a scan. */
const SCAN_MAX_CHARS = 20;
/** Share of the page an image must cover for a near-empty page to count as a scan. */
const SCAN_MIN_COVER = 0.3;

/**
 * Reads a PDF's text layer, and recognises with Tesseract the pages that have none (scans)
 * or whose text layer is garbage (a broken font map). OCR'd pages carry `ocr.confidence`;
 * low-confidence pages are flagged in `ocr.low` and in the set's warnings for the clerk.
 *
 * @throws MootError as readPdf, and `no_text_layer` when nothing is readable and OCR is not
 *   installed (the message says what to install).
 */
export async function readPdfWithOcr(source: string, data: Uint8Array, options: ReadPdfOcrOptions = {}): Promise<PageSet> {
  const { pages: laid, warnings } = await readPdfPages(source, data, options);
  const { candidates, garbled } = ocrCandidates(laid);
  let results = new Map<number, OcrPage>();
  if (candidates.length && (options.ocr ?? process.env.MOOT_OCR !== "off")) {
    if (!tesseractAvailable()) {
      for (const n of garbled)
        warnings.push(`page ${n}: the text layer looks garbled and OCR is not installed (apt-get install tesseract-ocr)`);
    } else {
      const pages = await scannedOrGarbled(data, candidates, garbled);
      if (options.ocrDefer && pages.length) {
        const cached = await Promise.all(pages.map((n) => options.ocrCache?.get(n) ?? null));
        const missing = pages.filter((_, i) => !cached[i]);
        if (missing.length) throw new OcrPending(source, missing, pages);
      }
      results = await recognisePages(data, pages, { ...options, warnings });
    }
  }
  for (const p of laid) {
    const r = results.get(p.index);
    if (!r) continue;
    p.lines = r.lines;
    p.rotated = [];
  }
  const pages = finishPages(laid);
  for (const page of pages) {
    const r = results.get(page.index);
    if (!r) continue;
    const confidence = Math.round(r.confidence * 1000) / 1000;
    const low = confidence < LOW_CONFIDENCE;
    page.ocr = { engine: "tesseract", languages: ocrLanguages(), confidence, low };
    if (low)
      warnings.push(`page ${page.index} was read by OCR with low confidence (${confidence.toFixed(2)}): check it against the original`);
  }
  if (!pages.some((p) => p.lines.some((l) => l.text.trim() !== ""))) {
    const why = !tesseractAvailable()
      ? "it needs OCR, and Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-eng)"
      : "OCR found no text either";
    throw new MootError(
      "no_text_layer",
      `${source}: no text layer (${pages.length} page${pages.length === 1 ? "" : "s"} of images or vector drawing only); ${why}`,
    );
  }
  const set: PageSet = { source, kind: "pdf", pages };
  if (warnings.length) set.warnings = warnings;
  return set;
}

/** Pages whose text layer is near-empty (maybe scans) or garbled (always OCR'd). */
function ocrCandidates(laid: Awaited<ReturnType<typeof readPdfPages>>["pages"]): { candidates: number[]; garbled: Set<number> } {
  const garbled = new Set<number>();
  const candidates: number[] = [];
  for (const p of laid) {
    const text = [...p.lines, ...p.rotated].map((l) => l.text).join("\n");
    if (looksGarbled(text)) {
      garbled.add(p.index);
      candidates.push(p.index);
    } else if (text.replace(/\s/g, "").length < SCAN_MAX_CHARS) candidates.push(p.index);
  }
  return { candidates, garbled };
}

/**
 * The file pages of a PDF that OCR would read (scans and garbled text layers), without
 * reading them: what `moot worker` splits into queued OCR jobs. Empty when Tesseract is missing.
 */
export async function pagesNeedingOcr(source: string, data: Uint8Array): Promise<number[]> {
  if (!tesseractAvailable()) return [];
  const { pages: laid } = await readPdfPages(source, data);
  const { candidates, garbled } = ocrCandidates(laid);
  return candidates.length ? scannedOrGarbled(data, candidates, garbled) : [];
}

/**
 * Recognises the given file pages, `ocrWorkers` Tesseract processes at once, taking pages
 * already in `ocrCache` from there and keeping the new ones in it. A page that fails is left
 * out with a warning.
 */
export async function recognisePages(
  data: Uint8Array,
  pages: number[],
  options: Pick<ReadPdfOcrOptions, "onOcrPage" | "ocrWorkers" | "ocrCache"> & { warnings?: string[] } = {},
): Promise<Map<number, OcrPage>> {
  const results = new Map<number, OcrPage>();
  let done = 0;
  await pool(pages, options.ocrWorkers ?? ocrConcurrency(), async (n) => {
    try {
      let r = (await options.ocrCache?.get(n)) ?? null;
      if (!r) {
        r = await ocrImage(await renderPage(data, n), OCR_DPI / 72);
        await options.ocrCache?.put(n, r);
      }
      results.set(n, r);
    } catch (e) {
      options.warnings?.push(`page ${n}: OCR failed (${e instanceof Error ? e.message : String(e)})`);
    }
    options.onOcrPage?.({ done: ++done, total: pages.length, page: n });
  });
  return results;
}

/** Of the near-empty pages, those that carry a page-sized image; garbled pages always. */
async function scannedOrGarbled(data: Uint8Array, pages: number[], garbled: Set<number>): Promise<number[]> {
  const lib = await mupdf();
  const doc = lib.Document.openDocument(data, "application/pdf");
  try {
    return pages.filter((n) => {
      if (garbled.has(n)) return true;
      const page = doc.loadPage(n - 1);
      try {
        const [x0, y0, x1, y1] = page.getBounds();
        const area = Math.max(1, (x1 - x0) * (y1 - y0));
        let covered = 0;
        const st = page.toStructuredText("preserve-images");
        try {
          st.walk({
            onImageBlock(bbox) {
              covered += Math.max(0, bbox[2] - bbox[0]) * Math.max(0, bbox[3] - bbox[1]);
            },
          });
        } finally {
          st.destroy();
        }
        return covered / area >= SCAN_MIN_COVER;
      } finally {
        page.destroy();
      }
    });
  } finally {
    doc.destroy();
  }
}

/** One page as a greyscale PNG at OCR_DPI. Each call opens the file, so pages render independently. */
async function renderPage(data: Uint8Array, n: number): Promise<Uint8Array> {
  const lib = await mupdf();
  const doc = lib.Document.openDocument(data, "application/pdf");
  try {
    const page = doc.loadPage(n - 1);
    try {
      const scale = OCR_DPI / 72;
      const pix = page.toPixmap(lib.Matrix.scale(scale, scale), lib.ColorSpace.DeviceGray, false);
      try {
        return pix.asPNG().slice();
      } finally {
        pix.destroy();
      }
    } finally {
      page.destroy();
    }
  } finally {
    doc.destroy();
  }
}
