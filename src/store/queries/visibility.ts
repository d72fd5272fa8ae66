import { sql, type RawBuilder, type SqlBool } from "kysely";
import type { AgendaItem } from "../../domain/agenda-item.js";
import type { Decision } from "../../domain/decision.js";
import type { Document } from "../../domain/document.js";
import type { Meeting } from "../../domain/meeting.js";
import type { Minute } from "../../domain/minute.js";
import type { ReportCover } from "../../domain/report-cover.js";
import { canSeeExempt, exemptNotice, exemptVisibleFor, type Viewer } from "../../domain/viewer.js";

/**
 * The one place page reads apply viewer rights (DESIGN.md "Exempt" and "Publication"). A
 * document is exempt when it, or the agenda item it belongs to, carries a Schedule 12A
 * paragraph; it is unpublished while its meeting's agenda (or, for minutes, the minutes) is
 * unpublished. Only viewers entitled to that committee's exempt papers and drafts see either.
 * Use as `.where(visibleDocuments(viewer))` on any query with `document` in scope by that name.
 */
export function visibleDocuments(viewer: Viewer): RawBuilder<SqlBool> {
  const open = sql<SqlBool>`(document.exempt_paragraph is null and not exists (
    select 1 from agenda_item vi where vi.id = document.agenda_item_id and vi.exempt_paragraph is not null))`;
  const allowed = exemptVisibleFor(viewer);
  if (allowed === "all") return sql<SqlBool>`1 = 1`;
  const published = documentPublished("document", allowed);
  if (allowed.length === 0) return sql<SqlBool>`(${open} and ${published})`;
  return sql<SqlBool>`((${open} and ${published}) or exists (
    select 1 from meeting vm where vm.id = coalesce(document.meeting_id,
      (select va.meeting_id from agenda_item va where va.id = document.agenda_item_id))
    and vm.committee_id in (${sql.join(allowed)})))`;
}

/** Drafts (an unpublished agenda or minutes) are seen by the same viewers as exempt papers. */
export const canSeeDrafts = canSeeExempt;

/**
 * SQL: the document under `alias` is published. A paper is public once its meeting's agenda
 * is; minutes written for the meeting (not cut from a pack) once the minutes are. A document
 * tied to no meeting was imported as its source published it.
 */
export function documentPublished(alias: string, allowed: string[] = []): RawBuilder<SqlBool> {
  const d = sql.raw(alias);
  const mine = allowed.length ? sql`and pm.committee_id not in (${sql.join(allowed)})` : sql``;
  return sql<SqlBool>`not exists (select 1 from meeting pm
    where pm.id = coalesce(${d}.meeting_id, (select pa.meeting_id from agenda_item pa where pa.id = ${d}.agenda_item_id))
      and (case when ${d}.kind = 'minutes' and ${d}.source_page_from is null then pm.minutes_published_at
        else pm.agenda_published_at end) is null ${mine})`;
}

/** SQL: the agenda of the meeting under `alias` is public, or the viewer may see its drafts. */
export function agendaVisible(viewer: Viewer, alias = "meeting"): RawBuilder<SqlBool> {
  return publishedOr(viewer, alias, "agenda_published_at");
}

/** SQL: the minutes (and decisions) of the meeting under `alias` are public, or the viewer may see drafts. */
export function minutesVisible(viewer: Viewer, alias = "meeting"): RawBuilder<SqlBool> {
  return publishedOr(viewer, alias, "minutes_published_at");
}

function publishedOr(viewer: Viewer, alias: string, column: string): RawBuilder<SqlBool> {
  const allowed = exemptVisibleFor(viewer);
  if (allowed === "all") return sql<SqlBool>`1 = 1`;
  const published = sql<SqlBool>`${sql.raw(alias)}.${sql.raw(column)} is not null`;
  if (allowed.length === 0) return published;
  return sql<SqlBool>`(${published} or ${sql.raw(alias)}.committee_id in (${sql.join(allowed)}))`;
}

/** What the viewer may see of a meeting's drafts: its agenda, its minutes. */
export function draftRights(
  viewer: Viewer,
  meeting: Pick<Meeting, "committeeId" | "agendaPublishedAt" | "minutesPublishedAt">,
): { agenda: boolean; minutes: boolean } {
  const drafts = canSeeDrafts(viewer, meeting.committeeId);
  return { agenda: drafts || meeting.agendaPublishedAt !== null, minutes: drafts || meeting.minutesPublishedAt !== null };
}

/** Whether a document is public for a meeting whose drafts are (or are not) visible; see documentPublished. */
export function documentVisibleIn(doc: Pick<Document, "kind" | "sourcePageFrom">, rights: { agenda: boolean; minutes: boolean }): boolean {
  return doc.kind === "minutes" && doc.sourcePageFrom === null ? rights.minutes : rights.agenda;
}

/** What a viewer is told in place of withheld material; null when they may see it. */
export interface Withheld {
  paragraph: number;
  notice: string;
}

export function withheld(viewer: Viewer, committeeId: string | null, paragraph: number | null): Withheld | null {
  if (paragraph === null || canSeeExempt(viewer, committeeId)) return null;
  return { paragraph, notice: exemptNotice(paragraph) };
}

/** An item the viewer may not read keeps its number and title; its text is dropped. */
export function redactItem(item: AgendaItem, w: Withheld | null): AgendaItem {
  return w ? { ...item, description: null, urgencyReason: null } : item;
}

export function redactDocument(doc: Document, w: Withheld | null): Document {
  return w
    ? { ...doc, sha256: null, fileName: null, byteSize: null, mediaType: null, pageCount: 0, sourcePageFrom: null, sourcePageTo: null }
    : doc;
}

export function redactMinute(minute: Minute, w: Withheld | null): Minute {
  return w ? { ...minute, text: "", correctionReason: null } : minute;
}

export function redactDecision(decision: Decision, w: Withheld | null): Decision {
  // The reason for a call-in may repeat what the exempt report says.
  return w ? { ...decision, text: w.notice, callInReason: null } : decision;
}

export function redactCover(cover: ReportCover, w: Withheld | null): ReportCover | null {
  return w ? null : cover;
}

/** The paragraph a document is withheld under: its own, else its item's. */
export function documentParagraph(
  doc: Pick<Document, "exemptParagraph">,
  item: Pick<AgendaItem, "exemptParagraph"> | undefined,
): number | null {
  return doc.exemptParagraph ?? item?.exemptParagraph ?? null;
}
