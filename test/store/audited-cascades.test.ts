import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RECORD_TABLES } from "../../src/domain/records.js";
import { findUser, insertUser } from "../../src/store/accounts.js";
import { LINKS } from "../../src/store/records.js";
import { createMeeting } from "../../src/workflow/meetings.js";
import { addAgendaItem, startAgenda } from "../../src/workflow/agenda.js";
import { addMinute } from "../../src/workflow/minutes.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { seedCouncil, type Council } from "../workflow/fixture.js";

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

describe("no row changes without an audit entry", () => {
  it("every ON DELETE SET NULL link in the schema is cleared by the store, audited (LINKS)", async () => {
    const store = await freshStore("sqlite");
    try {
      const missing: string[] = [];
      for (const table of RECORD_TABLES) {
        const fks = await sql<{ table: string; from: string; on_delete: string }>`select * from pragma_foreign_key_list(${table})`.execute(
          store.db,
        );
        for (const fk of fks.rows) {
          if (fk.on_delete !== "SET NULL") continue;
          const listed = (LINKS[fk.table as keyof typeof LINKS] ?? []).some(([t, c]) => t === table && c === camel(fk.from));
          if (!listed) missing.push(`${table}.${fk.from} → ${fk.table}`);
        }
      }
      expect(missing).toEqual([]);
    } finally {
      await store.cleanup();
    }
  });

  for (const dialect of DIALECTS) {
    describe(dialect, () => {
      let store: TestStore;
      let c: Council;
      beforeAll(async () => {
        store = await freshStore(dialect);
        c = await seedCouncil(store);
      });
      afterAll(() => store?.cleanup());

      it("deleting an agenda item clears its minute's link with an audit row saying why", async () => {
        const m = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2031-03-05" });
        await startAgenda(c.scope, m.id);
        const item = await addAgendaItem(c.scope, m.id, { title: "Allotments" });
        const minute = await addMinute(c.scope, m.id, { title: "Allotments", text: "Noted." });
        await c.scope.update("minute", minute.id, { agendaItemId: item.id });
        await c.scope.delete("agenda_item", item.id);
        const after = await c.scope.require("minute", minute.id);
        expect(after.agendaItemId).toBe(null);
        const audit = await store.db
          .selectFrom("audit_entry")
          .selectAll()
          .where("recordId", "=", minute.id)
          .where("operation", "=", "update")
          .orderBy("id", "desc")
          .executeTakeFirstOrThrow();
        expect(JSON.parse(audit.after!)).toMatchObject({ agendaItemId: null });
        expect(audit.reason).toBe("the agenda item it pointed at was deleted");
      });

      it("deleting a person clears a sign-in account's link to them with an audit row", async () => {
        const person = await c.scope.create("person", { slug: "alex-linked", name: "Alex Linked", kind: "officer" });
        const user = await insertUser(c.scope, {
          username: "alinked",
          displayName: "Alex Linked",
          role: "clerk",
          passwordHash: "scrypt$not-a-real-hash-for-this-test",
          disabled: false,
          personId: person.id,
        });
        await c.scope.delete("person", person.id);
        expect((await findUser(c.scope, user.id))?.personId).toBe(null);
        const audit = await store.db
          .selectFrom("audit_entry")
          .selectAll()
          .where("recordId", "=", user.id)
          .where("operation", "=", "update")
          .executeTakeFirstOrThrow();
        expect(audit.tableName).toBe("user_account");
        expect(JSON.parse(audit.before!)).toEqual({ personId: person.id });
        expect(audit.reason).toBe("the person it pointed at was deleted");
      });

      it("a person who signs in as a member cannot be deleted from under their account", async () => {
        const person = await c.scope.create("person", { slug: "sam-member", name: "Sam Member", kind: "councillor" });
        const user = await insertUser(c.scope, {
          username: "smember",
          displayName: "Sam Member",
          role: "member",
          passwordHash: "scrypt$not-a-real-hash-for-this-test",
          disabled: false,
          personId: person.id,
        });
        await expect(c.scope.delete("person", person.id)).rejects.toMatchObject({ code: "rule" });
        expect((await findUser(c.scope, user.id))?.personId).toBe(person.id);
        expect(await c.scope.require("person", person.id)).toMatchObject({ name: "Sam Member" });
      });
    });
  }
});
