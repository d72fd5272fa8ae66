import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MootError } from "../../src/domain/errors.js";
import { expandPaths } from "../../src/ingest/import-files.js";
import { extractFile, readPack } from "../../src/ingest/pipeline.js";
import { pageText } from "../../src/ingest/read/page.js";
import { makeDocx } from "./make-docx.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "moot-readers-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, data: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};
const texts = async (path: string) => (await readPack(path)).pages.flatMap((p) => p.lines.map((l) => l.text));
const errorOf = (p: Promise<unknown>) => p.then(() => null).catch((e: unknown) => e as MootError);

/** A made-up ModernGov-style meeting page with the furniture real sites wrap around it. */
const AGENDA_PAGE = `<!DOCTYPE html>
<html lang="en"><head><title>Agenda for Wessex Harbour Board on Tuesday, 4th March, 2025, 6.30 pm - Modern Council</title>
<script>var tracking = "Apologies for absence";</script><style>p { color: red }</style></head>
<body>
<div id="cookie-banner"><p>We use cookies to improve this site. Accept all cookies</p><button>Accept</button></div>
<a class="sr-only" href="#main">Skip to main content</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/calendar">Calendar</a></li></ul></nav>
<div id="modgov">
<h1 class="mgMainTitleTxt">Agenda</h1>
<h2 class="mgSubTitleTxt">Wessex Harbour Board - Tuesday, 4th March, 2025 6.30 pm</h2>
<div class="mgLinks"><ul class="mgActionList"><li><a href="front.pdf">Agenda frontsheet <span class="mgFileSize">PDF 172 KB</span></a></li></ul></div>
<div class="mgContent">
<p><span class="mgLabel">Venue: </span>Quay House, Harbour Street</p>
<p><span class="mgLabel">Contact: </span>Ada Quill, Democratic Services Officer</p>
<table class="mgItemTable"><caption>Items</caption>
<tr><th class="mgHide">No.</th><th class="mgHide">Item</th></tr>
<tr><td><p>1.</p></td><td><p class="mgAiTitleTxt">Apologies for Absence</p><div><p>To receive apologies from members.</p></div></td></tr>
<tr><td><p>2.</p></td><td><p class="mgAiTitleTxt"><a href="m.pdf">Minutes of the previous meeting <span class="mgFileSize">PDF 98 KB</span></a></p>
<div><p>To agree the minutes of the meeting held on:</p><ol><li>14 January 2025</li><li>4 February 2025</li></ol></div></td></tr>
<tr><td><p>3.</p></td><td><p class="mgAiTitleTxt">Dredging of the Outer Basin</p></td></tr>
</table>
<h3>Fees</h3>
<table><tr><th>Berth</th><th>Fee</th></tr><tr><td>Visitor</td><td>£12.50</td></tr><tr><td>Resident</td><td>£8.00</td></tr></table>
</div></div>
<footer><p>© Wessex Harbour Board. Privacy notice</p></footer>
</body></html>`;

describe("HTML reader", () => {
  it("keeps headings, item rows, numbered lists and table cells, and drops the site's furniture", async () => {
    const set = await readPack(write("harbour-board-agenda.html", AGENDA_PAGE));
    expect(set.kind).toBe("html");
    const lines = set.pages[0]!.lines;
    const all = lines.map((l) => l.text);
    expect(all).toContain("Wessex Harbour Board - Tuesday, 4th March, 2025 6.30 pm");
    expect(lines.find((l) => l.text === "Agenda")?.bold).toBe(true);
    expect(all).toContain("Venue: Quay House, Harbour Street");
    expect(lines.find((l) => l.cells?.[1] === "Apologies for Absence")?.cells).toEqual(["1.", "Apologies for Absence"]);
    expect(lines.find((l) => l.cells?.[0] === "2.")?.cells).toEqual(["2.", "Minutes of the previous meeting"]);
    expect(all).toContain("1. 14 January 2025");
    expect(all).toContain("2. 4 February 2025");
    expect(lines.find((l) => l.cells?.[0] === "Visitor")?.cells).toEqual(["Visitor", "£12.50"]);
    const text = all.join("\n");
    for (const furniture of [
      "cookies",
      "Skip to main content",
      "Calendar",
      "PDF 172 KB",
      "PDF 98 KB",
      "Privacy notice",
      "tracking",
      "color: red",
    ]) {
      expect(text).not.toContain(furniture);
    }
  });

  it("feeds the extractors: the page's agenda items come out", async () => {
    const { extraction } = await extractFile(write("harbour-board-2025-03-04.html", AGENDA_PAGE));
    const titles = extraction.meetings.flatMap((m) => m.agenda.map((a) => a.title));
    expect(titles).toEqual(expect.arrayContaining(["Apologies for Absence", "Dredging of the Outer Basin"]));
  });

  it("reads an HTML page saved with a .txt name, and a PDF saved as .html, by their first bytes", async () => {
    expect((await readPack(write("saved.txt", AGENDA_PAGE))).kind).toBe("html");
    const { makePdf } = await import("./make-pdf.js");
    const pdf = await makePdf({ content: "Harbour Board minutes" });
    expect((await readPack(write("misnamed.html", pdf))).kind).toBe("pdf");
  });
});

