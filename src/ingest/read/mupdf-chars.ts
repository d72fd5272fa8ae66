/**
 * MuPDF's structured text, character by character, without a JavaScript object per
 * character. mupdf.js's `StructuredText.walk` makes a Font wrapper (with a finalizer) and
 * three arrays for every character: profiled over the corpus PDFs that was about a fifth
 * of all reading time. Here the same walk reads MuPDF's accessors and heap directly.
 *
 * The accessors are reached through the hook mupdf.js documents for configuring its
 * WebAssembly module (`globalThis.$libmupdf_wasm_Module`, which Emscripten fills with the
 * module's exports). When mupdf was loaded before that hook was set, or a future build
 * lacks an accessor, `rawModule` is null and the reader uses `walk` as before.
 */

export interface CharSink {
  /** A new line of text whose direction is (dx, dy). */
  beginLine(dx: number, dy: number): void;
  /** One character: origin, whether its font is bold, size, and the right edge's corners (top, bottom). */
  onChar(c: string, ox: number, oy: number, bold: boolean, size: number, rx1: number, ry1: number, rx2: number, ry2: number): void;
  endLine(): void;
}

type Accessor = (p: number) => number;
export interface RawModule {
  HEAPF32: Float32Array;
  _wasm_stext_page_get_first_block: Accessor;
  _wasm_stext_block_get_type: Accessor;
  _wasm_stext_block_get_next: Accessor;
  _wasm_stext_block_get_first_line: Accessor;
  _wasm_stext_line_get_next: Accessor;
  _wasm_stext_line_get_dir: Accessor;
  _wasm_stext_line_get_first_char: Accessor;
  _wasm_stext_char_get_next: Accessor;
  _wasm_stext_char_get_c: Accessor;
  _wasm_stext_char_get_origin: Accessor;
  _wasm_stext_char_get_font: Accessor;
  _wasm_stext_char_get_size: Accessor;
  _wasm_stext_char_get_quad: Accessor;
}

const NEEDED = [
  "_wasm_stext_page_get_first_block",
  "_wasm_stext_block_get_type",
  "_wasm_stext_block_get_next",
  "_wasm_stext_block_get_first_line",
  "_wasm_stext_line_get_next",
  "_wasm_stext_line_get_dir",
  "_wasm_stext_line_get_first_char",
  "_wasm_stext_char_get_next",
  "_wasm_stext_char_get_c",
  "_wasm_stext_char_get_origin",
  "_wasm_stext_char_get_font",
  "_wasm_stext_char_get_size",
  "_wasm_stext_char_get_quad",
] as const;

const HOOK = "$libmupdf_wasm_Module";

/** Call before mupdf is first imported: the object Emscripten will fill with the module's exports. */
export function prepareRawModule(): Record<string, unknown> {
  const g = globalThis as Record<string, unknown>;
  if (!g[HOOK] || typeof g[HOOK] !== "object") g[HOOK] = {};
  return g[HOOK] as Record<string, unknown>;
}

/** The filled module, when every accessor the walk needs is there. */
export function rawModule(hook: Record<string, unknown>): RawModule | null {
  if (!(hook.HEAPF32 instanceof Float32Array)) return null;
  return NEEDED.every((k) => typeof hook[k] === "function") ? (hook as unknown as RawModule) : null;
}

/**
 * Walks the text blocks of a structured-text page (`pointer`), as `StructuredText.walk` does.
 * `boldOf` is asked once per font pointer on the page.
 */
export function walkChars(raw: RawModule, pointer: number, sink: CharSink, boldOf: (font: number) => boolean): void {
  const bold = new Map<number, boolean>();
  let F = raw.HEAPF32;
  for (let block = raw._wasm_stext_page_get_first_block(pointer); block; block = raw._wasm_stext_block_get_next(block)) {
    if (raw._wasm_stext_block_get_type(block) !== 0) continue; // text blocks only
    for (let line = raw._wasm_stext_block_get_first_line(block); line; line = raw._wasm_stext_line_get_next(line)) {
      const d = raw._wasm_stext_line_get_dir(line) >> 2;
      sink.beginLine(F[d]!, F[d + 1]!);
      for (let ch = raw._wasm_stext_line_get_first_char(line); ch; ch = raw._wasm_stext_char_get_next(ch)) {
        const c = String.fromCharCode(raw._wasm_stext_char_get_c(ch));
        const font = raw._wasm_stext_char_get_font(ch);
        let b = bold.get(font);
        if (b === undefined) {
          bold.set(font, (b = boldOf(font)));
          F = raw.HEAPF32; // asking the font may have grown the heap
        }
        const size = raw._wasm_stext_char_get_size(ch);
        // Origin and quad come back in scratch memory: read each before the next call.
        const o = raw._wasm_stext_char_get_origin(ch) >> 2;
        const ox = F[o]!;
        const oy = F[o + 1]!;
        const q = raw._wasm_stext_char_get_quad(ch) >> 2;
        sink.onChar(c, ox, oy, b, size, F[q + 2]!, F[q + 3]!, F[q + 6]!, F[q + 7]!);
      }
      sink.endLine();
    }
  }
}
