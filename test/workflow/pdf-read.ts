import { pdfPageTexts } from "../../src/workflow/pdf-text.js";

/** Reads a PDF back with pdfjs-dist, one string per page. */
export const readBack = (pdf: Uint8Array) => pdfPageTexts(pdf, "pack");
