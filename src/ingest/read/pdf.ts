import { setFlagsFromString } from "node:v8";
import { MootError } from "../../domain/errors.js";
import type { Line, PageSet } from "./page.js";
import { finishPages, type LaidOutPage } from "./pdf-furniture.js";
import { layoutRuns, type TextRun } from "./pdf-layout.js";
import { type CharSink, prepareRawModule, type RawModule, rawModule, walkChars } from "./mupdf-chars.js";

export interface ReadPdfOptions {
  /** Gives up after this long (ms) for the whole file, checked between pages. Default 120 s. */
  timeoutMs?: number;
  /** Marks bold lines from font names and weights (default true). */
  detectBold?: boolean;
}

type MuPdf = typeof import("mupdf");
let mupdfPromise: Promise<MuPdf> | null = null;

/**
 * V8 recompiles a WebAssembly function with its optimising compiler once the function has run
 * about this many bytes of code (V8's default is 1.8 M). MuPDF is 10 MB of WebAssembly, and at
 * the default a few documents' unusual paths (one corpus minutes file: 8 pages) had V8
 * optimise large functions whose compilation memory, taken on V8's background threads, was
 * never given back: about 40 MB per thread reading PDFs. Ten times the budget keeps the
 * optimising for the functions that run all the time and costs no time over the corpus
 * (bench:import part b). The flag is V8's, for the whole process, and read when a module is
 * instantiated, so it is set before MuPDF first loads in each thread.
 */
const WASM_TIERING_BUDGET = 18_000_000;

/** Loaded on first use: the WebAssembly engine is large and most commands never read a PDF. */
let raw: RawModule | null = null;
export function mupdf(): Promise<MuPdf> {
  if (!mupdfPromise) setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
  const hook = mupdfPromise ? null : prepareRawModule();
  return (mupdfPromise ??= import("mupdf").then((lib) => {
    raw = hook && process.env.MOOT_MUPDF_WALK !== "wrapper" ? rawModule(hook) : null;
    // MuPDF repairs damaged files and says so on stderr; the reader reports what matters itself.
    lib.setLog(() => {});
    return lib;
  }));
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
 * Reads a PDF's text layer (MuPDF) into pages of positioned lines: columns and table rows
 * rebuilt, running headers/footers and page-number stamps moved to `furniture`,
 * printed page numbers and placeholder pages recognised.
 *
 * @throws MootError `bad_input` (not a PDF, damaged beyond repair), `no_text_layer`
 *   (scanned/image-only or password-protected), `timeout`.
 * @example const set = await readPdf("agenda.pdf", await readFile("agenda.pdf"));
 */
export async function readPdf(source: string, data: Uint8Array, options: ReadPdfOptions = {}): Promise<PageSet> {
  const laid = await readPdfPages(source, data, options);
  const pages = finishPages(laid.pages);
  if (!pages.some((p) => p.lines.some((l) => l.text.trim() !== ""))) {
    throw new MootError(
      "no_text_layer",
      `${source}: no text layer (${pages.length} page${pages.length === 1 ? "" : "s"} of images or vector drawing only); it needs OCR before import`,
    );
  }
  const set: PageSet = { source, kind: "pdf", pages };
  if (laid.warnings.length) set.warnings = laid.warnings;
  return set;
}

/** Laid-out pages before furniture is taken out: what OCR replaces page by page. */
export async function readPdfPages(
  source: string,
  data: Uint8Array,
  options: ReadPdfOptions = {},
): Promise<{ pages: LaidOutPage[]; warnings: string[] }> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const detectBold = options.detectBold ?? true;
  if (data.byteLength === 0) throw new MootError("bad_input", `${source}: the file is empty`);
  if (!hasPdfHeader(data)) throw new MootError("bad_input", `${source}: not a PDF (no %PDF- header in the first 1 KB)`);
  const lib = await mupdf();
  const started = Date.now();
  const doc = openPdf(lib, source, data);
  try {
    const count = doc.countPages();
    const cut = looksTruncated(data) ? "; the file is truncated (no %%EOF marker at its end)" : "";
    if (count === 0) throw new MootError("bad_input", `${source}: the PDF has no pages${cut}`);
    const warnings: string[] = [];
    const laid: LaidOutPage[] = [];
    const bold = detectBold ? new Map<string, boolean>() : null;
    for (let n = 1; n <= count; n++) {
      if (Date.now() - started > timeoutMs) throw timeoutError(source, timeoutMs);
      // Let finalizers run between pages: MuPDF's wrappers (a Font per character) are freed by
      // FinalizationRegistry callbacks, which only run when the event loop turns.
      await new Promise((r) => setImmediate(r));
      try {
        laid.push(readPage(lib, doc, n, bold));
      } catch (e) {
        if (e instanceof MootError) throw e;
        warnings.push(`page ${n} could not be read (${reason(e)})`);
        laid.push({ index: n, height: 0, lines: [], rotated: [] });
      }
    }
    if (Date.now() - started > timeoutMs) throw timeoutError(source, timeoutMs);
    if (warnings.length === laid.length) {
      throw new MootError("bad_input", `${source}: no page could be read (${warnings[0] ?? "no pages"})${cut}`);
    }
    // MuPDF rebuilds what it can of a cut-short file: say so, since pages may be missing.
    if (cut) warnings.push(cut.slice(2));
    return { pages: laid, warnings };
  } finally {
    doc.destroy();
  }
}