describe("Word reader", () => {
  it("keeps numbered headings, numbered items and table cells", async () => {
    const data = await makeDocx([
      { text: "Wessex Harbour Board", bold: true },
      { text: "Minutes of the meeting held on 4 March 2025" },
      { text: "Apologies for absence", style: "Heading1", numbered: 0 },
      { text: "Apologies were received from Cllr Marsh." },
      { text: "Berthing fees", style: "Heading1", numbered: 0 },
      { text: "Visitor berths", numbered: 1 },
      { text: "Resident berths", numbered: 1 },
      {
        table: [
          ["Berth", "Fee"],
          ["Visitor", "£12.50"],
          ["Resident", "£8.00"],
        ],
      },
      { text: "Any other business", style: "Heading1", numbered: 0 },
    ]);
    const set = await readPack(write("harbour-minutes.docx", data));
    expect(set.kind).toBe("docx");
    const lines = set.pages[0]!.lines;
    const all = lines.map((l) => l.text);
    expect(all).toEqual(
      expect.arrayContaining([
        "1. Apologies for absence",
        "2. Berthing fees",
        "a. Visitor berths",
        "b. Resident berths",
        "3. Any other business",
      ]),
    );
    expect(lines.find((l) => l.text === "1. Apologies for absence")?.bold).toBe(true);
    expect(lines.find((l) => l.text === "Wessex Harbour Board")?.bold).toBe(true);
    expect(lines.find((l) => l.cells?.[0] === "Visitor")?.cells).toEqual(["Visitor", "£12.50"]);
    expect(all.indexOf("3. Any other business")).toBeGreaterThan(all.indexOf("b. Resident berths"));
  });

  it("says a damaged .docx is not a readable Word file", async () => {
    const err = await errorOf(readPack(write("broken.docx", Buffer.from("PK\u0003\u0004 not really a zip"))));
    expect(err).toMatchObject({ code: "bad_input" });
    expect(err!.message).toMatch(/broken\.docx: not a readable Word \.docx file/);
  });
});

describe("bad input", () => {
  it("refuses empty and whitespace-only text files", async () => {
    const empty = await errorOf(readPack(write("empty.txt", "")));
    expect(empty).toMatchObject({ code: "bad_input" });
    expect(empty!.message).toMatch(/empty\.txt: the file is empty$/);
    const blank = await errorOf(readPack(write("blank.md", " \n\t\n   \r\n")));
    expect(blank!.message).toMatch(/blank\.md: the file has no text \(only white space\)$/);
  });

  it("refuses text that is mostly replacement characters or binary, and reads Windows-1252", async () => {
    const junk = await errorOf(readPack(write("junk.txt", `${"\ufffd".repeat(50)} minutes`)));
    expect(junk).toMatchObject({ code: "bad_input" });
    expect(junk!.message).toMatch(/junk\.txt: not readable text \(\d+% replacement characters\)/);
    const binary = await errorOf(readPack(write("binary.txt", Buffer.from([1, 2, 3, 4, 65, 66, 5, 6, 7, 8, 0x0e, 0x0f]))));
    expect(binary!.message).toMatch(/binary\.txt: not a text file/);
    // "Council’s" with the apostrophe as Windows-1252 byte 0x92: not UTF-8, still read.
    const cp1252 = Buffer.concat([Buffer.from("The Council"), Buffer.from([0x92]), Buffer.from("s minutes")]);
    expect(await texts(write("old.txt", cp1252))).toEqual(["The Council’s minutes"]);
  });

  it("refuses a file over MOOT_MAX_FILE_MB before reading it, and a missing path as not_found", async () => {
    const before = process.env.MOOT_MAX_FILE_MB;
    process.env.MOOT_MAX_FILE_MB = "1";
    try {
      const big = write("huge.txt", "Minutes of the meeting.\n".repeat(60_000));
      const err = await errorOf(readPack(big));
      expect(err).toMatchObject({ code: "too_large" });
      expect(err!.message).toMatch(/huge\.txt: the file is 1\.4 MB, over the 1\.0 MB limit \(set MOOT_MAX_FILE_MB to raise it\)/);
    } finally {
      if (before === undefined) delete process.env.MOOT_MAX_FILE_MB;
      else process.env.MOOT_MAX_FILE_MB = before;
    }
    const missing = await errorOf(readPack(join(dir, "nowhere.pdf")));
    expect(missing).toMatchObject({ code: "not_found" });
    expect(missing!.message).toBe(`${join(dir, "nowhere.pdf")}: no such file`);
  });

  it("reads a huge text file whole", async () => {
    const page = "Item 4. Harbour dues\nThe Board agreed the dues for 2025.\nPage 1\n";
    const path = write("huge-pack.txt", page.repeat(200_000)); // 13 MB, 200,000 pages
    const set = await readPack(path);
    expect(set.pages).toHaveLength(200_000);
    expect(pageText(set.pages[199_999]!)).toContain("The Board agreed the dues for 2025.");
  });
});

