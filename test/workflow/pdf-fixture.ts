import { renderPdf } from "../../src/workflow/pdf-render.js";

/** A made-up paper: one PDF page per string, each page's text as given. */
export function makePdf(pages: string[]): Promise<Uint8Array> {
  return renderPdf({ content: pages.map((text, i) => ({ text, pageBreak: i > 0 ? ("before" as const) : undefined })) });
}
