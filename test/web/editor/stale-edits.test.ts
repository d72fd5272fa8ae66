import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/web/app.js";
import { Scope } from "../../../src/store/records.js";
import { openStore } from "../../../src/store/open.js";
import { createMeeting } from "../../../src/workflow/meetings.js";
import { startAgenda, addAgendaItem, setExempt } from "../../../src/workflow/agenda.js";
import { publishAgenda } from "../../../src/workflow/publication.js";
import { addMinute, approveMinutes, editMinute, recordAttendance } from "../../../src/workflow/minutes.js";
import { DIALECTS, expectSqliteWriterHeld, freshStore, type TestStore } from "../../support/stores.js";
import { buildEditorFixture, daysFromToday, PASSWORD, type EditorFixture } from "../../support/editor-fixture.js";
import { EditorClient } from "../../support/editor-client.js";

const unescapeHtml = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

/** The hidden revision of the form posting to `action` on a page. */
function revisionOn(html: string, action: string): string {
  const form = html.slice(html.indexOf(`action="${action}"`));
  const m = /name="revision" value="(\d+)"/.exec(form.slice(0, form.indexOf("</form>")));
  if (!m) throw new Error(`no revision in the form posting to ${action}`);
  return m[1];
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: no edit is lost to a later, stale one`, () => {
    let store: TestStore;
    let f: EditorFixture;
    let s: Scope;
    let one: EditorClient;
    let two: EditorClient;
    let app: ReturnType<typeof createApp>;
    beforeAll(async () => {
      store = await freshStore(dialect);
      f = await buildEditorFixture(store);
      s = new Scope(store, f.authorityId, "test");
      app = createApp(store);
      one = new EditorClient(app);
      two = new EditorClient(app);
      expect((await one.signIn("clerk", PASSWORD)).status).toBe(303);
      expect((await two.signIn("admin", PASSWORD)).status).toBe(303);
    });
    afterAll(() => store?.cleanup());

    it("two clerks edit one meeting: the second, stale save is refused with both versions shown and nothing lost", async () => {
      const m = await createMeeting(s, { committeeId: f.committees.scrutiny.id, localDate: daysFromToday(30), venue: "Village Hall" });
      const url = `/editor/meetings/${m.id}`;
      const pageOne = await (await one.get(url)).text();
      const pageTwo = await (await two.get(url)).text();
      const form = { localDate: m.localDate, localTime: "", title: "", contactOfficer: "", webcastUrl: "" };
      const first = await one.post(url, { ...form, venue: "Parish Room", revision: revisionOn(pageOne, url) });
      expect(first.status).toBe(303);
      const stale = await two.post(url, {
        ...form,
        venue: "The Bull, upstairs",
        title: "Budget special",
        revision: revisionOn(pageTwo, url),
      });
      const html = unescapeHtml(await stale.text());
      expect(stale.status).toBe(409);
      expect(html).toMatch(/Someone else saved a change to this meeting after you opened it/);
      expect(html).toContain("Parish Room"); // what is saved now
      expect(html).toContain("The Bull, upstairs"); // what was typed, still in the form
      expect(html).toContain("Budget special");
      expect(html).not.toMatch(/venue: |\d{4}-\d{2}-\d{2}T/); // plain words, no field paths or instants
      const stored = await s.require("meeting", m.id);
      expect(stored.venue).toBe("Parish Room");
      expect(stored.title).toBe(null);
      // Having seen the other version, the second clerk saves again: now it is a choice, and it lands.
      const again = await two.post(url, { ...form, venue: "The Bull, upstairs", title: "Budget special", revision: revisionOn(html, url) });
      expect(again.status).toBe(303);
      expect(await s.require("meeting", m.id)).toMatchObject({ venue: "The Bull, upstairs", title: "Budget special", revision: 3 });
      const audits = await store.db
        .selectFrom("audit_entry")
        .select(["actor", "after"])
        .where("recordId", "=", m.id)
        .where("operation", "=", "update")
        .orderBy("id")
        .execute();
      expect(audits.map((a) => [a.actor, JSON.parse(a.after!).venue])).toEqual([
        ["user:clerk", "Parish Room"],
        ["user:admin", "The Bull, upstairs"],
      ]);
    });

    it("two clerks edit one draft minute: the stale save is refused and the first text is kept", async () => {
      const m = await createMeeting(s, { committeeId: f.committees.planning.id, localDate: daysFromToday(-10) });
      const mi = await addMinute(s, m.id, { title: "Highways", text: "Draft." });
      // Each minute is edited on its own page (the meeting's minutes page lists them).
      const url = `/editor/minutes/${mi.id}`;
      const page = url;
      const pageOne = await (await one.get(page)).text();
      const pageTwo = await (await two.get(page)).text();
      expect((await one.post(url, { text: "The committee noted the report.", revision: revisionOn(pageOne, url) })).status).toBe(303);
      const stale = await two.post(url, { text: "The committee deferred the report.", revision: revisionOn(pageTwo, url) });
      expect(stale.status).toBe(409);
      const html = unescapeHtml(await stale.text());
      expect(html).toContain("The committee noted the report.");
      expect(html).toContain("The committee deferred the report.");
      expect((await s.require("minute", mi.id)).text).toBe("The committee noted the report.");
    });

    it("the attendance form changes only the rows it shows, offers only current members, and locks with the minutes", async () => {
      const held = await createMeeting(s, { committeeId: f.committees.scrutiny.id, localDate: daysFromToday(-400) });
      const next = await createMeeting(s, { committeeId: f.committees.scrutiny.id, localDate: daysFromToday(-390) });
      await startAgenda(s, next.id);
      const left = await s.create("person", { slug: "kenton-archer", name: "Kenton Archer", kind: "councillor" });
      await s.create("membership", {
        personId: left.id,
        committeeId: f.committees.scrutiny.id,
        role: "member",
        kind: "councillor",
        toDate: daysFromToday(-500),
      });
      // An officer recorded earlier (say by the importer) is not one of the rows the form shows.
      await recordAttendance(s, held.id, [{ personId: f.people.officer.id, status: "present", capacity: "officer" }]);
      const url = `/editor/meetings/${held.id}/attendance`;
      const page = await (await one.get(url)).text();
      expect(page).toContain("Jill Archer");
      expect(page).not.toContain(`status_${left.id}`); // left the committee before this meeting
      const shown = /name="shown" value="([^"]*)"/.exec(page)![1];
      const res = await one.post(`/editor/meetings/${held.id}/attendance`, {
        shown,
        [`status_${f.people.chair.id}`]: "present",
        [`status_${f.people.member.id}`]: "apologies",
      });
      expect(res.status).toBe(303);
      const rows = await s.list("attendance", { meetingId: held.id });
      expect(rows.map((r) => [r.personId, r.status]).sort()).toEqual(
        [
          [f.people.chair.id, "present"],
          [f.people.member.id, "apologies"],
          [f.people.officer.id, "present"],
        ].sort(),
      );
      await addMinute(s, held.id, { title: "Apologies", text: "Noted." });
      await approveMinutes(s, held.id, next.id);
      const locked = await one.post(`/editor/meetings/${held.id}/attendance`, { shown, [`status_${f.people.chair.id}`]: "apologies" });
      expect(locked.status).toBe(423);
      expect(unescapeHtml(await locked.text())).toMatch(/minutes of \d{1,2} [A-Z][a-z]+ \d{4} are approved/);
      expect((await s.list("attendance", { meetingId: held.id })).length).toBe(3);
    });

    it("an update writes only the columns it changes, against the revision it read", async () => {
      const m = await createMeeting(s, { committeeId: f.committees.planning.id, localDate: daysFromToday(40) });
      // An old form (no revision) still cannot undo a change it never saw: it sends only what it changes.
      await s.update("meeting", m.id, { title: "Set by another clerk" });
      const after = await s.update("meeting", m.id, { venue: "Committee Room 1" });
      expect(after).toMatchObject({ title: "Set by another clerk", venue: "Committee Room 1", revision: 3 });
      // A scope expecting an old revision is refused inside the transaction, and changes nothing.
      await expect(
        s.withActor("stale").expecting("meeting", m.id, 2).update("meeting", m.id, { venue: "Elsewhere" }),
      ).rejects.toMatchObject({
        code: "conflict",
      });
      expect((await s.require("meeting", m.id)).venue).toBe("Committee Room 1");
    });

    it("an edit racing approval never leaves a minute draft while the audit says approved", async () => {
      // A second connection pool (or SQLite handle) on the same database: two clerks' requests.
      const other = store.databaseUrl ? openStore({ databaseUrl: store.databaseUrl, dataDir: store.dataDir }) : undefined;
      const s2 = other ? new Scope(other, f.authorityId, "clerk-two") : s.withActor("clerk-two");
      try {
        for (let round = 0; round < 6; round++) {
          const held = await createMeeting(s, { committeeId: f.committees.scrutiny.id, localDate: daysFromToday(-200 + round * 20) });
          const next = await createMeeting(s, { committeeId: f.committees.scrutiny.id, localDate: daysFromToday(-195 + round * 20) });
          await startAgenda(s, next.id);
          const mi = await addMinute(s, held.id, { title: "Parking", text: "Draft text." });
          const results = await Promise.allSettled([
            editMinute(s2.expecting("minute", mi.id, mi.revision), mi.id, { text: `Edited in round ${round}.` }),
            approveMinutes(s, held.id, next.id),
          ]);
          const row = await s.require("minute", mi.id);
          const last = await store.db
            .selectFrom("audit_entry")
            .select("after")
            .where("recordId", "=", mi.id)
            .orderBy("id", "desc")
            .limit(1)
            .executeTakeFirstOrThrow();
          const audited = JSON.parse(last.after!);
          expect(row.status).toBe("approved");
          // The audit keeps what each change changed: the last change to the minute is its approval, at the row's revision.
          expect(audited).toMatchObject({ status: "approved", revision: row.revision });
          if (results[0].status === "rejected") expect(["conflict", "locked"]).toContain((results[0].reason as { code: string }).code);
          else expect(row.text).toBe(`Edited in round ${round}.`);
        }
      } finally {
        await other?.close();
      }
    });
  });
}

describe("the page cache follows commit order", () => {
  for (const dialect of DIALECTS) {
    it(`${dialect}: a transaction that started first and commits last (marking an item exempt) still empties the cache`, async () => {
      const store = await freshStore(dialect);
      // A second handle on the same database: the slow clerk's transaction holds its own connection
      // (on SQLite a second handle on the file, as a second process would be).
      const other = openStore({ databaseUrl: store.databaseUrl ?? null, dataDir: store.dataDir });
      try {
        const f = await buildEditorFixture(store);
        const s = new Scope(store, f.authorityId, "test");
        const slow = new Scope(other, f.authorityId, "slow-clerk");
        const m = await createMeeting(s, { committeeId: f.committees.scrutiny.id, localDate: daysFromToday(30) });
        await startAgenda(s, m.id);
        const item = await addAgendaItem(s, m.id, {
          title: "Quarry lease",
          description: "The rent offered is 91,500 a year.",
          kind: "discussion",
        });
        await publishAgenda(s, m.id);
        const app = createApp(store);
        const url = `/meetings/${m.id}`;
        expect(await (await app.request(url)).text()).toContain("The rent offered is 91,500 a year.");

        // The slow transaction starts first (it reads the item), then waits while a fast one
        // commits and the public page is cached; only then does it mark the item exempt and commit.
        let started!: () => void;
        const isStarted = new Promise<void>((r) => (started = r));
        let release!: () => void;
        const released = new Promise<void>((r) => (release = r));
        const late = slow.transaction(async (t) => {
          await t.require("agenda_item", item.id);
          started();
          await released;
          await setExempt(t, item.id, 3);
        });
        const lateOutcome = late.then(
          () => "committed",
          (e: { code?: string; message?: string }) => e.code ?? e.message ?? "failed",
        );
        await isStarted;
        if (dialect === "sqlite") {
          // SQLite transactions are writers from their BEGIN (store/sqlite-writers.ts): while the
          // slow one is open no other writer can commit (they wait for it), so the fast write
          // comes after it, and what is checked is that the page cached meanwhile goes with its commit.
          expectSqliteWriterHeld(store);
        } else await s.update("meeting", m.id, { venue: "Fast venue" });
        const cached = await (await app.request(url)).text();
        if (dialect === "postgres") expect(cached).toContain("Fast venue");
        expect(cached).toContain("The rent offered is 91,500 a year.");
        release();
        const outcome = await lateOutcome;
        if (dialect === "sqlite") {
          expect(outcome).toBe("committed");
          expect(await (await app.request(url)).text()).not.toContain("The rent offered is 91,500 a year.");
          await s.update("meeting", m.id, { venue: "Fast venue" });
        }
        const stored = await s.require("agenda_item", item.id);
        const html = await (await app.request(url)).text();
        // Whatever the database let through, the cached page agrees with it: a page built from
        // scratch by an app with an empty cache is the same page.
        expect(html).toBe(await (await createApp(store).request(url)).text());
        if (dialect === "postgres") {
          // PostgreSQL lets the late writer through: the page must stop showing the exempt text.
          expect(outcome).toBe("committed");
        }
        if (outcome === "committed") {
          expect(stored.exemptParagraph).toBe(3);
          expect(html).not.toContain("The rent offered is 91,500 a year.");
        } else {
          // SQLite refuses a writer whose snapshot another commit has overtaken; nothing changed.
          expect(stored.exemptParagraph).toBe(null);
          expect(html).toContain("The rent offered is 91,500 a year.");
        }
        expect(html).toContain("Fast venue");
      } finally {
        await other.close();
        await store.cleanup();
      }
    }, 120_000);

    it(`${dialect}: a fast commit after a slow write began waits for it, and the page follows the slow one's commit`, async () => {
      const store = await freshStore(dialect);
      const other = openStore({ databaseUrl: store.databaseUrl ?? null, dataDir: store.dataDir });
      try {
        const f = await buildEditorFixture(store);
        const s = new Scope(store, f.authorityId, "test");
        const slow = new Scope(other, f.authorityId, "slow-clerk");
        const m = await createMeeting(s, { committeeId: f.committees.scrutiny.id, localDate: daysFromToday(31) });
        await startAgenda(s, m.id);
        const item = await addAgendaItem(s, m.id, { title: "Depot sale", description: "Offer from Borchester Land.", kind: "discussion" });
        await publishAgenda(s, m.id);
        const app = createApp(store);
        const url = `/meetings/${m.id}`;
        let written!: () => void;
        const isWritten = new Promise<void>((r) => (written = r));
        let release!: () => void;
        const released = new Promise<void>((r) => (release = r));
        // The slow clerk marks the item exempt first (its write is made, stamped, not committed)…
        const pending = slow.transaction(async (t) => {
          await setExempt(t, item.id, 3);
          written();
          await released;
        });
        await isWritten;
        // …then a fast clerk saves another change. On PostgreSQL it must not commit ahead of the
        // slow one (a version stamped at write time would then be overtaken): it waits on the
        // authority's version row, which the test sees as a lock wait in this database. On SQLite
        // one writer holds the file, and a second one in this process would only wait out its
        // busy timeout, so there the fast write comes after.
        let fast: Promise<unknown> | null = null;
        if (dialect === "postgres") {
          fast = s.update("meeting", m.id, { venue: "Fast venue" });
          const settled = fast.then(
            () => "committed",
            () => "failed",
          );
          for (;;) {
            const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'`.execute(store.db);
            if (waiting.rows[0]!.n > 0) break;
            const done = await Promise.race([settled, new Promise((r) => setTimeout(() => r(null), 50))]);
            expect(done, "the fast write committed while the slow one was still open").toBe(null);
          }
        }
        // Neither has committed: the public still sees the item's description, and that page is cached.
        expect(await (await app.request(url)).text()).toContain("Offer from Borchester Land.");
        release();
        await pending;
        await fast;
        if (!fast) await s.update("meeting", m.id, { venue: "Fast venue" });
        const html = await (await app.request(url)).text();
        expect(html).not.toContain("Offer from Borchester Land.");
        expect(html).toContain("Depot sale");
        expect(html).toContain("Fast venue");
        expect(html).toBe(await (await createApp(store).request(url)).text());
      } finally {
        await other.close();
        await store.cleanup();
      }
    }, 120_000);
  }
});
