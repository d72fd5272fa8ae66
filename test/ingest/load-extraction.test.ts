import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { importPack } from "../../src/ingest/load/load.js";
import { importPaths } from "../../src/ingest/import-files.js";
import type { Extracted } from "../../src/ingest/pipeline.js";
import type { ExtractedMeeting, Extraction } from "../../src/domain/extraction.js";
import type { PageSet } from "../../src/ingest/read/page.js";

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

/** Pages as a reader would give them: one line per string, printed numbers when given. */
const pages = (source: string, texts: string[][], printed: (number | null)[] = []): PageSet => ({
  source,
  kind: "text",
  pages: texts.map((lines, k) => ({ index: k + 1, printed: printed[k] ?? null, lines: lines.map((text) => ({ text })), marker: null })),
});

const extracted = (x: Extraction, p: PageSet): Extracted => ({ extraction: x, provenance: {}, pages: p });

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
  });
