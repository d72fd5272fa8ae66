import { createRequire } from "node:module";
import type { TDocumentDefinitions, TFontDictionary } from "pdfmake/interfaces.js";

const require = createRequire(import.meta.url);

/**
 * Roboto as shipped inside pdfmake (vfs_fonts), so no extra dependency: it covers Latin
 * Extended-A, which Welsh needs (ŵ, ŷ), and the pound sign. The fonts are embedded
 * (subset) in every PDF we make, so packs render the same everywhere.
 */
function fonts(): TFontDictionary {
  const vfsModule = require("pdfmake/build/vfs_fonts.js") as { pdfMake?: { vfs: Record<string, string> } } & Record<string, string>;
  const vfs = vfsModule.pdfMake?.vfs ?? vfsModule;
  const font = (name: string) => Buffer.from(vfs[name], "base64") as unknown as string;
  return {
    Roboto: {
      normal: font("Roboto-Regular.ttf"),
      bold: font("Roboto-Medium.ttf"),
      italics: font("Roboto-Italic.ttf"),
      bolditalics: font("Roboto-MediumItalic.ttf"),
    },
  };
}

type Printer = { createPdfKitDocument(def: TDocumentDefinitions): NodeJS.ReadableStream & { end(): void } };
let printer: Printer | null = null;

/** Renders a pdfmake document definition to PDF bytes. */
export async function renderPdf(def: TDocumentDefinitions): Promise<Uint8Array> {
  if (!printer) {
    const PdfPrinter = require("pdfmake") as new (f: TFontDictionary) => Printer;
    printer = new PdfPrinter(fonts());
  }
  const doc = printer.createPdfKitDocument({
    pageSize: "A4",
    pageMargins: [56, 56, 56, 64],
    defaultStyle: { font: "Roboto", fontSize: 11, lineHeight: 1.2 },
    ...def,
  });
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
    doc.end();
  });
}
