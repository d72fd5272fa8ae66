import { basename, extname } from "node:path";
import { MootError } from "../../domain/errors.js";
import type { OcrCache, OcrProgress } from "./ocr-pdf.js";
import type { PageSet } from "./page.js";

/** The formats Moot reads, and the extensions that name them. */
export type Format = "pdf" | "html" | "docx" | "text";

const EXT_FORMAT: Record<string, Format> = {
  ".pdf": "pdf",
  ".html": "html",
  ".htm": "html",
  ".xhtml": "html",
  ".docx": "docx",
  ".txt": "text",
  ".text": "text",
  ".md": "text",
  ".markdown": "text",
};

/** Extensions a directory walk picks up. */
export const PACK_EXTENSIONS = new Set(Object.keys(EXT_FORMAT));

/** Default largest file read, in MB; MOOT_MAX_FILE_MB changes it. */
const DEFAULT_MAX_MB = 256;

export function maxFileBytes(): number {
  const mb = Number(process.env.MOOT_MAX_FILE_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_MAX_MB) * 1024 * 1024;
}

export function tooLarge(path: string, bytes: number): MootError {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0);
  return new MootError(
    "too_large",
    `${path}: the file is ${mb(bytes)} MB, over the ${mb(maxFileBytes())} MB limit (set MOOT_MAX_FILE_MB to raise it)`,
  );
}

/**
 * Default largest text, Markdown or HTML file read, in MB; MOOT_MAX_TEXT_MB changes it.
 * Reading and extracting text is linear in its size but holds the whole pack as lines,
 * about 30 bytes of memory per byte of text at the peak (a 16 MB file about 500 MB), so a
 * text file past this is refused before it is decoded. The largest real pack in the corpus
 * is 135 KB; 16 MB of text is some 8,000 printed pages.
 */
const DEFAULT_MAX_TEXT_MB = 16;

export function maxTextBytes(): number {
  const mb = Number(process.env.MOOT_MAX_TEXT_MB);
  return Math.min(maxFileBytes(), (Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_MAX_TEXT_MB) * 1024 * 1024);
}

export function textTooLarge(path: string, bytes: number): MootError {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0);
  return new MootError(
    "too_large",
    `${path}: the text file is ${mb(bytes)} MB, over the ${mb(maxTextBytes())} MB limit for text (set MOOT_MAX_TEXT_MB to raise it)`,
  );
}

/**
 * The format by the file's first bytes, then its extension: a PDF saved as ".html" is
 * still read as a PDF, and a page saved as ".txt" as a page.
 */
export function formatOf(path: string, data: Uint8Array): Format | null {
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.byteLength, 1024)).toString("latin1");
  if (head.includes("%PDF-")) return "pdf";
  if (head.startsWith("PK\u0003\u0004"))
    return EXT_FORMAT[extname(path).toLowerCase()] === "docx" || head.includes("word/") ? "docx" : null;
  const ext = EXT_FORMAT[extname(path).toLowerCase()] ?? null;
  if (/^(?:\ufeff|ï»¿)?\s*(?:<!doctype html|<html[\s>]|<\?xml[^>]*>\s*<html)/i.test(head)) return "html";
  // A page's content pasted or exported as ".txt" keeps its markup ("3362. Police Report<br />3363. …",
  // "&amp;"): read as plain text it is one long line. Several line-ending tags in the opening make it a page.
  if (
    ext === "text" &&
    extname(path).toLowerCase() === ".txt" &&
    (head.match(/<br\s*\/?>|<\/p>|<\/li>|<\/div>|<\/tr>/gi) ?? []).length >= 3
  )
    return "html";
  return ext;
}

/** Windows-1252's 0x80-0x9F (Node's decoder without full ICU treats them as Latin-1 controls). */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function decodeWindows1252(data: Uint8Array): string {
  let out = "";
  for (let i = 0; i < data.length; i += 8192) {
    const chunk = data.subarray(i, i + 8192);
    out += Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b))).join("");
  }
  return out;
}

/**
 * Decodes a text file: UTF-8, or Windows-1252 for the older files that are not UTF-8.
 * Binary content and text made mostly of replacement characters are refused.
 */
export function decodeText(path: string, data: Uint8Array): string {
  if (data.byteLength === 0) throw new MootError("bad_input", `${path}: the file is empty`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    text = decodeWindows1252(data);
  }
  if (text.includes("\u0000")) throw new MootError("bad_input", `${path}: not a text file (contains NUL bytes)`);
  let visible = 0;
  let bad = 0;
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32) {
      if (c < 9 || (c > 13 && c < 32)) control++;
      continue;
    }
    visible++;
    if (c === 0xfffd) bad++;
  }
  if (visible === 0) throw new MootError("bad_input", `${path}: the file has no text (only white space)`);
  if (bad * 10 > visible)
    throw new MootError("bad_input", `${path}: not readable text (${Math.round((bad / visible) * 100)}% replacement characters)`);
  if (control * 100 > visible) throw new MootError("bad_input", `${path}: not a text file (binary content)`);
  return text;
}

/** Reads a file already in memory with the reader its format needs. `path` names it in errors. */
export interface ReadOptions {
  /** Called as each page that needs OCR is recognised. */
  onOcrPage?: (p: OcrProgress) => void;
  /** Tesseract processes at once for this file. */
  ocrWorkers?: number;
  /** Where OCR'd pages of this file are kept between runs. */
  ocrCache?: OcrCache;
  /** Leave OCR to queued jobs: see ReadPdfOcrOptions.ocrDefer. */
  ocrDefer?: boolean;
}

export async function readDocument(path: string, data: Uint8Array, options: ReadOptions = {}): Promise<PageSet> {
  if (data.byteLength > maxFileBytes()) throw tooLarge(path, data.byteLength);
  if (data.byteLength === 0) throw new MootError("bad_input", `${path}: the file is empty`);
  const format = formatOf(path, data);
  if ((format === "text" || format === "html") && data.byteLength > maxTextBytes()) throw textTooLarge(path, data.byteLength);
  const name = basename(path);
  try {
    switch (format) {
      case "pdf": {
        const { readPdfWithOcr } = await import("./ocr-pdf.js");
        return await readPdfWithOcr(name, data, options);
      }
      case "docx": {
        const { readDocx } = await import("./docx.js");
        return await readDocx(name, data);
      }
      case "html": {
        const { readHtml } = await import("./html.js");
        const set = readHtml(name, decodeText(path, data));
        if (!set.pages.some((p) => p.lines.length > 0)) throw new MootError("bad_input", `${name}: the page has no text`);
        return set;
      }
      case "text": {
        const { readText } = await import("./text.js");
        return readText(name, decodeText(path, data));
      }
      default:
        throw new MootError(
          "bad_input",
          `unsupported file type "${extname(path) || "(none)"}"; expected .pdf, .html, .htm, .docx, .txt or .md`,
        );
    }
  } catch (e) {
    if (e instanceof MootError) {
      const msg = e.message.startsWith(`${path}:`)
        ? e.message
        : `${path}: ${e.message.startsWith(`${name}: `) ? e.message.slice(name.length + 2) : e.message}`;
      throw new MootError(e.code, msg, { cause: e });
    }
    throw new MootError("bad_input", `${path}: cannot read the file (${e instanceof Error ? e.message : String(e)})`, { cause: e });
  }
}
