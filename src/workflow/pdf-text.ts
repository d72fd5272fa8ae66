import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { MootError } from "../domain/errors.js";

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let lib: Promise<PdfJs> | null = null;
const pdfjs = () => (lib ??= import("pdfjs-dist/legacy/build/pdf.mjs"));

function assetDirs() {
  const root = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  const dir = (name: string) => join(root, name) + "/";
  return { standardFontDataUrl: dir("standard_fonts"), cMapUrl: dir("cmaps"), wasmUrl: dir("wasm") };
}

/**
 * Plain text of each page of a PDF, lines joined by newlines, for the page table and
 * search. Papers the clerk attaches are born-digital, so the text layer is enough here;
 * the importer's reader (src/ingest) does the layout work for printed packs.
 * @throws MootError `bad_input` when the bytes are not a readable PDF.
 */
export async function pdfPageTexts(data: Uint8Array, source = "PDF"): Promise<string[]> {
  const p = await pdfjs();
  let doc;
  try {
    doc = await p.getDocument({
      data: new Uint8Array(data),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: p.VerbosityLevel.ERRORS,
      ...assetDirs(),
    }).promise;
  } catch (e) {
    throw new MootError("bad_input", `${source}: not a readable PDF (${(e as Error).message})`, { cause: e });
  }
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = "";
      for (const item of content.items) {
        if (!("str" in item)) continue;
        text += item.str + (item.hasEOL ? "\n" : "");
      }
      pages.push(text.replace(/[ \t]+\n/g, "\n").trim());
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
