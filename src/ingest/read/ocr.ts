import { spawn, spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import type { Line } from "./page.js";

/**
 * OCR through Debian's Tesseract (`tesseract-ocr` and its language packs, installed by
 * .ci/run): one `tesseract` process per page, fed a PNG on stdin, answering TSV (words
 * with boxes and confidences) on stdout. Processes run side by side, one per core.
 */

/** Pages rendered at this many dots per inch: Tesseract's accuracy levels off around 300. */
export const OCR_DPI = 300;
/** Below this mean word confidence a page is flagged for the clerk to check. */
export const LOW_CONFIDENCE = 0.7;

export interface OcrPage {
  lines: Line[];
  /** Mean word confidence, 0-1, weighted by word length. */
  confidence: number;
}

let available: boolean | null = null;

/** True when a `tesseract` binary answers on PATH (checked once). */
export function tesseractAvailable(): boolean {
  if (available === null) {
    const r = spawnSync(process.env.MOOT_TESSERACT ?? "tesseract", ["--version"], { stdio: "ignore" });
    available = r.status === 0;
  }
  return available;
}

/** Languages to read: MOOT_OCR_LANG (Tesseract's "eng", "eng+cym"), English by default. */
export const ocrLanguages = () => process.env.MOOT_OCR_LANG ?? "eng";

/** Recognises one page image (PNG bytes); positions come back in PDF points (÷ scale). */
export function ocrImage(png: Uint8Array, scale: number): Promise<OcrPage> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.MOOT_TESSERACT ?? "tesseract", ["stdin", "stdout", "-l", ocrLanguages(), "--psm", "3", "tsv"], {
      // One thread each: the pool already keeps every core busy.
      env: { ...process.env, OMP_THREAD_LIMIT: "1" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.on("error", reject);
    child.stdin.on("error", () => {});
    child.on("close", (code) => {
      if (code !== 0) {
        const why = Buffer.concat(err).toString("utf8").trim().split("\n").pop() ?? "";
        reject(new Error(`tesseract exited with ${code}${why ? `: ${why}` : ""}`));
        return;
      }
      resolve(parseTsv(Buffer.concat(out).toString("utf8"), scale));
    });
    child.stdin.end(png);
  });
}

/** Tesseract TSV: level, page, block, par, line, word, left, top, width, height, conf, text. */
export function parseTsv(tsv: string, scale: number): OcrPage {
  const lines = new Map<string, { words: string[]; x0: number; x1: number; bottom: number; height: number[] }>();
  let weight = 0;
  let sum = 0;
  for (const row of tsv.split("\n").slice(1)) {
    const f = row.split("\t");
    if (f.length < 12 || f[0] !== "5") continue;
    const text = f.slice(11).join("\t").trim();
    const conf = Number(f[10]);
    if (!text || conf < 0) continue;
    const [left, top, width, height] = [Number(f[6]), Number(f[7]), Number(f[8]), Number(f[9])];
    const key = `${f[2]}.${f[3]}.${f[4]}`;
    let l = lines.get(key);
    if (!l) lines.set(key, (l = { words: [], x0: left, x1: left + width, bottom: top + height, height: [] }));
    l.words.push(text);
    l.x0 = Math.min(l.x0, left);
    l.x1 = Math.max(l.x1, left + width);
    l.bottom = Math.max(l.bottom, top + height);
    l.height.push(height);
    weight += text.length;
    sum += text.length * Math.min(100, conf);
  }
  const round1 = (n: number) => Math.round(n * 10) / 10;
  const out: Line[] = [...lines.values()]
    .map((l) => {
      const h = [...l.height].sort((a, b) => a - b)[l.height.length >> 1] ?? 0;
      return {
        text: mendOcr(l.words.join(" ")),
        x: round1(l.x0 / scale),
        // Word boxes include descenders; a baseline sits about a fifth of the height above the bottom.
        y: round1((l.bottom - 0.2 * h) / scale),
        width: round1((l.x1 - l.x0) / scale),
        fontSize: round1(h / scale),
      };
    })
    .sort((a, b) => a.y - b.y || a.x - b.x);
  return { lines: out, confidence: weight ? sum / weight / 100 : 0 };
}

/**
 * Tesseract's steady misreadings in council papers: "Cllr" in most typefaces comes out
 * "Clir" or "CIlr" (l and I and i look alike), which would hide councillors from the extractors.
 */
export function mendOcr(text: string): string {
  return text.replace(/\bC[lI1][il1I]r(s?)\b/g, "Cllr$1");
}

/** Runs jobs with at most `limit` at once, keeping results in order. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(lanes);
  return results;
}

export const ocrConcurrency = () => Math.max(1, Number(process.env.MOOT_OCR_WORKERS) || availableParallelism());

/** Common words of English and Welsh minutes: a real page is full of them, a garbled one has none. */
const COMMON = new Set(
  (
    "the of and to a in is that for it was on be with as by at this are from or an have has not which will were been " +
    "all any can had its no our other their there they we he she his her who would should may also but if into more " +
    "than then these those so such was what when where about after before under over up out one two new per its " +
    "council meeting minutes agenda item members member cllr clerk chair noted agreed resolved report parish community " +
    "y yr a i o ar yn ei gan bod am mae wedi ac ond fel hefyd cyngor cyfarfod cofnodion eitem aelodau"
  ).split(" "),
);

/**
 * Whether a page's text layer reads as language. Broken font maps turn every letter into
 * another character ("+/54'30(4*'#34''"): few letters, and no common words.
 */
export function looksGarbled(text: string): boolean {
  const visible = text.replace(/\s+/g, "");
  if (visible.length < 40) return false;
  const letters = (visible.match(/\p{L}/gu) ?? []).length;
  if (letters / visible.length < 0.5) return true;
  const tokens = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (tokens.length < 20) return false;
  const common = tokens.filter((t) => COMMON.has(t)).length;
  return common / tokens.length < 0.04;
}
