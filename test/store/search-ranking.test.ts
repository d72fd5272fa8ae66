import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { search, snippetParts, type SearchFilters } from "../../src/store/search.js";
import { londonToInstant } from "../../src/domain/time.js";
import type { Viewer } from "../../src/domain/viewer.js";

/**
 * Search ranks and cuts inside the full-text index (SQLite: tags in the FTS row). Whatever the
 * plan, the hits must be exactly the entries a plain reading of the rules gives: the words
 * appear, the entry is the council's, and the viewer may see it (published, not exempt, or a
 * committee whose exempt papers the viewer may see). The oracle here is JavaScript over the
 * records the test wrote, not SQL.
 */
const WORDS = ["quorvat", "pelnix", "drumble", "sasquoy", "tindral", "vorpane"];

interface Entry {
  key: string;
  authority: string;
  committeeId: string;
  kind: "page" | "agenda-item" | "minute" | "decision";
  restricted: boolean;
  date: string;
  words: Set<string>;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: search ranks inside the index and returns exactly the visible matches`, () => {
    let store: TestStore;
    const entries: Entry[] = [];
    const authorities: string[] = [];
    const committees: Record<string, string[]> = {};
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
    const text = () => {
      const ws = Array.from({ length: 3 }, () => WORDS[Math.floor(rand() * WORDS.length)]!);
      return { text: `Report on ${ws.join(" and ")} matters`, words: new Set(ws) };
    };

    beforeAll(async () => {
      store = await freshStore(dialect);
      for (const slug of ["north", "south"]) {
        const a = await createAuthority(store, { slug, name: `${slug} Borough Council` });
        authorities.push(a.id);
        committees[a.id] = [];
        await new Scope(store, a.id, "test").transaction(async (s) => {
          // The same committee slugs and names in both councils.
          for (const name of ["Planning", "Cabinet"]) {
            const c = await s.create("committee", { slug: name.toLowerCase(), name, kind: "regulatory" });
            committees[a.id]!.push(c.id);
            for (let m = 0; m < 3; m++) {
              const date = `2025-0${m + 3}-1${m}`;
              const agendaPublished = m !== 2;
              const minutesPublished = m === 0;
              const meeting = await s.create("meeting", {
                committeeId: c.id,
                localDate: date,
                localTime: "18:00",
                startsAt: londonToInstant(date, "18:00"),
                agendaPublishedAt: agendaPublished ? "2025-01-01T12:00:00Z" : null,
                minutesPublishedAt: minutesPublished ? "2025-06-01T12:00:00Z" : null,
              });
              const base = { authority: a.id, committeeId: c.id, date };
              for (let i = 1; i <= 3; i++) {
                const exempt = i === 3;
                // Item 2 has no description: it is found, and snippeted, by its title.
                const t = text();
                const item = await s.create("agenda_item", {
                  meetingId: meeting.id,
                  number: String(i),
                  position: i,
                  title: i === 2 ? t.text : `Item ${i}`,
                  description: i === 2 ? null : t.text,
                  exemptParagraph: exempt ? 3 : null,
                });
                entries.push({
                  ...base,
                  key: `agenda-item:${item.id}`,
                  kind: "agenda-item",
                  restricted: exempt || !agendaPublished,
                  words: t.words,
                });
                const doc = await s.create("document", {
                  meetingId: meeting.id,
                  agendaItemId: item.id,
                  kind: "report",
                  title: `Paper ${i}`,
                  pageCount: 2,
                });
                for (let p = 1; p <= 2; p++) {
                  const pt = text();
                  const page = await s.create("document_page", { documentId: doc.id, pageNumber: p, text: pt.text });
                  entries.push({ ...base, key: `page:${page.id}`, kind: "page", restricted: exempt || !agendaPublished, words: pt.words });
                }
                const mt = text();
                const minute = await s.create("minute", {
                  meetingId: meeting.id,
                  agendaItemId: item.id,
                  number: `${m}${i}`,
                  position: i,
                  title: `Minute ${i}`,
                  text: mt.text,
                });
                entries.push({
                  ...base,
                  key: `minute:${minute.id}`,
                  kind: "minute",
                  restricted: exempt || !minutesPublished,
                  words: mt.words,
                });
              }
              const dt = text();
              const decision = await s.create("decision", { meetingId: meeting.id, text: dt.text, decidedOn: date });
              entries.push({ ...base, key: `decision:${decision.id}`, kind: "decision", restricted: !minutesPublished, words: dt.words });
            }
          }
        });
      }
    }, 120_000);
    afterAll(async () => store?.cleanup());

    const visible = (e: Entry, v: Viewer) =>
      v.kind === "clerk" || !e.restricted || (v.kind === "member" && v.committeeIds.includes(e.committeeId));

    async function check(authority: string, q: string[], filters: SearchFilters, viewer: Viewer) {
      const hits = await search(store, authority, q.join(" "), { ...filters, limit: 100 }, viewer);
      const got = hits.map((h) => `${h.kind}:${h.recordId}`).sort();
      const want = entries
        .filter(
          (e) =>
            e.authority === authority &&
            q.every((w) => e.words.has(w)) &&
            visible(e, viewer) &&
            (!filters.kinds || filters.kinds.includes(e.kind)) &&
            (!filters.committeeIds || filters.committeeIds.includes(e.committeeId)) &&
            (!filters.from || e.date >= filters.from) &&
            (!filters.to || e.date <= filters.to),
        )
        .map((e) => e.key)
        .sort();
      expect(got, `${q.join(" ")} ${JSON.stringify(filters)} as ${viewer.kind}`).toEqual(want);
      for (const h of hits) {
        expect(h.meetingDate).toMatch(/^2025-/);
        expect(h.committeeName).toMatch(/^(Planning|Cabinet)$/);
        expect(snippetParts(h.snippet).some((p) => p.mark)).toBe(true);
      }
      return hits;
    }

    it("for every viewer, council, filter and word, the hits are the visible matching entries", async () => {
      let nonEmpty = 0;
      for (const authority of authorities) {
        const [planning, cabinet] = committees[authority]!;
        const viewers: Viewer[] = [
          { kind: "public" },
          { kind: "clerk" },
          { kind: "member", personId: "p", committeeIds: [planning!] },
          // A member's committee of the other council opens nothing here.
          { kind: "member", personId: "p", committeeIds: committees[authorities.find((a) => a !== authority)!]! },
        ];
        const filterSets: SearchFilters[] = [
          {},
          { kinds: ["agenda-item"] },
          { kinds: ["minute", "decision"] },
          { committeeIds: [cabinet!] },
          { from: "2025-04-01" },
          { to: "2025-04-30", kinds: ["page"] },
        ];
        for (const viewer of viewers)
          for (const filters of filterSets)
            for (const q of [[WORDS[0]!], [WORDS[1]!, WORDS[2]!], [WORDS[5]!]])
              nonEmpty += (await check(authority, q, filters, viewer)).length > 0 ? 1 : 0;
      }
      expect(nonEmpty).toBeGreaterThan(50);
    }, 120_000);

    it("pages of results partition the full ranking", async () => {
      const all = await search(store, authorities[0]!, WORDS[0]!, { limit: 100 }, { kind: "clerk" });
      expect(all.length).toBeGreaterThan(10);
      const paged = [];
      for (let offset = 0; offset < all.length; offset += 7)
        paged.push(...(await search(store, authorities[0]!, WORDS[0]!, { limit: 7, offset }, { kind: "clerk" })));
      expect(paged.map((h) => h.recordId)).toEqual(all.map((h) => h.recordId));
      for (let i = 1; i < all.length; i++) expect(all[i - 1]!.rank).toBeGreaterThanOrEqual(all[i]!.rank);
    });

    it("an agenda item with no description has a snippet from its title", async () => {
      const hits = await search(store, authorities[1]!, WORDS[3]!, { kinds: ["agenda-item"], limit: 100 }, { kind: "clerk" });
      const titled = hits.filter((h) => h.title.startsWith("Report on"));
      expect(titled.length).toBeGreaterThan(0);
      for (const h of titled)
        expect(
          snippetParts(h.snippet)
            .find((p) => p.mark)
            ?.text.toLowerCase(),
        ).toBe(WORDS[3]);
    });

    it("words that look like the index's own filter tokens find nothing extra", async () => {
      for (const q of ["restricted0", "restricted1", `auth${authorities[1]}0`, "kindpage0", "tags", "comm"]) {
        expect(await search(store, authorities[0]!, q, {}, { kind: "public" })).toEqual([]);
      }
    });
  });
}
