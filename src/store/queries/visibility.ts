import { sql, type RawBuilder, type SqlBool } from "kysely";
import type { AgendaItem } from "../../domain/agenda-item.js";
import type { Decision } from "../../domain/decision.js";
import type { Document } from "../../domain/document.js";
import type { Minute } from "../../domain/minute.js";
import type { ReportCover } from "../../domain/report-cover.js";
import { canSeeExempt, exemptNotice, exemptVisibleFor, type Viewer } from "../../domain/viewer.js";

/**
 * The one place page reads apply viewer rights (DESIGN.md "Exempt"). A document is exempt
 * when it, or the agenda item it belongs to, carries a Schedule 12A paragraph; only viewers
 * entitled to that committee's exempt papers see it. Use as `.where(visibleDocuments(viewer))`
 * on any query that has the `document` table in scope under that name.
 */
export function visibleDocuments(viewer: Viewer): RawBuilder<SqlBool> {
  const open = sql<SqlBool>`(document.exempt_paragraph is null and not exists (
    select 1 from agenda_item vi where vi.id = document.agenda_item_id and vi.exempt_paragraph is not null))`;
  const allowed = exemptVisibleFor(viewer);
  if (allowed === "all") return sql<SqlBool>`1 = 1`;
  if (allowed.length === 0) return open;
  return sql<SqlBool>`(${open} or exists (
    select 1 from meeting vm where vm.id = coalesce(document.meeting_id,
      (select va.meeting_id from agenda_item va where va.id = document.agenda_item_id))
    and vm.committee_id in (${sql.join(allowed)})))`;
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
  return w ? { ...decision, text: w.notice } : decision;
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
