import type { Kysely } from "kysely";
import type { RecordOf, RecordTable } from "../domain/records.js";
import type { Scope } from "./records.js";
import type { SearchEntryRow } from "./schema.js";

/**
 * One search entry per searchable record (document page, agenda item, minute, decision),
 * kept in step by the Scope's writes in the same transaction. Exempt status is not copied
 * here: search joins to the item and document at query time, so a newly exempted paper
 * disappears from results at once.
 */
export async function reindex(scope: Scope, table: RecordTable, record: unknown): Promise<void> {
  const entry = await entryFor(scope, table, record);
  if (entry === undefined) {
    if (table === "document") await refreshDocumentPages(scope, record as RecordOf<"document">);
    return;
  }
  const db = scope.db as Kysely<any>;
  await db.deleteFrom("search_entry").where("id", "=", entry.id).execute();
  await db.insertInto("search_entry").values(entry).execute();
}

export async function unindex(scope: Scope, table: RecordTable, id: string): Promise<void> {
  if (table === "document_page" || table === "agenda_item" || table === "minute" || table === "decision") {
    await scope.db.deleteFrom("search_entry").where("id", "=", id).execute();
  }
  if (table === "document") await scope.db.deleteFrom("search_entry").where("documentId", "=", id).execute();
}

async function entryFor(scope: Scope, table: RecordTable, record: unknown): Promise<SearchEntryRow | undefined> {
  const base = { authorityId: scope.authorityId };
  switch (table) {
    case "document_page": {
      const p = record as RecordOf<"document_page">;
      const doc = await scope.require("document", p.documentId);
      return { ...base, id: p.id, kind: "page", recordId: p.id, meetingId: doc.meetingId, documentId: doc.id, agendaItemId: doc.agendaItemId, pageNumber: p.pageNumber, title: doc.title, body: p.text };
    }
    case "agenda_item": {
      const a = record as RecordOf<"agenda_item">;
      return { ...base, id: a.id, kind: "agenda-item", recordId: a.id, meetingId: a.meetingId, documentId: null, agendaItemId: a.id, pageNumber: null, title: a.title, body: a.description ?? "" };
    }
    case "minute": {
      const m = record as RecordOf<"minute">;
      return { ...base, id: m.id, kind: "minute", recordId: m.id, meetingId: m.meetingId, documentId: null, agendaItemId: m.agendaItemId, pageNumber: null, title: `${m.number} ${m.title}`, body: m.text };
    }
    case "decision": {
      const d = record as RecordOf<"decision">;
      return { ...base, id: d.id, kind: "decision", recordId: d.id, meetingId: d.meetingId, documentId: null, agendaItemId: d.agendaItemId, pageNumber: null, title: "Decision", body: d.text };
    }
    default:
      return undefined;
  }
}

async function refreshDocumentPages(scope: Scope, doc: RecordOf<"document">): Promise<void> {
  await scope.db
    .updateTable("search_entry")
    .set({ meetingId: doc.meetingId, agendaItemId: doc.agendaItemId, title: doc.title })
    .where("documentId", "=", doc.id)
    .where("kind", "=", "page")
    .execute();
}
