import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { importPack, importPaths } from "../../src/ingest/import-files.js";
import type { LoadInput } from "../../src/ingest/load/load.js";
import type { ExtractedMeeting, ExtractedPage, Extraction } from "../../src/domain/extraction.js";

/**
 * The loader from made-up Extractions (no PDF, no extractor run): what a file is decides how it
 * is stored, on a real SQLite file and the real PostgreSQL.
 */

const enc = (s: string) => new TextEncoder().encode(s);

const meeting = (over: Partial<ExtractedMeeting>): ExtractedMeeting => ({
  committee: "Ambridge Parish Council",
  date: "2025-03-04",
  time: null,
  venue: null,
  hasAgenda: false,
  hasMinutes: false,
  agenda: [],
  members: [],
  attendance: { present: [], apologies: [], substitutes: [], officers: [], alsoPresent: [] },
  minutes: [],
  declarations: [],
  ...over,
});

const extraction = (over: Partial<Extraction>): Extraction => ({
  schemaVersion: 1,
  source: "x.txt",
  authority: "Ambridge Parish Council",
  meetings: [],
  reports: [],
  actions: [],
  workProgramme: [],
  ...over,
});

/** The file's pages as an Extraction carries them: one string per line, printed numbers when given. */
const pages = (_source: string, texts: string[][], printed: (number | null)[] = []): ExtractedPage[] =>
  texts.map((lines, k) => ({ number: k + 1, printed: printed[k] ?? null, text: lines.join("\n") }));

const extracted = (x: Extraction, p: ExtractedPage[]): LoadInput => ({ extraction: { ...x, pages: p }, provenance: {} });

