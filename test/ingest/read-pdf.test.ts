import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { MootError } from "../../src/domain/errors.js";
import type { Line, PageSet } from "../../src/ingest/read/page.js";
import { readPdf } from "../../src/ingest/read/pdf.js";
import { makePdf, packDefinition, prose } from "./make-pdf.js";

const words = (s: string) =>
  s
    .replace(/[^\w\s]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
const HEADER = "Wessex Borough Council – Harbour Committee minutes";

async function readError(source: string, data: Uint8Array): Promise<MootError> {
  const err = await readPdf(source, data).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MootError);
  return err as MootError;
}

describe("readPdf on a generated minutes pack", () => {
  let set: PageSet;
  let rows: Line[];
  beforeAll(async () => {
    set = await readPdf("harbour-minutes.pdf", await makePdf(packDefinition({ pages: 3, rows: 120 })));
    rows = set.pages.flatMap((p) => p.lines.filter((l) => l.cells));
  });

  it("reads every page and the stamped 'Page N' footers as printed numbers", () => {
    expect(set.kind).toBe("pdf");
    expect(set.pages.length).toBeGreaterThanOrEqual(5);
    expect(set.pages.map((p) => p.printed)).toEqual(set.pages.map((p) => p.index));
  });

  it("moves the running header and the footers out of the lines", () => {
    for (const p of set.pages) {
      expect(p.lines.map((l) => l.text)).not.toContain(HEADER);
      expect(p.lines.some((l) => /^Page \d+$/.test(l.text))).toBe(false);
      expect(p.furniture?.map((l) => l.text)).toEqual([HEADER, `Page ${p.index}`]);
    }
  });

  it("rebuilds prose lines in reading order with single spaces, and marks headings bold", () => {
    const page1 = set.pages[0]!;
    expect(page1.lines[0]).toMatchObject({ text: "1. Item heading number 1", bold: true, fontSize: 12 });
    const body = page1.lines.slice(1).map((l) => l.text);
    expect(body.every((t) => !/\s{2}/.test(t) && t === t.trim())).toBe(true);
    expect(page1.lines.slice(1).some((l) => l.bold)).toBe(false);
    const paragraph = prose(0, 60);
    expect(words(body.join(" ")).slice(0, words(paragraph).length)).toEqual(words(paragraph));
    const ys = page1.lines.map((l) => l.y!);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });

  it("splits a table that runs over several pages into rows of cells", () => {
    const data = rows.filter((l) => l.cells![0] !== "Ref");
    expect(data).toHaveLength(120);
    data.forEach((l, i) => {
      const r = i + 1;
      expect(l.cells).toEqual([`A${r}`, `Action number ${r} for the clerk`, `Officer ${r % 7}`, `Q${(r % 4) + 1} 2025`]);
      expect(l.text).toBe(l.cells!.join("\t"));
    });
    const tablePages = set.pages.filter((p) => p.lines.some((l) => l.cells));
    expect(tablePages.length).toBeGreaterThanOrEqual(2);
    // The repeated header row opens each page of the table.
    for (const p of tablePages) expect(p.lines.find((l) => l.cells)?.cells).toEqual(["Ref", "Action", "Owner", "Due"]);
  });

  it("keeps prose out of table rows", () => {
    const prosePages = set.pages.slice(0, 3);
    expect(prosePages.every((p) => p.lines.every((l) => !l.cells))).toBe(true);
  });
});

describe("readPdf printed page numbers", () => {
  it("reads 'Page N of M' footers of a pack that starts at page 5", async () => {
    const set = await readPdf("of.pdf", await makePdf(packDefinition({ pages: 2, rows: 10, firstPage: 5, footer: "page-of" })));
    expect(set.pages.map((p) => p.printed)).toEqual(set.pages.map((p) => p.index + 4));
    expect(set.pages[0]!.furniture?.map((l) => l.text)).toContain(`Page 5 of ${set.pages.length + 4}`);
  });

  it("accepts lone '- n -' numbers when neighbouring pages agree", async () => {
    const set = await readPdf("lone.pdf", await makePdf(packDefinition({ pages: 3, rows: 5, firstPage: 11, footer: "lone" })));
    expect(set.pages.map((p) => p.printed)).toEqual(set.pages.map((p) => p.index + 10));
  });

  it("leaves printed null when a page carries no number", async () => {
    const set = await readPdf("none.pdf", await makePdf(packDefinition({ pages: 2, rows: 5, footer: "none" })));
    expect(set.pages.every((p) => p.printed === null)).toBe(true);
  });
});

