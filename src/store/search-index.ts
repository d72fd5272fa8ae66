import { sql, type Kysely, type RawBuilder } from "kysely";
import { recordSchemas, type RecordOf, type RecordTable } from "../domain/records.js";
import { decodeRow } from "./codec.js";
import type { CreatedRecords } from "./bulk-load.js";
import type { Scope } from "./records.js";
import type { SearchEntryRow } from "./schema.js";
import { pageWithheldSql } from "./queries/page-withholding.js";
import { documentPublished } from "./queries/visibility.js";
import { searchBodySql, searchVectorSql } from "./migrations/2026-12-08-scale-search-text-once.js";

/**
 * One search entry per searchable record (document page, agenda item, minute, decision),
 * kept in step by the Scope's writes in the same transaction. Each entry carries copies of
 * its committee, meeting date and exempt status so search needs no joins; every write that
 * could change those (an item or document made exempt, a meeting moved) refreshes them here.
 * An entry is restricted when the public may not see it: exempt (its item or document, or a
 * page an exempt document of the same original covers) or not yet published.
 *
 * An entry holds no text of its own: its body is its record's text (2026-12-08-scale-search-
 * text-once), which SQLite's FTS5 reads through a view and PostgreSQL's `tsv` is computed from
 * here, whenever an entry is written or its title changes.
 */
export async function reindex(scope: Scope, table: RecordTable, record: unknown): Promise<void> {
  if (table === "document") {
    const doc = record as RecordOf<"document">;
    await scope.db
      .updateTable("search_entry")
      .set({ meetingId: doc.meetingId, agendaItemId: doc.agendaItemId, title: doc.title })
      .where("documentId", "=", doc.id)
      .where("kind", "=", "page")
      .execute();
    // Its pages' titles changed above: their vectors with their copied columns, one write each.
    await updateDerived(scope, sql`document_id = ${doc.id} and kind = 'page'`, { vectors: true });
    // Its exemption or range decides pages of every document cut from the same original.
    if (doc.sha256) await refreshDerived(scope, "sha256", doc.sha256);
    return;
  }
  if (table === "agenda_item") {
    const item = record as RecordOf<"agenda_item">;
    await upsert(scope, table, record);
    await refreshDerived(scope, "agenda_item_id", item.id);
    // Its page range may cover pages of the meeting's pack.
    return refreshDerived(scope, "meeting_id", item.meetingId);
  }
  if (table === "meeting") return refreshDerived(scope, "meeting_id", (record as RecordOf<"meeting">).id);
  await upsert(scope, table, record);
}

export async function unindex(scope: Scope, table: RecordTable, id: string): Promise<void> {
  if (table === "document_page" || table === "agenda_item" || table === "minute" || table === "decision") {
    await scope.db.deleteFrom("search_entry").where("id", "=", id).execute();
  }
  if (table === "document") await scope.db.deleteFrom("search_entry").where("documentId", "=", id).execute();
}

async function upsert(scope: Scope, table: RecordTable, record: unknown): Promise<void> {
  const entry = await entryFor(scope, table, record);
  if (!entry) return;
  const db = scope.db as Kysely<any>;
  await db.deleteFrom("search_entry").where("id", "=", entry.id).execute();
  await db.insertInto("search_entry").values(entry).execute();
  await updateDerived(scope, sql`id = ${entry.id}`, { vectors: true });
}

/** Statements touch at most this many rows by id, well inside both databases' parameter limits. */
const CHUNK = 500;
const chunked = <T>(xs: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));
const SEARCHABLE = ["document_page", "agenda_item", "minute", "decision"] as const;

/**
 * Indexes what a bulk load wrote (bulk-load.ts) as its records' own writes would have, but set
 * by set: the new entries in multi-row inserts, then their copied columns and vectors by a few
 * hundred ids a statement. Entries that were already there change only through the meetings and
 * originals the load touched (a new item's page range, an exempt paper of the same original),
 * which are refreshed as a single write would.
 */
export async function indexCreated(scope: Scope, created: CreatedRecords): Promise<void> {
  const docs = new Map((created.document ?? []).map((d) => [d.id, d]));
  const missing = [...new Set((created.document_page ?? []).map((p) => p.documentId))].filter((id) => !docs.has(id));
  for (const ids of chunked(missing)) {
    const rows = await scope.db
      .selectFrom("document")
      .selectAll()
      .where("id", "in", ids)
      .where("authorityId", "=", scope.authorityId)
      .execute();
    for (const r of rows) docs.set(r.id, decodeRow<RecordOf<"document">>(recordSchemas.document, r));
  }
  const entries: Entry[] = [];
  for (const table of SEARCHABLE)
    for (const record of created[table] ?? []) {
      const doc = table === "document_page" ? docs.get((record as RecordOf<"document_page">).documentId) : undefined;
      if (table === "document_page" && !doc) throw new Error(`document ${(record as RecordOf<"document_page">).documentId} not found`);
      const entry = entryOf(scope.authorityId, table, record, doc);
      if (entry) entries.push(entry);
    }
  for (const part of chunked(entries)) await (scope.db as Kysely<any>).insertInto("search_entry").values(part).execute();
  for (const part of chunked(entries.map((e) => e.id))) {
    await updateDerived(scope, sql`id in (${sql.join(part)})`, { vectors: true });
  }
  // Existing entries: those of meetings that gained items (a page range may now cover their
  // pack), and pages of originals a new paper shares (reindex does the same for one write).
  const newMeetings = new Set((created.meeting ?? []).map((m) => m.id));
  const touched = new Set((created.agenda_item ?? []).map((i) => i.meetingId).filter((id) => !newMeetings.has(id)));
  for (const id of touched) await refreshDerived(scope, "meeting_id", id);
  for (const sha of new Set((created.document ?? []).flatMap((d) => (d.sha256 ? [d.sha256] : []))))
    await refreshDerived(scope, "sha256", sha);
}

