import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { PDFDocumentProxy, PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { MootError } from "../../domain/errors.js";
import type { Line, PageSet } from "./page.js";
import { finishPages, type LaidOutPage } from "./pdf-furniture.js";
import { layoutRuns, type TextRun } from "./pdf-layout.js";

export interface ReadPdfOptions {
  /** Gives up after this long (ms) for the whole file. Default 120 s. */
  timeoutMs?: number;
  /** Reads font names to mark bold lines (default true; costs an operator list per new font). */
  detectBold?: boolean;
}

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjsPromise: Promise<PdfJs> | null = null;

/** Loaded on first use: pdfjs is large and most commands never read a PDF. */
function pdfjs(): Promise<PdfJs> {
  return (pdfjsPromise ??= import("pdfjs-dist/legacy/build/pdf.mjs"));
}

/** Font, CMap and decoder data ship inside pdfjs-dist; Node reads them as file paths. */
function assetDirs() {
  const root = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  const dir = (name: string) => join(root, name) + "/";
  return { standardFontDataUrl: dir("standard_fonts"), cMapUrl: dir("cmaps"), wasmUrl: dir("wasm"), iccUrl: dir("iccs") };
}

const BOLD_FONT = /bold|black|heavy|semibold|demi|extrabold|[-,+]bd\b/i;

/** Characters that text layers use for bullets and ligatures, mapped to what a reader sees. */
const CHAR_MAP: Record<string, string> = {
  "\uf0b7": "•",
  "\uf0a7": "▪",
  "\uf076": "❖",
  "\uf0d8": "➢",
  "\uf0fc": "✓",
  "\u00ad": "",
  "\ufb00": "ff",
  "\ufb01": "fi",
  "\ufb02": "fl",
  "\ufb03": "ffi",
  "\ufb04": "ffl",
  "\ufb05": "st",
  "\ufb06": "st",
};
const CHAR_RE = new RegExp(`[${Object.keys(CHAR_MAP).join("")}]`, "g");
/**
 * Word's Calibri "ti" and "tt" ligatures reach the text layer as "Ɵ" and "Ʃ"
 * ("IntroducƟons", "aƩend"); inside a lower-case word they can only be those letters.
 */
const LIGATURE_SLIPS: [RegExp, string][] = [
  [/(?<=[a-z])\u019f|\u019f(?=[a-z])/g, "ti"],
  [/(?<=[a-z])\u01a9|\u01a9(?=[a-z])/g, "tt"],
];
export const mendLigatures = (s: string) => LIGATURE_SLIPS.reduce((t, [re, to]) => t.replace(re, to), s);
const cleanChars = (s: string) => s.replace(CHAR_RE, (c) => CHAR_MAP[c] ?? c).replace(/[\u00a0\u2000-\u200b\u202f]/g, " ");

/**
 * Reads a PDF's text layer into pages of positioned lines: columns and table rows
 * rebuilt, running headers/footers and page-number stamps moved to `furniture`,
 * printed page numbers and placeholder pages recognised.
 *
 * @throws MootError `bad_input` (not a PDF, damaged beyond repair), `no_text_layer`
 *   (scanned/image-only or password-protected), `timeout`.
 * @example const set = await readPdf("agenda.pdf", await readFile("agenda.pdf"));
 */
export async function readPdf(source: string, data: Uint8Array, options: ReadPdfOptions = {}): Promise<PageSet> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const detectBold = options.detectBold ?? true;
  if (data.byteLength === 0) throw new MootError("bad_input", `${source}: the file is empty`);
  if (!hasPdfHeader(data)) throw new MootError("bad_input", `${source}: not a PDF (no %PDF- header in the first 1 KB)`);

  const lib = await pdfjs();
  // pdfjs transfers the buffer it is given (and refuses Buffers): hand it a private plain copy.
  const task = lib.getDocument({
    data: new Uint8Array(data),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: lib.VerbosityLevel.ERRORS,
    stopAtErrors: false,
    ...assetDirs(),
  });
  const deadline = Date.now() + timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(source, timeoutMs)), timeoutMs);
  });
  timedOut.catch(() => {});
  const within = <T>(p: Promise<T>) => Promise.race([p, timedOut]);

  let doc: PDFDocumentProxy | null = null;
  try {
    doc = await within(task.promise).catch((e: unknown) => {
      throw openError(source, e, data);
    });
    const warnings: string[] = [];
    const laid: LaidOutPage[] = [];
    const fonts = detectBold ? new Map<string, string>() : null;
    for (let n = 1; n <= doc.numPages; n++) {
      // Let the timer run between pages: pdfjs's fake worker works through microtasks.
      await new Promise((r) => setImmediate(r));
      if (Date.now() > deadline) throw timeoutError(source, timeoutMs);
      try {
        laid.push(await within(readPage(lib, doc, n, fonts)));
      } catch (e) {
        if (e instanceof MootError) throw e;
        warnings.push(`page ${n} could not be read (${reason(e)})`);
        laid.push({ index: n, height: 0, lines: [], rotated: [] });
      }
    }
    if (warnings.length === laid.length) {
      throw new MootError("bad_input", `${source}: no page could be read (${warnings[0] ?? "no pages"})`);
    }
    const pages = finishPages(laid);
    if (!pages.some((p) => p.lines.some((l) => l.text.trim() !== ""))) {
      throw new MootError(
        "no_text_layer",
        `${source}: no text layer (${pages.length} page${pages.length === 1 ? "" : "s"} of images or vector drawing only); it needs OCR before import`,
      );
    }
    const set: PageSet = { source, kind: "pdf", pages };
    if (warnings.length) set.warnings = warnings;
    return set;
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => {});
  }
}

