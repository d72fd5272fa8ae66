import type { Document } from "../../domain/document.js";
import type { DocumentPage } from "../../domain/document.js";
import type { Viewer } from "../../domain/viewer.js";
import type { Store } from "../open.js";
import { withheld, type Withheld } from "./visibility.js";

export interface WithheldRange extends Withheld {
  from: number;
  to: number;
}

/** Meeting-wide packs whose pages the agenda's page ranges point into. */
export const isPack = (d: Pick<Document, "kind" | "agendaItemId" | "meetingId">): boolean =>
  d.agendaItemId === null && d.meetingId !== null && (d.kind === "agenda-pack" || d.kind === "supplement");

/**
 * An exempt item printed inside a public agenda pack makes those pack pages exempt too: its
 * page range is withheld from viewers without the right, whatever the pack's own status.
 */
export async function withheldPackRanges(
  store: Store,
  authorityId: string,
  meetingIds: string[],
  viewer: Viewer,
): Promise<Map<string, WithheldRange[]>> {
  const out = new Map<string, WithheldRange[]>();
  if (meetingIds.length === 0) return out;
  const rows = await store.db
    .selectFrom("agenda_item")
    .innerJoin("meeting", "meeting.id", "agenda_item.meetingId")
    .select(["agenda_item.meetingId", "agenda_item.pageFrom", "agenda_item.pageTo", "agenda_item.exemptParagraph", "meeting.committeeId"])
    .where("agenda_item.authorityId", "=", authorityId)
    .where("agenda_item.meetingId", "in", meetingIds)
    .where("agenda_item.exemptParagraph", "is not", null)
    .where("agenda_item.pageFrom", "is not", null)
    .execute();
  for (const r of rows) {
    const w = withheld(viewer, r.committeeId, Number(r.exemptParagraph));
    if (!w) continue;
    const from = Number(r.pageFrom);
    const list = out.get(r.meetingId) ?? [];
    list.push({ ...w, from, to: r.pageTo === null ? from : Number(r.pageTo) });
    out.set(r.meetingId, list);
  }
  return out;
}

/** Whether a page falls in a withheld range; printed and physical numbers both count, to be safe. */
export function pageWithheld(page: Pick<DocumentPage, "pageNumber" | "printedNumber">, ranges: WithheldRange[]): boolean {
  const inRange = (n: number | null) => n !== null && ranges.some((r) => n >= r.from && n <= r.to);
  return inRange(page.pageNumber) || inRange(page.printedNumber);
}
