import PdfPrinter from "pdfmake";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces.js";

/**
 * Builds PDFs for reader tests with pdfmake's server-side printer and the PDF standard
 * fonts (no font files needed). Everything here is a made-up council.
 */
const printer = new PdfPrinter({
  Helvetica: { normal: "Helvetica", bold: "Helvetica-Bold", italics: "Helvetica-Oblique", bolditalics: "Helvetica-BoldOblique" },
});

export function makePdf(
  doc: Omit<TDocumentDefinitions, "defaultStyle"> & { defaultStyle?: TDocumentDefinitions["defaultStyle"] },
): Promise<Uint8Array> {
  const def: TDocumentDefinitions = { ...doc, defaultStyle: { font: "Helvetica", fontSize: 10, ...doc.defaultStyle } };
  const pdf = printer.createPdfKitDocument(def);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on("data", (c: Buffer) => chunks.push(c));
    pdf.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on("error", reject);
    pdf.end();
  });
}

const WORDS =
  "council committee report budget ward parish planning highways member officer review scrutiny motion resolved agreed noted".split(" ");

/** Deterministic filler prose, so wrapping is the same on every run. */
export function prose(seed: number, words: number): string {
  const next = mulberry32(seed + 1);
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(next() * WORDS.length)]!);
  const text = out.join(" ");
  return text[0]!.toUpperCase() + text.slice(1) + ".";
}

export interface PackOptions {
  /** Number of pages of minutes prose before the action log. */
  pages: number;
  /** Rows in the action-log table (it runs over several pages when long). */
  rows: number;
  /** First printed page number. */
  firstPage?: number;
  /** Footer style for the printed number. */
  footer?: "page" | "page-of" | "lone" | "none";
}

/** A minutes pack with a running header, stamped footers, prose and an action log table. */
export function packDefinition(opts: PackOptions): TDocumentDefinitions {
  const first = opts.firstPage ?? 1;
  const content: Content[] = [];
  for (let p = 0; p < opts.pages; p++) {
    content.push({
      text: `${p + 1}. Item heading number ${p + 1}`,
      bold: true,
      fontSize: 12,
      margin: [0, 0, 0, 6],
      pageBreak: p ? "before" : undefined,
    });
    for (let k = 0; k < 4; k++) content.push({ text: prose(p * 10 + k, 60), margin: [0, 0, 0, 6] });
  }
  content.push({ text: "Action log", bold: true, fontSize: 12, pageBreak: "before", margin: [0, 0, 0, 6] });
  const body: string[][] = [["Ref", "Action", "Owner", "Due"]];
  for (let r = 1; r <= opts.rows; r++) body.push([`A${r}`, `Action number ${r} for the clerk`, `Officer ${r % 7}`, `Q${(r % 4) + 1} 2025`]);
  content.push({ table: { headerRows: 1, widths: [40, "*", 100, 70], body }, layout: "noBorders" });
  return {
    pageSize: "A4",
    pageMargins: [50, 60, 50, 60],
    header: () => ({ text: "Wessex Borough Council – Harbour Committee minutes", margin: [50, 25, 50, 0], fontSize: 8 }),
    footer: (current: number, count: number) => {
      const n = current + first - 1;
      const style = opts.footer ?? "page";
      if (style === "none") return { text: "" };
      const text = style === "page" ? `Page ${n}` : style === "page-of" ? `Page ${n} of ${count + first - 1}` : `- ${n} -`;
      return { text, alignment: "center", margin: [0, 20, 0, 0], fontSize: 9 };
    },
    content,
    defaultStyle: { font: "Helvetica", fontSize: 10 },
  };
}

/** Small seeded PRNG (mulberry32): the same seed gives the same fixtures on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
