import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { search, snippetParts } from "../../src/store/search.js";
import { londonToInstant } from "../../src/domain/time.js";
import type { Viewer } from "../../src/domain/viewer.js";

const PUBLIC: Viewer = { kind: "public" };

/** Words that match none of the searches below, to stand for the rest of a long page. */
const filler = (words: number, seed: number) =>
  Array.from(
    { length: words },
    (_, i) => ["committee", "members", "noted", "report", "council", "officers", "agreed"][(i * 3 + seed) % 7],
  ).join(" ");

/** Long words, so the words a snippet shows before its match reach back past the window's start. */
const longFiller = (words: number) =>
  Array.from({ length: words }, (_, i) => ["administratively", "notwithstanding", "representations", "interdepartmental"][i % 4]).join(" ");

/**
 * A hit's snippet is cut from the words around its match, however far into a long page the
 * match is, and is never cut mid-word. On PostgreSQL the snippet is taken from a window of the
 * text around the query's first occurrence (a whole page re-parsed for every hit was most of a
 * search's cost); these are the cases where a window could miss the match it was cut for.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: search snippets from long pages`, () => {
    let store: TestStore;
    let authority = "";
    const texts = new Map<string, string>();
    const marked = async (q: string) => {
      const hits = await search(store, authority, q, {}, PUBLIC);
      return hits.map((h) => ({ title: h.title, parts: snippetParts(h.snippet) }));
    };
    beforeAll(async () => {
      store = await freshStore(dialect);
      const a = await createAuthority(store, { slug: "wessex", name: "Wessex", timezone: "Europe/London", website: null });
      authority = a.id;
      const s = new Scope(store, a.id, "test");
      const c = await s.create("committee", { slug: "place", name: "Place Scrutiny", kind: "scrutiny" });
      const m = await s.create("meeting", {
        committeeId: c.id,
        localDate: "2025-03-04",
        localTime: "10:00",
        startsAt: londonToInstant("2025-03-04", "10:00"),
        agendaPublishedAt: "2025-02-20T12:00:00Z",
      });
      const page = async (title: string, text: string) => {
        texts.set(title, text);
        const doc = await s.create("document", { meetingId: m.id, kind: "report", title, pageCount: 1 });
        await s.create("document_page", { documentId: doc.id, pageNumber: 1, text });
      };
      // The match 5,000 characters in, after nothing like it, and just after one long word (a
      // reference number, say), so a window cut anywhere near the match starts inside that word.
      await page("Deep match", `${longFiller(300)} ${"reference".padEnd(400, "x")} the quarrymoor culverts were cleared ${longFiller(40)}`);
      // "plan" occurs early inside "explanation" and "planetarium" (no match: different words);
      // the real match, "plans", comes 3,000 characters later.
      await page(
        "Near miss first",
        `An explanation of the planetarium ${filler(450, 3)} the drainage plans for Quarrymoor were approved ${filler(60, 4)}`,
      );
      // The stem differs from the word the text uses: "libraries" is stemmed "librari",
      // which "library" does not contain.
      await page("Stemmed", `${filler(500, 5)} the mobile library at Quarrymoor will stop ${filler(60, 6)}`);
      // The query's two words meet near the end of the window cut around the first of them (80
      // characters before it, 320 long), where the window's end falls inside a long word: the
      // snippet runs to that end, and must stop at the last whole word.
      await page("Late pair", `${"harbour ".repeat(80)}sluice ${"harbour ".repeat(25)}budget sluice ${"harbourmaster ".repeat(40).trim()}`);
      // Matched in its title only.
      await page("Quarrymoor ferry timetable", filler(600, 0));
    });
    afterAll(async () => store?.cleanup());

    const markedWords = (parts: Array<{ text: string; mark: boolean }>) => parts.filter((p) => p.mark).map((p) => p.text.toLowerCase());
    /** The snippet's first and last words are words of the page, not pieces of words cut apart. */
    const fromWholeWords = (parts: Array<{ text: string; mark: boolean }>, title: string) => {
      const page = new Set(texts.get(title)!.split(/\s+/));
      const words = parts
        .map((p) => p.text)
        .join("")
        .replace(/^…|…$/g, "")
        .trim()
        .split(/\s+/);
      return [words[0], words.at(-1)].filter((w) => !page.has(w!));
    };

    it("cuts the snippet around a match far into a long page, from whole words", async () => {
      const [hit] = await marked("culverts");
      expect(hit?.title).toBe("Deep match");
      expect(markedWords(hit!.parts)).toContain("culverts");
      expect(hit!.parts.map((p) => p.text).join("")).toContain("quarrymoor culverts were cleared");
      expect(fromWholeWords(hit!.parts, "Deep match")).toEqual([]);
    });

    it("finds the match when the query's letters occur earlier inside other words", async () => {
      const hits = await marked("plans");
      expect(hits.map((h) => h.title)).toEqual(["Near miss first"]);
      expect(markedWords(hits[0]!.parts)).toEqual(["plans"]);
      expect(hits[0]!.parts.map((p) => p.text).join("")).toContain("drainage plans for Quarrymoor");
      expect(fromWholeWords(hits[0]!.parts, "Near miss first")).toEqual([]);
    });

    it("finds the match when the text's word is not spelt like the query's stem", async () => {
      const hits = await marked("libraries");
      expect(hits.map((h) => h.title)).toEqual(["Stemmed"]);
      expect(markedWords(hits[0]!.parts)).toEqual(["library"]);
      expect(fromWholeWords(hits[0]!.parts, "Stemmed")).toEqual([]);
    });

    it("ends the snippet on a whole word when the match is near the end of its window", async () => {
      const hits = await marked("sluice budget");
      expect(hits.map((h) => h.title)).toEqual(["Late pair"]);
      expect(markedWords(hits[0]!.parts)).toEqual(expect.arrayContaining(["budget", "sluice"]));
      expect(fromWholeWords(hits[0]!.parts, "Late pair")).toEqual([]);
    });

    it("snippets every page that matches, the title-only match included", async () => {
      const hits = await marked("quarrymoor");
      expect(hits.map((h) => h.title).sort()).toEqual(["Deep match", "Near miss first", "Quarrymoor ferry timetable", "Stemmed"]);
      for (const h of hits) {
        expect(
          h.parts
            .map((p) => p.text)
            .join("")
            .trim(),
        ).not.toBe("");
        if (h.title !== "Quarrymoor ferry timetable") expect(markedWords(h.parts)).toContain("quarrymoor");
      }
    });
  });
}