async function readPage(lib: PdfJs, doc: PDFDocumentProxy, n: number, fonts: Map<string, string> | null): Promise<LaidOutPage> {
  const page = await doc.getPage(n);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    if (fonts) await learnFonts(lib, page, content.items, fonts);
    const groups = new Map<number, TextRun[]>();
    for (const item of content.items) {
      if (!("str" in item) || !item.str.trim()) continue;
      const m = lib.Util.transform(viewport.transform, item.transform);
      // Damaged content streams yield NaN or absurd matrices; such runs have no place on the page.
      if (!m.every((v) => Number.isFinite(v) && Math.abs(v) < 1e6)) continue;
      const angle = Math.round((Math.atan2(m[1], m[0]) * 180) / Math.PI / 5) * 5;
      const rad = (angle * Math.PI) / 180;
      const cos = Math.cos(rad);
      const sin = Math.sin(rad);
      const size = Math.hypot(m[2], m[3]) || (Number.isFinite(item.height) && item.height > 0 ? item.height : 1);
      const run: TextRun = {
        text: cleanChars(item.str),
        x: m[4] * cos + m[5] * sin,
        y: -m[4] * sin + m[5] * cos,
        w: Number.isFinite(item.width) && item.width >= 0 ? item.width : 0.5 * size * item.str.length,
        size,
        bold: BOLD_FONT.test(fonts?.get(item.fontName) ?? ""),
      };
      let g = groups.get(angle);
      if (!g) groups.set(angle, (g = []));
      g.push(run);
    }
    // The ligature glyph is often a run of its own, so mend whole lines.
    const lines = layoutRuns(groups.get(0) ?? []).map((l) => ({
      ...l,
      text: mendLigatures(l.text),
      ...(l.cells ? { cells: l.cells.map(mendLigatures) } : {}),
    }));
    const rotated: Line[] = [];
    for (const [angle, runs] of groups) {
      if (angle === 0) continue;
      for (const l of layoutRuns(runs, Infinity)) {
        // Keep page-frame coordinates out: these lines only feed stamps and search text.
        delete l.x;
        delete l.y;
        rotated.push(l);
      }
    }
    const height = Number.isFinite(viewport.height) && viewport.height > 0 ? viewport.height : Math.max(0, ...lines.map((l) => l.y ?? 0));
    return { index: n, height, lines, rotated };
  } finally {
    page.cleanup();
  }
}

/**
 * Font names (for bold) by pdfjs font id. pdfjs only hands font objects to the API after
 * an operator list, which costs as much as the text itself; ids are per document, so a
 * page needs one only when it uses a font no earlier page did.
 */
async function learnFonts(lib: PdfJs, page: PDFPageProxy, items: readonly object[], fonts: Map<string, string>): Promise<void> {
  const unknown = new Set<string>();
  for (const item of items)
    if ("fontName" in item && typeof item.fontName === "string" && !fonts.has(item.fontName)) unknown.add(item.fontName);
  if (!unknown.size) return;
  if ([...unknown].some((id) => !page.commonObjs.has(id))) {
    await page.getOperatorList({ annotationMode: lib.AnnotationMode.DISABLE });
  }
  for (const id of unknown) {
    // Type3 and unloadable fonts never arrive; remember them as nameless so no page asks again.
    const font = page.commonObjs.has(id) ? (page.commonObjs.get(id) as { name?: string } | null) : null;
    fonts.set(id, font?.name ?? "");
  }
}

function hasPdfHeader(data: Uint8Array): boolean {
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.byteLength, 1024)).toString("latin1");
  return head.includes("%PDF-");
}

function reason(e: unknown): string {
  return e instanceof Error ? e.message || e.name : String(e);
}

function timeoutError(source: string, ms: number): MootError {
  return new MootError("timeout", `${source}: gave up reading the PDF after ${ms} ms`);
}

/** Savers write "%%EOF" last, so a file without one near its end was cut short. */
function looksTruncated(data: Uint8Array): boolean {
  const tail = Buffer.from(data.buffer, data.byteOffset, data.byteLength).subarray(-2048).toString("latin1");
  return !tail.includes("%%EOF");
}

function openError(source: string, e: unknown, data: Uint8Array): MootError {
  if (e instanceof MootError) return e;
  const name = e instanceof Error ? e.name : "";
  if (name === "PasswordException") {
    return new MootError("no_text_layer", `${source}: the PDF is password-protected, so its text layer cannot be read`, { cause: e });
  }
  if (name === "InvalidPDFException") {
    const why = looksTruncated(data) ? "the file is truncated (no %%EOF marker at its end)" : "the file is damaged";
    return new MootError("bad_input", `${source}: not a valid PDF (${reason(e)}); ${why}`, { cause: e });
  }
  return new MootError("bad_input", `${source}: the PDF could not be opened (${reason(e)})`, { cause: e });
}