/** Recomputes the copied columns of the entries matching column = value, from the records themselves. */
async function refreshDerived(
  scope: Scope,
  column: "id" | "document_id" | "agenda_item_id" | "meeting_id" | "sha256",
  value: string,
): Promise<void> {
  if (column === "meeting_id") {
    // Papers attached only through their item carry no meeting id; they follow it too. Two
    // statements rather than an OR, so each finds its rows by index.
    await updateDerived(scope, sql`meeting_id = ${value}`);
    return updateDerived(
      scope,
      sql`meeting_id is null and agenda_item_id in (select si.id from agenda_item si where si.meeting_id = ${value})`,
    );
  }
  const which =
    column === "sha256"
      ? sql`document_id in (select sd.id from document sd where sd.sha256 = ${value} and sd.authority_id = ${scope.authorityId})`
      : sql`${sql.ref(column)} = ${value}`;
  return updateDerived(scope, which);
}

/**
 * Sets the copied columns of the entries `which` selects from the records themselves, and with
 * `vectors` (entries just written, or retitled) on PostgreSQL their vectors from their titles and
 * their records' text in the same statement: each statement writes a new version of every row it
 * touches, which a bulk load of some 200,000 entries left as dead rows for vacuum to clear.
 */
async function updateDerived(scope: Scope, which: RawBuilder<unknown>, o: { vectors?: boolean } = {}): Promise<void> {
  const vectors =
    o.vectors && scope.store.dialect.name === "postgres"
      ? sql`, tsv = ${sql.raw(searchVectorSql("search_entry.title", searchBodySql("search_entry")))}`
      : sql``;
  const meetingOf = sql`coalesce(search_entry.meeting_id, (select sa.meeting_id from agenda_item sa where sa.id = search_entry.agenda_item_id))`;
  await sql`
    update search_entry set
      committee_id = (select m.committee_id from meeting m where m.id = ${meetingOf}),
      meeting_date = (select m.local_date from meeting m where m.id = ${meetingOf}),
      restricted = case
        when exists (select 1 from agenda_item ai where ai.id = search_entry.agenda_item_id and ai.exempt_paragraph is not null) then 1
        when exists (select 1 from document d where d.id = search_entry.document_id and d.exempt_paragraph is not null) then 1
        -- A page of an original that an exempt document of the same original covers (page-withholding.ts).
        when search_entry.kind = 'page' and exists (
          select 1 from document_page p join document d on d.id = p.document_id
          where p.id = search_entry.record_id and ${pageWithheldSql("p", "d")}) then 1
        -- Not yet published: minutes and decisions until the minutes are, the rest until the agenda is.
        when search_entry.kind in ('minute', 'decision') and exists (
          select 1 from meeting um where um.id = ${meetingOf} and um.minutes_published_at is null) then 1
        when search_entry.kind = 'agenda-item' and exists (
          select 1 from meeting um where um.id = ${meetingOf} and um.agenda_published_at is null) then 1
        when search_entry.kind = 'page' and exists (
          select 1 from document ud where ud.id = search_entry.document_id and not ${documentPublished("ud")}) then 1
        else 0 end${vectors}
    where ${which} and authority_id = ${scope.authorityId}`.execute(scope.db);
}

type Entry = Omit<SearchEntryRow, "committeeId" | "meetingDate" | "restricted">;

async function entryFor(scope: Scope, table: RecordTable, record: unknown): Promise<Entry | undefined> {
  const doc = table === "document_page" ? await scope.require("document", (record as RecordOf<"document_page">).documentId) : undefined;
  return entryOf(scope.authorityId, table, record, doc);
}

/** A record's entry; a page's needs its document. No body: the entry reads its record's text (see the note at the top). */
function entryOf(authorityId: string, table: RecordTable, record: unknown, doc?: RecordOf<"document">): Entry | undefined {
  const base = { authorityId };
  switch (table) {
    case "document_page": {
      const p = record as RecordOf<"document_page">;
      if (!doc) throw new Error(`the document of page ${p.id} was not given`);
      return {
        ...base,
        id: p.id,
        kind: "page",
        recordId: p.id,
        meetingId: doc.meetingId,
        documentId: doc.id,
        agendaItemId: doc.agendaItemId,
        pageNumber: p.pageNumber,
        title: doc.title,
      };
    }
    case "agenda_item": {
      const a = record as RecordOf<"agenda_item">;
      return {
        ...base,
        id: a.id,
        kind: "agenda-item",
        recordId: a.id,
        meetingId: a.meetingId,
        documentId: null,
        agendaItemId: a.id,
        pageNumber: null,
        title: a.title,
      };
    }
    case "minute": {
      const m = record as RecordOf<"minute">;
      return {
        ...base,
        id: m.id,
        kind: "minute",
        recordId: m.id,
        meetingId: m.meetingId,
        documentId: null,
        agendaItemId: m.agendaItemId,
        pageNumber: null,
        title: `${m.number} ${m.title}`,
      };
    }
    case "decision": {
      const d = record as RecordOf<"decision">;
      return {
        ...base,
        id: d.id,
        kind: "decision",
        recordId: d.id,
        meetingId: d.meetingId,
        documentId: null,
        agendaItemId: d.agendaItemId,
        pageNumber: null,
        title: "Decision",
      };
    }
    default:
      return undefined;
  }
}