describe("readPdf layout", () => {
  it("reads a two-column front sheet column by column", async () => {
    const left = prose(7, 70);
    const members = [
      "Councillor Ada Quill (Chair)",
      "Councillor Bram Stoke (Vice-Chair)",
      "Councillor Cora Lane",
      "Councillor Dev Patel",
      "Councillor Eli Moss",
    ];
    const data = await makePdf({
      content: [
        { text: "Wessex Borough Council", bold: true, fontSize: 16, alignment: "center", margin: [0, 0, 0, 12] },
        {
          columnGap: 30,
          columns: [
            { width: "*", stack: [{ text: "Meeting details", bold: true }, { text: left }] },
            { width: "*", stack: [{ text: "Membership", bold: true }, ...members.map((m) => ({ text: m }))] },
          ],
        },
        { text: "Agenda", bold: true, margin: [0, 20, 0, 0] },
        { text: prose(8, 40) },
      ],
    });
    const set = await readPdf("front-sheet.pdf", data);
    const texts = set.pages[0]!.lines.map((l) => l.text);
    const leftStart = texts.indexOf("Meeting details");
    const rightStart = texts.indexOf("Membership");
    expect(leftStart).toBe(1);
    expect(rightStart).toBeGreaterThan(leftStart + 3);
    expect(words(texts.slice(leftStart + 1, rightStart).join(" "))).toEqual(words(left));
    expect(texts.slice(rightStart + 1, rightStart + 1 + members.length)).toEqual(members);
    expect(texts[rightStart + 1 + members.length]).toBe("Agenda");
    expect(set.pages[0]!.lines.every((l) => !l.cells)).toBe(true);
  });

  it("keeps the word spaces of condensed text, narrower than kerning", async () => {
    // Tight character spacing squeezes each printed space to about an eighth of an em.
    const sentence = "Status on actions agreed at the last meeting of the harbour board";
    const data = await makePdf({ content: [{ text: sentence, characterSpacing: -1.5 }] });
    const set = await readPdf("condensed.pdf", data);
    expect(set.pages[0]!.lines.map((l) => l.text)).toEqual([sentence]);
  });

  it("marks restricted and intentionally blank pages", async () => {
    const data = await makePdf({
      content: [
        { text: "Report of the Harbour Master" },
        { text: "Document is Restricted", bold: true, fontSize: 20, pageBreak: "before" },
        { text: "This page is intentionally left blank", pageBreak: "before" },
        { text: "Minutes", pageBreak: "before" },
      ],
    });
    const set = await readPdf("markers.pdf", data);
    expect(set.pages.map((p) => p.marker)).toEqual([null, "restricted", "blank", null]);
  });

  it("accepts a Buffer and leaves the caller's bytes intact", async () => {
    const bytes = Buffer.from(await makePdf({ content: "Hello from Wessex" }));
    const set = await readPdf("buffer.pdf", bytes);
    expect(set.pages[0]!.lines.map((l) => l.text)).toEqual(["Hello from Wessex"]);
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });
});