describe("large text", () => {
  it("refuses a text or HTML file over MOOT_MAX_TEXT_MB in one line, while a PDF of that size is still read", async () => {
    const before = process.env.MOOT_MAX_TEXT_MB;
    process.env.MOOT_MAX_TEXT_MB = "1";
    try {
      const big = write("long-minutes.txt", "The committee noted the report.\n".repeat(50_000));
      const err = await errorOf(readPack(big));
      expect(err).toMatchObject({ code: "too_large" });
      expect(err!.message).toBe(`${big}: the text file is 1.5 MB, over the 1.0 MB limit for text (set MOOT_MAX_TEXT_MB to raise it)`);
      const page = write("long-page.html", `<html><body>${"<p>The committee noted the report.</p>\n".repeat(30_000)}</body></html>`);
      expect(await errorOf(readPack(page))).toMatchObject({ code: "too_large" });
    } finally {
      if (before === undefined) delete process.env.MOOT_MAX_TEXT_MB;
      else process.env.MOOT_MAX_TEXT_MB = before;
    }
  });

  it("extracts a pack of several MB on one page (no breaks) with provenance on the lines that hold the values", async () => {
    // The shape that was quadratic: converted text with no page furniture, so one page.
    const filler = Array.from(
      { length: 40_000 },
      (_, i) => `${i % 9}.${i % 7} The panel discussed item ${i} of the harbour plan at length.`,
    );
    const pack = [
      "Wessex Harbour Board",
      "Minutes of a meeting held on 4 March 2025",
      "Present: Ada Quill (Chair), Ben Rudder",
      "Action log",
      "Ref\tAction\tOwner\tDue",
      "A1\tRepaint the quay railings before summer\tBen Rudder\tMay 2025",
      ...filler,
      "Ref\tAction\tOwner\tDue",
      "A2\tSurvey the north slipway for erosion damage\tAda Quill\tJune 2025",
    ].join("\n");
    const path = write("one-page.txt", pack);
    const { extraction, provenance } = await extractFile(path);
    expect(extraction.pages).toHaveLength(1);
    const text = extraction.pages![0]!.text;
    expect(extraction.meetings[0]?.date).toBe("2025-03-04");
    for (const ref of Object.values(provenance)) {
      expect(ref.start).toBeLessThanOrEqual(ref.end);
      expect(ref.end).toBeLessThanOrEqual(text.length);
    }
    expect(extraction.actions.map((a) => a.text)).toContain("Survey the north slipway for erosion damage");
    for (const [i, action] of extraction.actions.entries()) {
      const ref = provenance[`/actions/${i}/text`]!;
      expect(text.slice(ref.start, ref.end)).toBe(action.text);
    }
  }, 180_000);
});

describe("directory walk", () => {
  it("takes every document format and leaves out notes such as SOURCES.md", async () => {
    const sub = join(dir, "walk");
    mkdirSync(sub, { recursive: true });
    for (const f of ["a.pdf", "b.html", "c.htm", "d.docx", "e.md", "f.txt", "SOURCES.md", "README.md", "MANIFEST.tsv", "g.gold.json"]) {
      writeFileSync(join(sub, f), "x");
    }
    const files = (await expandPaths([sub])).map((p) => p.slice(sub.length + 1));
    expect(files).toEqual(["a.pdf", "b.html", "c.htm", "d.docx", "e.md", "f.txt"]);
  });
});

const CORPUS = join(import.meta.dirname, "../../../shared/corpus");
const hasCorpus = existsSync(CORPUS);
const corpusDocs = hasCorpus
  ? [CORPUS, join(CORPUS, "councils"), join(CORPUS, "pool")].flatMap((d) =>
      existsSync(d)
        ? readdirSync(d)
            .filter((f) => /\.(?:html?|docx|md|txt)$/i.test(f) && !/^(?:sources|readme|format)\.md$/i.test(f))
            .map((f) => join(d, f))
        : [],
    )
  : [];

describe.skipIf(!hasCorpus)("every HTML, Word, Markdown and text document in the corpus", () => {
  it.each(corpusDocs.map((p) => [p.slice(CORPUS.length + 1), p]))("%s is read into lines of words", async (_, path) => {
    const set = await readPack(path);
    const words =
      set.pages
        .flatMap((p) => p.lines.map((l) => l.text))
        .join(" ")
        .match(/[A-Za-z]{3,}/g) ?? [];
    expect(words.length).toBeGreaterThan(50);
  });
});

it("MootError is what the readers throw", async () => {
  expect(await errorOf(readPack(write("x.odt", "x")))).toBeInstanceOf(MootError);
});
