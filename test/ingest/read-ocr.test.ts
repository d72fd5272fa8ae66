import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readPdf } from "../../src/ingest/read/pdf.js";
import { looksGarbled, mendOcr, parseTsv, tesseractAvailable } from "../../src/ingest/read/ocr.js";
import { readPdfWithOcr } from "../../src/ingest/read/ocr-pdf.js";
import { breakFontMaps, imageOnly } from "./make-broken-pdf.js";
import { makePdf } from "./make-pdf.js";

/** A made-up parish agenda, large enough print for OCR at 200 dpi. */
const AGENDA = () =>
  makePdf({
    defaultStyle: { fontSize: 14 },
    content: [
      { text: "WESTBURY PARISH COUNCIL", bold: true, fontSize: 18 },
      "The meeting of the Parish Council will be held on Tuesday 4 March 2025 at 7.30 pm in the Village Hall.",
      "AGENDA",
      "1. Apologies for absence",
      "2. Declarations of interest in items on the agenda",
      "3. Minutes of the meeting held on 4 February 2025",
      "4. Reports from the County Councillor and the Clerk",
      "5. Planning applications received by the council",
      "6. Accounts and payments to be approved at this meeting",
    ],
  });

describe("garbled text detection", () => {
  it("tells language from a broken font map's output", () => {
    expect(
      looksGarbled(
        "The meeting of the Parish Council will be held on Tuesday 4 March 2025 at 7.30 pm in the Village Hall. The agenda is given below and members of the public are welcome.",
      ),
    ).toBe(false);
    expect(looksGarbled("+/54'30(4*'#34''4+/) 0/  4* #2%* #44'232+3+/) '%-#2#4+0/30(/4'2'34 5$-+%5'34+0/3 %%05/43")).toBe(true);
    expect(
      looksGarbled(
        "Uif!nffujoh!pg!uif!Qbsjti!Dpvodjm!xjmm!cf!ifme!po!Uvftebz!5!Nbsdi!3136!bu!8/41!qn!jo!uif!Wjmmbhf!Ibmm/!Uif!bhfoeb!jt!hjwfo!cfmpx!boe!nfncfst!pg!uif!qvcmjd",
      ),
    ).toBe(true);
    expect(looksGarbled("7")).toBe(false);
  });

  it("mends Tesseract's usual misreading of 'Cllr'", () => {
    expect(mendOcr("Present: Clir N Hackett, CIlrs Howells and Kay; Clinic")).toBe(
      "Present: Cllr N Hackett, Cllrs Howells and Kay; Clinic",
    );
  });

  it("reads Tesseract's TSV into lines in PDF points with a length-weighted confidence", () => {
    const tsv = [
      "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
      "5\t1\t1\t1\t1\t1\t100\t200\t150\t40\t90\tAgenda",
      "5\t1\t1\t1\t2\t1\t100\t300\t50\t40\t50\t1.",
      "5\t1\t1\t1\t2\t2\t170\t300\t200\t40\t80\tApologies",
    ].join("\n");
    const r = parseTsv(tsv, 2);
    expect(r.lines.map((l) => l.text)).toEqual(["Agenda", "1. Apologies"]);
    expect(r.lines[0]).toMatchObject({ x: 50, width: 75, fontSize: 20 });
    expect(r.confidence).toBeCloseTo((6 * 90 + 2 * 50 + 9 * 80) / 17 / 100, 5);
  });
});

describe.skipIf(!tesseractAvailable())("OCR with Tesseract", () => {
  it("reads a PDF with no text layer, and says the page came from OCR with its confidence", async () => {
    const scan = imageOnly(await AGENDA());
    await expect(readPdf("scan.pdf", scan)).rejects.toMatchObject({ code: "no_text_layer" });
    const progress: number[] = [];
    const set = await readPdfWithOcr("scan.pdf", scan, { onOcrPage: (p) => progress.push(p.done) });
    expect(progress).toEqual([1]);
    const page = set.pages[0]!;
    expect(page.ocr).toMatchObject({ engine: "tesseract", languages: "eng" });
    expect(page.ocr!.confidence).toBeGreaterThan(0.7);
    const text = page.lines.map((l) => l.text).join("\n");
    expect(text).toContain("WESTBURY PARISH COUNCIL");
    expect(text).toMatch(/Apologies for absence/);
    expect(text).toMatch(/Minutes of the meeting held on 4 February 2025/);
    expect(page.lines.every((l) => l.y !== undefined && l.y > 0 && l.y < 842)).toBe(true);
  });

  it("replaces a garbled text layer (broken ToUnicode map) with what the page prints", async () => {
    const broken = breakFontMaps(await AGENDA());
    const raw = (await readPdf("broken.pdf", broken)).pages[0]!.lines.map((l) => l.text).join(" ");
    expect(raw).not.toContain("Apologies");
    expect(looksGarbled(raw)).toBe(true);
    const set = await readPdfWithOcr("broken.pdf", broken);
    const text = set.pages[0]!.lines.map((l) => l.text).join("\n");
    expect(set.pages[0]!.ocr?.engine).toBe("tesseract");
    expect(text).toMatch(/Declarations of interest/);
    expect(text).toMatch(/Planning applications/);
  });

  it("leaves a good text layer alone", async () => {
    const set = await readPdfWithOcr("good.pdf", await AGENDA());
    expect(set.pages[0]!.ocr).toBeUndefined();
    expect(set.pages[0]!.lines.map((l) => l.text)).toContain("1. Apologies for absence");
  });

  const CORPUS = join(import.meta.dirname, "../../../shared/corpus");
  const broomhill = join(CORPUS, "pdf/broomhill-cc-2026-02-11-agenda-image-only.pdf");
  const horsley = join(CORPUS, "councils/horsley-pc-2014-04-29-agenda-garbled-text.pdf");
  it.runIf(existsSync(broomhill) && existsSync(horsley))("reads the corpus's image-only and garbled agendas as words", async () => {
    const words = async (f: string) => {
      const set = await readPdfWithOcr(f, readFileSync(f));
      return set.pages.flatMap((p) => p.lines.map((l) => l.text)).join("\n");
    };
    expect(await words(broomhill)).toMatch(/Agenda/);
    expect(looksGarbled(await words(horsley))).toBe(false);
    expect(await words(horsley)).toMatch(/PARISH COUNCIL/);
  });
});
