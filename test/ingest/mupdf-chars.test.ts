import { describe, expect, it } from "vitest";
import { type CharSink, prepareRawModule, rawModule, walkChars } from "../../src/ingest/read/mupdf-chars.js";
import { mupdf } from "../../src/ingest/read/pdf.js";
import { makePdf, packDefinition } from "./make-pdf.js";

describe("MuPDF's characters read without a wrapper per character", () => {
  it("gives exactly what mupdf.js's StructuredText.walk gives, bold fonts included", async () => {
    const lib = await mupdf();
    // This file imports mupdf only through the reader, so the hook was in place: the fast walk is live.
    const raw = rawModule(prepareRawModule());
    expect(raw).not.toBeNull();
    const data = await makePdf({
      ...packDefinition({ pages: 2, rows: 8 }),
    });
    const doc = lib.Document.openDocument(data, "application/pdf");
    try {
      for (let n = 0; n < doc.countPages(); n++) {
        const page = doc.loadPage(n);
        const stext = page.toStructuredText("preserve-whitespace");
        const record = (out: unknown[]): CharSink => ({
          beginLine: (dx, dy) => out.push(["line", dx, dy]),
          onChar: (...args) => out.push(args),
          endLine: () => out.push("end"),
        });
        const fast: unknown[] = [];
        walkChars(raw!, (stext as unknown as { pointer: number }).pointer, record(fast), (ptr) => {
          const f = new lib.Font(ptr as never);
          try {
            return f.isBold() || /bold/i.test(f.getName());
          } finally {
            f.destroy();
          }
        });
        const slow: unknown[] = [];
        const sink = record(slow);
        stext.walk({
          beginLine: (_b, _w, dir) => sink.beginLine(dir[0], dir[1]),
          onChar: (c, o, font, size, q) => {
            sink.onChar(c, o[0], o[1], font.isBold() || /bold/i.test(font.getName()), size, q[2], q[3], q[6], q[7]);
            font.destroy();
          },
          endLine: () => sink.endLine(),
        });
        stext.destroy();
        page.destroy();
        expect(fast.length).toBeGreaterThan(100);
        expect(fast.some((e) => Array.isArray(e) && e[3] === true)).toBe(true); // the bold headings
        expect(fast).toEqual(slow);
      }
    } finally {
      doc.destroy();
    }
  });
});