function openPdf(lib: MuPdf, source: string, data: Uint8Array): InstanceType<MuPdf["Document"]> {
  let doc: InstanceType<MuPdf["Document"]>;
  try {
    // MuPDF copies the bytes into its own heap, so the caller's buffer is left alone.
    doc = lib.Document.openDocument(data, "application/pdf");
  } catch (e) {
    const why = looksTruncated(data) ? "the file is truncated (no %%EOF marker at its end)" : "the file is damaged";
    throw new MootError("bad_input", `${source}: not a valid PDF (${reason(e)}); ${why}`, { cause: e });
  }
  if (doc.needsPassword()) {
    doc.destroy();
    throw new MootError("no_text_layer", `${source}: the PDF is password-protected, so its text layer cannot be read`);
  }
  return doc;
}

/** A word-sized piece of text being gathered from MuPDF's characters. */
interface OpenRun {
  chars: string[];
  x: number;
  y: number;
  end: number;
  size: number;
  bold: boolean;
}

function readPage(lib: MuPdf, doc: InstanceType<MuPdf["Document"]>, n: number, boldFonts: Map<string, boolean> | null): LaidOutPage {
  const page = doc.loadPage(n - 1);
  try {
    const [x0, y0, , y1] = page.getBounds();
    const stext = page.toStructuredText("preserve-whitespace");
    const groups = new Map<number, TextRun[]>();
    let angle = 0;
    let cos = 1;
    let sin = 0;
    let run: OpenRun | null = null;
    const close = (space = false) => {
      // Joined once: a string grown a character at a time is a chain of pieces that keeps
      // tens of bytes per character alive for as long as the page model lives.
      const text = run ? run.chars.join("") : "";
      if (run && text.trim()) {
        let g = groups.get(angle);
        if (!g) groups.set(angle, (g = []));
        const r: TextRun = { text: cleanChars(text), x: run.x, y: run.y, w: Math.max(0, run.end - run.x), size: run.size, bold: run.bold };
        if (space) r.space = true;
        g.push(r);
      }
      run = null;
    };
    const fontBold = (font: InstanceType<MuPdf["Font"]>): boolean => {
      if (!boldFonts) return false;
      const name = font.getName();
      let b = boldFonts.get(name);
      if (b === undefined) boldFonts.set(name, (b = font.isBold() || BOLD_FONT.test(name)));
      return b;
    };
    const sink: CharSink = {
      beginLine(dx, dy) {
        close();
        // MuPDF's y axis points down the page, as the layout's does.
        angle = Math.round((Math.atan2(dy, dx) * 180) / Math.PI / 5) * 5 || 0;
        const rad = (angle * Math.PI) / 180;
        cos = Math.cos(rad);
        sin = Math.sin(rad);
      },
      onChar(c, originX, originY, bold, size, rx1, ry1, rx2, ry2) {
        const ox = originX - x0;
        const oy = originY - y0;
        if (!Number.isFinite(ox) || !Number.isFinite(oy) || Math.abs(ox) > 1e6 || Math.abs(oy) > 1e6) return;
        // Reading frame: x along the text, y down the page (as the layout expects).
        const x = ox * cos + oy * sin;
        const y = -ox * sin + oy * cos;
        const right = Math.max((rx1 - x0) * cos + (ry1 - y0) * sin, (rx2 - x0) * cos + (ry2 - y0) * sin);
        if (/\s/.test(c)) {
          close(true);
          return;
        }
        const r = run as OpenRun | null;
        if (
          r &&
          Math.abs(r.y - y) < 0.2 * size &&
          x - r.end < 0.15 * size &&
          x >= r.x &&
          r.bold === bold &&
          Math.abs(r.size - size) < 0.5
        ) {
          r.chars.push(c);
          r.end = Math.max(r.end, right, x);
          return;
        }
        close();
        run = { chars: [c], x, y, end: Math.max(right, x), size: size || 1, bold };
      },
      endLine() {
        close();
      },
    };
    try {
      if (raw) {
        const fast = raw;
        walkChars(fast, (stext as unknown as { pointer: number }).pointer, sink, (ptr) => {
          if (!boldFonts) return false;
          const font = new lib.Font(ptr as never);
          try {
            return fontBold(font);
          } finally {
            font.destroy();
          }
        });
      } else
        stext.walk({
          beginLine: (_bbox, _wmode, dir) => sink.beginLine(dir[0], dir[1]),
          onChar(c, origin, font, size, quad) {
            // The wrapper holds its own reference to the font (MuPDF's Font constructor keeps it):
            // release it now rather than leave a finalizer per character for the garbage collector.
            try {
              sink.onChar(c, origin[0], origin[1], fontBold(font), size, quad[2], quad[3], quad[6], quad[7]);
            } finally {
              font.destroy();
            }
          },
          endLine: () => sink.endLine(),
        });
    } finally {
      stext.destroy();
    }
    close();
    // The ligature glyph is often a run of its own, so mend whole lines.
    const lines = layoutRuns(groups.get(0) ?? []).map((l) => ({
      ...l,
      text: mendLigatures(l.text),
      ...(l.cells ? { cells: l.cells.map(mendLigatures) } : {}),
    }));
    const rotated: Line[] = [];
    for (const [a, runs] of groups) {
      if (a === 0) continue;
      for (const l of layoutRuns(runs, Infinity)) {
        // Keep page-frame coordinates out: these lines only feed stamps and search text.
        delete l.x;
        delete l.y;
        rotated.push(l);
      }
    }
    const h = y1 - y0;
    const height = Number.isFinite(h) && h > 0 ? h : Math.max(0, ...lines.map((l) => l.y ?? 0));
    return { index: n, height, lines, rotated };
  } finally {
    page.destroy();
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