describe("readPdf errors", () => {
  it("names the file and says why for empty, non-PDF and damaged input", async () => {
    const empty = await readError("empty.pdf", new Uint8Array());
    expect(empty).toMatchObject({ code: "bad_input", message: "empty.pdf: the file is empty" });
    const html = await readError("page.pdf", new TextEncoder().encode("<html><body>Agenda</body></html>"));
    expect(html.code).toBe("bad_input");
    expect(html.message).toMatch(/^page\.pdf: not a PDF/);
    const junk = await readError("junk.pdf", new TextEncoder().encode("%PDF-1.7\n" + "garbage ".repeat(50)));
    expect(junk.code).toBe("bad_input");
    expect(junk.message).toMatch(/^junk\.pdf: /);
  });

  it("says 'no text layer' for vector-only, blank and password-protected PDFs", async () => {
    const drawing = await makePdf({
      content: [{ svg: '<svg width="200" height="100"><rect width="200" height="100" fill="#336"/></svg>' }],
    });
    const vector = await readError("drawing.pdf", drawing);
    expect(vector.code).toBe("no_text_layer");
    expect(vector.message).toMatch(/^drawing\.pdf: no text layer/);

    const doc = await PDFDocument.create();
    doc.addPage();
    doc.addPage();
    const blank = await readError("blank.pdf", await doc.save());
    expect(blank).toMatchObject({ code: "no_text_layer" });
    expect(blank.message).toContain("2 pages");

    const locked = await readError("locked.pdf", await makePdf({ content: "Secret", userPassword: "harbour" }));
    expect(locked.code).toBe("no_text_layer");
    expect(locked.message).toMatch(/^locked\.pdf: .*password/);
  });

  it("gives up with a timeout error when the time box runs out", async () => {
    const data = await makePdf(packDefinition({ pages: 20, rows: 200 }));
    const err = await readPdf("slow.pdf", data, { timeoutMs: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MootError);
    expect(err).toMatchObject({ code: "timeout", message: "slow.pdf: gave up reading the PDF after 1 ms" });
  });
});

const CORPUS = join(import.meta.dirname, "../../../shared/corpus/pdf");
/** Page counts as pdfinfo reports them (corpus/pdf/SOURCES.md). */
const PAGES: Record<string, number> = {
  "bristol-cc-licensing-committee-2025-06-19-public-forum.pdf": 7,
  "broomhill-cc-2026-02-11-agenda-image-only.pdf": 2,
  "broomhill-cc-2026-03-11-agenda.pdf": 1,
  "broomhill-cc-2026-03-11-minutes.pdf": 5,
  "kent-cc-cabinet-2025-01-30-agenda-frontsheet.pdf": 2,
  "kent-cc-cabinet-2025-01-30-printed-minutes.pdf": 17,
  "kent-cc-cabinet-2025-01-30-report-finance-monitoring-q3.pdf": 54,
  "kent-cc-cabinet-2025-03-13-public-reports-pack.pdf": 2,
  "kent-cc-county-council-2025-01-09-supplement-pack-item3.pdf": 20,
  "kent-cc-county-council-2025-02-13-budget-amendments-pack.pdf": 48,
  "kent-cc-county-council-2025-03-13-agenda-frontsheet.pdf": 4,
  "kent-cc-county-council-2025-03-13-printed-minutes.pdf": 19,
  "manordeilo-salem-cc-2019-03-13-minutes-cy.pdf": 3,
  "manordeilo-salem-cc-2019-03-13-minutes-en.pdf": 3,
  "sutton-coldfield-tc-amenities-committee-2018-03-13-minutes.pdf": 8,
};
const hasCorpus = existsSync(CORPUS);
if (!hasCorpus) console.log(`read-pdf.test: skipping real PDFs: ${CORPUS} does not exist`);

describe.skipIf(!hasCorpus)("readPdf on the real PDFs in shared/corpus/pdf", () => {
  const files = hasCorpus ? readdirSync(CORPUS).filter((f) => f.endsWith(".pdf")) : [];
  const read = (f: string) => readPdf(f, readFileSync(join(CORPUS, f)));

  it.each(files.filter((f) => !f.includes("image-only")))("%s: text comes out on the right number of pages", async (f) => {
    const set = await read(f);
    if (PAGES[f] !== undefined) expect(set.pages).toHaveLength(PAGES[f]);
    expect(set.pages.map((p) => p.index)).toEqual(set.pages.map((_, i) => i + 1));
    const chars = set.pages.reduce((n, p) => n + p.lines.reduce((m, l) => m + l.text.length, 0), 0);
    expect(chars).toBeGreaterThan(200 * set.pages.length * 0.5);
    expect(set.warnings).toBeUndefined();
  });

  it.runIf(files.some((f) => f.includes("image-only")))("the image-only agenda says it has no text layer", async () => {
    const f = files.find((x) => x.includes("image-only"))!;
    const err = await read(f).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "no_text_layer" });
    expect((err as Error).message).toContain(f);
  });

  it.runIf(files.includes("kent-cc-cabinet-2025-01-30-report-finance-monitoring-q3.pdf"))(
    "reads 'Page n of 54' footers as printed numbers on every page",
    async () => {
      const set = await read("kent-cc-cabinet-2025-01-30-report-finance-monitoring-q3.pdf");
      expect(set.pages.map((p) => p.printed)).toEqual(set.pages.map((p) => p.index));
    },
  );

  it.runIf(files.includes("kent-cc-cabinet-2025-03-13-public-reports-pack.pdf"))("marks the ModernGov blank page", async () => {
    const set = await read("kent-cc-cabinet-2025-03-13-public-reports-pack.pdf");
    expect(set.pages.map((p) => p.marker)).toEqual([null, "blank"]);
  });

  it.runIf(files.includes("kent-cc-cabinet-2025-01-30-agenda-frontsheet.pdf"))(
    "keeps the front sheet's two header columns apart",
    async () => {
      const set = await read("kent-cc-cabinet-2025-01-30-agenda-frontsheet.pdf");
      const texts = set.pages[0]!.lines.map((l) => l.text);
      const venue = texts.findIndex((t) => t.startsWith("Council Chamber"));
      expect(texts[venue + 1]).toMatch(/^County Hall/);
      expect(texts.some((t) => /Thursday.*Ask for/.test(t))).toBe(false);
      expect(set.pages[0]!.lines.some((l) => l.cells?.[0] === "1." && l.cells[1] === "Apologies")).toBe(true);
    },
  );
});