for (const dialect of DIALECTS)
  describe(`${dialect}: importPack from made-up Extractions`, () => {
    let store: TestStore;
    let scope: Scope;
    beforeEach(async () => {
      store = await freshStore(dialect);
      const a = await createAuthority(store, { slug: "ambridge", name: "Ambridge Parish Council" });
      scope = new Scope(store, a.id, "import");
    });
    afterEach(async () => store.cleanup());

    it("stores printed minutes once, as minutes with their text, and the meeting as held", async () => {
      const text = [
        "Minutes of the meeting of Ambridge Parish Council held on 4 March 2025",
        "1. Apologies",
        "None.",
        "2. Village green",
        "The Clerk reported that the mower had been repaired.",
        "It was agreed to buy a new bench.",
      ];
      const x = extraction({
        source: "minutes.txt",
        meetings: [
          meeting({
            hasMinutes: true,
            attendance: { present: ["Ann Ames"], apologies: [], substitutes: [], officers: [], alsoPresent: [] },
            minutes: [
              { number: "1", title: "Apologies", decisions: [], text: "None." },
              {
                number: "2",
                title: "Village green",
                decisions: ["to buy a new bench."],
                text: "The Clerk reported that the mower had been repaired.\n\nIt was agreed to buy a new bench.",
              },
            ],
          }),
        ],
      });
      const file = { path: "minutes.txt", data: enc(text.join("\n")) };
      await importPack(scope, file, { extracted: extracted(x, pages("minutes.txt", [text])) });

      const docs = await scope.list("document");
      expect(docs.map((d) => [d.kind, d.title])).toEqual([["minutes", "Minutes: Ambridge Parish Council, 2025-03-04"]]);
      const [m] = await scope.list("meeting");
      expect(m!.status).toBe("held");
      expect(m!.minutesPublishedAt).not.toBeNull();
      const minutes = await scope.list("minute", { meetingId: m!.id }, ["position"]);
      expect(minutes.map((x) => [x.number, x.text])).toEqual([
        ["1", "None."],
        ["2", "The Clerk reported that the mower had been repaired.\n\nIt was agreed to buy a new bench."],
      ]);

      // Re-importing finds the same document and changes nothing.
      const again = await importPack(scope, file, { extracted: extracted(x, pages("minutes.txt", [text])) });
      expect(again.counts.document).toMatchObject({ created: 0, updated: 0 });
      expect(again.counts.minute).toMatchObject({ created: 0, updated: 0 });
    });

    it("marks a meeting held when its minutes are carried, even without the hasMinutes flag", async () => {
      const x = extraction({ meetings: [meeting({ minutes: [{ number: "1", title: "Apologies", decisions: [] }] })] });
      await importPack(
        scope,
        { path: "m.txt", data: enc("Minutes\n1. Apologies") },
        { extracted: extracted(x, pages("m.txt", [["Minutes", "1. Apologies"]])) },
      );
      const [m] = await scope.list("meeting");
      expect(m!.status).toBe("held");
    });

    it("keeps an agenda front sheet whose items print pages of another file from posing as the agenda pack", async () => {
      const lines = ["Ambridge Parish Council", "Agenda", "1. Apologies", "2. Budget (Pages 277 to 326)"];
      const x = extraction({
        meetings: [
          meeting({
            hasAgenda: true,
            agenda: [
              { number: "1", title: "Apologies", pages: null, exempt: false },
              { number: "2", title: "Budget", pages: [277, 326], exempt: false },
            ],
          }),
        ],
      });
      await importPack(
        scope,
        { path: "summons.txt", data: enc(lines.join("\n")) },
        {
          extracted: extracted(x, pages("summons.txt", [lines.slice(0, 2), lines.slice(2)], [1, 2])),
        },
      );
      const docs = await scope.list("document");
      expect(docs.map((d) => [d.kind, d.title])).toEqual([["front-sheet", "Agenda: Ambridge Parish Council, 2025-03-04"]]);
      expect(await scope.list("document", { kind: "agenda-pack" })).toEqual([]);
    });

    it("keeps a two-page front sheet a front sheet when only its first item's range ('Pages 1 to 10') takes in its own pages", async () => {
      const x = extraction({
        meetings: [
          meeting({
            hasAgenda: true,
            agenda: [
              { number: "1", title: "Apologies", pages: null, exempt: false },
              { number: "3", title: "Minutes", pages: [1, 10], exempt: false },
              { number: "5", title: "Budget", pages: [11, 84], exempt: false },
              { number: "7", title: "Highways", pages: [277, 326], exempt: false },
              { number: "8", title: "Libraries", pages: [327, 460], exempt: false },
            ],
          }),
        ],
      });
      // A front sheet prints no page numbers: its pages are known only by position.
      await importPack(
        scope,
        { path: "frontsheet.txt", data: enc("Agenda") },
        { extracted: extracted(x, pages("frontsheet.txt", [["Ambridge Parish Council", "Agenda"], ["7. Highways (Pages 277 to 326)"]])) },
      );
      const docs = await scope.list("document");
      expect(docs.map((d) => [d.kind, d.title])).toEqual([["front-sheet", "Agenda: Ambridge Parish Council, 2025-03-04"]]);
    });

    it("keeps a full pack, whose printed pages hold its items' papers, as the agenda pack", async () => {
      const x = extraction({
        meetings: [meeting({ hasAgenda: true, agenda: [{ number: "1", title: "Budget", pages: [2, 3], exempt: false }] })],
      });
      await importPack(
        scope,
        { path: "pack.txt", data: enc("Agenda\n1. Budget\nBudget report\nmore") },
        { extracted: extracted(x, pages("pack.txt", [["Agenda", "1. Budget"], ["Budget report"], ["more"]], [1, 2, 3])) },
      );
      const docs = await scope.list("document");
      expect(docs.map((d) => d.kind)).toEqual(["agenda-pack"]);
    });

    it("stores a standalone report as that report, under the meeting its cover names, not as an agenda pack", async () => {
      const lines = ["REPORT TO AMBRIDGE PARISH COUNCIL", "4 MARCH 2025", "Play Area Refurbishment"];
      const x = extraction({
        meetings: [meeting({})],
        reports: [{ title: "Play Area Refurbishment", meetingDate: "2025-03-04", author: null, service: null, wards: null }],
      });
      await importPack(
        scope,
        { path: "report-play-area.txt", data: enc(lines.join("\n")) },
        { extracted: extracted(x, pages("report-play-area.txt", [lines])) },
      );
      const docs = await scope.list("document");
      const [m] = await scope.list("meeting");
      expect(docs.map((d) => [d.kind, d.title, d.meetingId])).toEqual([["report", "Play Area Refurbishment", m!.id]]);
    });

    it("stores a report naming no meeting under its title, never as 'Agenda pack: <file name>'", async () => {
      const x = extraction({
        reports: [{ title: "Annual Governance Statement", meetingDate: null, author: null, service: null, wards: null }],
      });
      await importPack(
        scope,
        { path: "ags.txt", data: enc("Annual Governance Statement") },
        { extracted: extracted(x, pages("ags.txt", [["Annual Governance Statement"]])) },
      );
      const docs = await scope.list("document");
      expect(docs.map((d) => [d.kind, d.title])).toEqual([["report", "Annual Governance Statement"]]);
    });

    it("names a committee printed in capitals as a person writes it, and finds it again under either spelling", async () => {
      const x = extraction({ meetings: [meeting({ committee: "CABINET", hasAgenda: true })] });
      await importPack(scope, { path: "cab.txt", data: enc("CABINET") }, { extracted: extracted(x, pages("cab.txt", [["CABINET"]])) });
      const y = extraction({ meetings: [meeting({ committee: "Cabinet", date: "2025-04-01", hasAgenda: true })] });
      await importPack(scope, { path: "cab2.txt", data: enc("Cabinet") }, { extracted: extracted(y, pages("cab2.txt", [["Cabinet"]])) });
      const z = extraction({ meetings: [meeting({ committee: "OVERVIEW AND SCRUTINY COMMITTEE", hasAgenda: true })] });
      await importPack(scope, { path: "os.txt", data: enc("O&S") }, { extracted: extracted(z, pages("os.txt", [["O&S"]])) });
      const names = (await scope.list("committee")).map((c) => c.name).sort();
      expect(names).toEqual(["Cabinet", "Overview and Scrutiny Committee"]);
      expect(await scope.list("meeting")).toHaveLength(3);
    });

    it("skips files in an import directory that are not documents, with a note naming them", async () => {
      const dir = mkdtempSync(join(tmpdir(), "moot-load-dir-"));
      try {
        writeFileSync(join(dir, "SOURCES.md"), "# Where these came from\n\n- a made-up council website\n");
        writeFileSync(join(dir, "notes.csv"), "a,b\n");
        writeFileSync(join(dir, "agenda.txt"), "Ambridge Parish Council\nAgenda\n");
        const run = await importPaths(scope, [dir], { threads: 1 });
        expect(run.failures).toEqual([]);
        expect(run.files.map((f) => f.file)).toEqual([join(dir, "agenda.txt")]);
        expect(run.warnings).toContain(`${dir}: skipped 2 file(s) that are not documents: notes.csv, SOURCES.md`);
        expect((await scope.list("document")).map((d) => d.fileName)).toEqual(["agenda.txt"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("loads a hand-made Extraction: meetings, items, papers over their page ranges, exemption, minutes with text, decisions", async () => {
      const text = ["Front sheet", "Play area report", "Play area costs", "Minutes of 4 February", "Lease terms", "Lease plan"];
      const x = extraction({
        source: "pack.txt",
        fileKind: "agenda-pack",
        pages: text.map((t, k) => ({ number: k + 1, printed: k + 1, text: t })),
        meetings: [
          meeting({
            hasAgenda: true,
            time: "19:30",
            agenda: [
              { number: "1", title: "Apologies", pages: null, exempt: false },
              { number: "2", title: "Play area", pages: [2, 3], exempt: false },
              { number: "3", title: "Minutes of the last meeting", pages: [4, 4], exempt: false },
              { number: "4", title: "Lease of the pavilion", pages: [5, 6], exempt: true, exemptParagraph: 3 },
            ],
          }),
          meeting({
            date: "2025-02-04",
            hasMinutes: true,
            minutes: [
              {
                number: "7",
                title: "Play area",
                decisions: ["that the parish meeting approve the spend.", "the costs so far."],
                decisionKinds: ["recommended", "noted"],
                text: "The Clerk presented the quotes.\n\nRECOMMENDED that the parish meeting approve the spend.",
              },
            ],
          }),
        ],
        documents: [
          {
            kind: "report",
            title: "Play Area Refurbishment",
            pages: [2, 3],
            item: "2",
            meeting: null,
            withheld: false,
            exemptParagraph: null,
          },
          { kind: "minutes", title: "Minutes", pages: [4, 4], item: "3", meeting: 1, withheld: false, exemptParagraph: null },
          { kind: "other", title: "Item 4: exempt pages", pages: [5, 6], item: "4", meeting: null, withheld: false, exemptParagraph: null },
        ],
      });
      const file = { path: "pack.txt", data: enc(text.join("\f")) };
      const r = await importPack(scope, file, { extracted: { extraction: x, provenance: {} } });

      const [march, february] = [
        (await scope.list("meeting", { localDate: "2025-03-04" }))[0]!,
        (await scope.list("meeting", { localDate: "2025-02-04" }))[0]!,
      ];
      expect(march).toMatchObject({ status: "scheduled", localTime: "19:30" });
      expect(february.status).toBe("held");
      const items = await scope.list("agenda_item", { meetingId: march.id }, ["position"]);
      expect(items.map((i) => [i.number, i.pageFrom, i.pageTo, i.exemptParagraph])).toEqual([
        ["1", null, null, null],
        ["2", 2, 3, null],
        ["3", 4, 4, null],
        ["4", 5, 6, 3],
      ]);
      // The paragraph was printed: nothing assumed, nothing for a clerk to check.
      expect(r.review.filter((v) => v.field === "exemptParagraph")).toEqual([]);

      const docs = await scope.list("document", { meetingId: march.id });
      const byTitle = (t: string) => docs.find((d) => d.title === t)!;
      const pack = byTitle("Agenda pack: Ambridge Parish Council, 2025-03-04");
      expect(pack).toMatchObject({ kind: "agenda-pack", pageCount: 6, sourcePageFrom: null });
      const itemId = (n: string) => items.find((i) => i.number === n)!.id;
      expect(byTitle("Play Area Refurbishment")).toMatchObject({
        kind: "report",
        sourcePageFrom: 2,
        sourcePageTo: 3,
        pageCount: 2,
        agendaItemId: itemId("2"),
      });
      expect(byTitle("Minutes: Ambridge Parish Council, 2025-02-04")).toMatchObject({
        kind: "minutes",
        sourcePageFrom: 4,
        sourcePageTo: 4,
        agendaItemId: itemId("3"),
      });
      expect(byTitle("Item 4: exempt pages")).toMatchObject({ sourcePageFrom: 5, sourcePageTo: 6, agendaItemId: itemId("4") });
      expect(docs).toHaveLength(4);
      const reportPages = await scope.list("document_page", { documentId: byTitle("Play Area Refurbishment").id }, ["pageNumber"]);
      expect(reportPages.map((p) => [p.pageNumber, p.printedNumber, p.text])).toEqual([
        [1, 2, "Play area report"],
        [2, 3, "Play area costs"],
      ]);
      expect((await scope.list("document_page", { documentId: pack.id })).map((p) => p.text).sort()).toEqual([...text].sort());

      const [minute] = await scope.list("minute", { meetingId: february.id });
      expect(minute).toMatchObject({
        number: "7",
        title: "Play area",
        text: "The Clerk presented the quotes.\n\nRECOMMENDED that the parish meeting approve the spend.",
      });
      const decisions = await scope.list("decision", { minuteId: minute!.id }, ["position"]);
      expect(decisions.map((d) => [d.kind, d.text])).toEqual([
        ["recommended", "that the parish meeting approve the spend."],
        ["noted", "the costs so far."],
      ]);

      const again = await importPack(scope, file, { extracted: { extraction: x, provenance: {} } });
      for (const t of ["meeting", "agenda_item", "document", "document_page", "minute", "decision"])
        expect(again.counts[t] ?? { created: 0, updated: 0 }).toMatchObject({ created: 0, updated: 0 });
    });

    it("leaves out a paper whose page range lies outside the file, with a warning, instead of pointing outside the original", async () => {
      const x = extraction({
        pages: [
          { number: 1, printed: 1, text: "Agenda" },
          { number: 2, printed: 2, text: "2. Budget (Pages 277 to 326)" },
        ],
        meetings: [meeting({ hasAgenda: true, agenda: [{ number: "2", title: "Budget", pages: [277, 326], exempt: false }] })],
        documents: [
          { kind: "report", title: "Budget", pages: [277, 326], item: "2", meeting: null, withheld: false, exemptParagraph: null },
        ],
      });
      const r = await importPack(scope, { path: "summons.txt", data: enc("Agenda") }, { extracted: { extraction: x, provenance: {} } });
      const docs = await scope.list("document");
      expect(docs.map((d) => [d.kind, d.sourcePageFrom])).toEqual([["front-sheet", null]]);
      expect(r.warnings).toContain('summons.txt: paper "Budget" (pages 277-326) lies outside the file\'s 2 page(s); left out');
    });

    it("withholds a restricted placeholder under the item's paragraph, or the assumed one, and judges a decision's kind by its words when none is given", async () => {
      const x = extraction({
        fileKind: "agenda-pack",
        pages: [1, 2, 3].map((n) => ({ number: n, printed: n, text: `page ${n}` })),
        meetings: [
          meeting({
            hasAgenda: true,
            agenda: [{ number: "9", title: "Land sale", pages: null, exempt: true }],
            minutes: [{ number: "1", title: "Accounts", decisions: ["noted the accounts.", "to pay the grass-cutting invoice."] }],
          }),
        ],
        documents: [
          { kind: "other", title: "Restricted document", pages: [2, 3], item: "9", meeting: null, withheld: true, exemptParagraph: null },
        ],
      });
      const r = await importPack(scope, { path: "p.txt", data: enc("p") }, { extracted: { extraction: x, provenance: {} } });
      const [item] = await scope.list("agenda_item");
      expect(item!.exemptParagraph).toBe(3);
      expect(r.review.some((v) => v.field === "exemptParagraph" && v.recordId === item!.id)).toBe(true);
      const placeholder = (await scope.list("document")).find((d) => d.title === "Restricted document")!;
      expect(placeholder).toMatchObject({ agendaItemId: item!.id, exemptParagraph: 3, sourcePageFrom: 2, sourcePageTo: 3 });
      expect((await scope.list("decision", {}, ["position"])).map((d) => d.kind)).toEqual(["noted", "resolved"]);
    });
  });
