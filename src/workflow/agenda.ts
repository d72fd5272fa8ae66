import { z } from "zod";
import { AgendaItem } from "../domain/agenda-item.js";
import { ReportCover } from "../domain/report-cover.js";
import { MootError, invalid } from "../domain/errors.js";
import { STANDING_OPENING_ITEMS } from "../domain/standing-items.js";
import type { RecordOf } from "../domain/records.js";
import type { Scope } from "../store/records.js";
import { parseEdit } from "./form.js";

type Item = RecordOf<"agenda_item">;

/** The item fields a clerk edits; the refinements of AgendaItem run again when the store saves. */
const ItemFields = z.object(AgendaItem.shape);
export const ItemForm = ItemFields.pick({
  title: true,
  description: true,
  kind: true,
  toFollow: true,
  verbal: true,
  exemptParagraph: true,
  urgencyReason: true,
}).partial({ description: true, kind: true, toFollow: true, verbal: true, exemptParagraph: true, urgencyReason: true });
export type ItemForm = z.input<typeof ItemForm>;
export const ItemFlags = ItemFields.pick({
  title: true,
  description: true,
  kind: true,
  toFollow: true,
  verbal: true,
  exemptParagraph: true,
}).partial();
export type ItemFlags = z.input<typeof ItemFlags>;
export const CoverForm = ReportCover.pick({
  title: true,
  author: true,
  service: true,
  wards: true,
  purpose: true,
  recommendations: true,
  implications: true,
}).partial();
export type CoverForm = z.input<typeof CoverForm>;

/** An item added after the agenda was published: it is supplementary and carries its urgency reason. */
export function isSupplementary(item: Pick<Item, "urgencyReason">): boolean {
  return item.urgencyReason !== null;
}

export async function agendaOf(scope: Scope, meetingId: string): Promise<Item[]> {
  return scope.list("agenda_item", { meetingId }, ["position"]);
}

async function editableMeeting(scope: Scope, meetingId: string) {
  const m = await scope.require("meeting", meetingId);
  if (m.status !== "scheduled") throw new MootError("rule", `the agenda of a ${m.status} meeting cannot be changed`);
  return m;
}

/** Starts an empty agenda with the committee's standing opening items. */
export async function startAgenda(scope: Scope, meetingId: string): Promise<Item[]> {
  return scope.transaction(async (s) => {
    await editableMeeting(s, meetingId);
    if ((await agendaOf(s, meetingId)).length > 0)
      throw new MootError("rule", "the agenda already has items; standing items are only added to an empty agenda");
    const items: Item[] = [];
    for (const [i, st] of STANDING_OPENING_ITEMS.entries()) {
      items.push(await s.create("agenda_item", { meetingId, number: String(i + 1), position: i, title: st.title, kind: st.kind }));
    }
    return items;
  });
}

/**
 * Appends an item. Once the agenda is published, an item may only be added with a
 * reason for urgency (s.100B(4) LGA 1972), and it shows as supplementary.
 */
export async function addAgendaItem(scope: Scope, meetingId: string, form: ItemForm): Promise<Item> {
  const parsed = ItemForm.safeParse(form);
  if (!parsed.success) throw invalid(parsed.error, "invalid agenda item");
  return scope.transaction(async (s) => {
    // A writer before reading: two clerks adding an item at once number them one after the
    // other, rather than both taking the next number and the second being refused by its key.
    await s.bumpDataVersion();
    const m = await editableMeeting(s, meetingId);
    const urgency = parsed.data.urgencyReason?.trim() || null;
    if (m.agendaPublishedAt && !urgency) {
      throw new MootError("rule", "urgencyReason: the agenda is already published; a later item needs the chair's reason for urgency");
    }
    const existing = await agendaOf(s, meetingId);
    const position = existing.length ? existing[existing.length - 1].position + 1 : 0;
    return s.create("agenda_item", {
      ...parsed.data,
      meetingId,
      urgencyReason: m.agendaPublishedAt ? urgency : null,
      number: String(nextNumber(existing)),
      position,
    });
  });
}

function nextNumber(items: Item[]): number {
  return items.reduce((max, i) => Math.max(max, Number.parseInt(i.number, 10) || 0), 0) + 1;
}

export async function editAgendaItem(scope: Scope, itemId: string, flags: ItemFlags): Promise<Item> {
  const changes = parseEdit(ItemFlags, flags, "invalid agenda item");
  return scope.transaction(async (s) => {
    const item = await s.require("agenda_item", itemId);
    await editableMeeting(s, item.meetingId);
    return s.update("agenda_item", itemId, changes);
  });
}

/** Marks an item exempt under a Schedule 12A paragraph (1–7), or public again with null. */
export async function setExempt(scope: Scope, itemId: string, paragraph: number | null): Promise<Item> {
  if (paragraph !== null && !(Number.isInteger(paragraph) && paragraph >= 1 && paragraph <= 7)) {
    throw new MootError("invalid", `exemptParagraph: Schedule 12A has paragraphs 1 to 7 (got ${paragraph})`);
  }
  return editAgendaItem(scope, itemId, { exemptParagraph: paragraph });
}

/**
 * Puts the agenda in the given order and renumbers it 1…n. All ids of the agenda, each
 * once. Refused after publication: the printed numbers are then what people cite.
 */
export async function reorderAgenda(scope: Scope, meetingId: string, orderedIds: string[]): Promise<Item[]> {
  return scope.transaction(async (s) => {
    const m = await editableMeeting(s, meetingId);
    if (m.agendaPublishedAt) throw new MootError("rule", "the agenda is published; its items keep their printed numbers");
    const items = await agendaOf(s, meetingId);
    const ids = new Set(items.map((i) => i.id));
    if (orderedIds.length !== ids.size || new Set(orderedIds).size !== ids.size || !orderedIds.every((id) => ids.has(id))) {
      throw new MootError("invalid", "order: give every item of this agenda exactly once");
    }
    // Numbers are unique in a meeting, and moving "2" to "1" while another item still holds "1"
    // would break that halfway: items whose number changes first take theirs at an occurrence no
    // stored item uses (each number's occurrences are below the agenda's length), then come back to 0.
    const byId = new Map(items.map((i) => [i.id, i]));
    for (const [position, id] of orderedIds.entries()) {
      if (byId.get(id)!.number === String(position + 1)) continue;
      await s.update("agenda_item", id, { position, number: String(position + 1), occurrence: items.length + position });
    }
    const out: Item[] = [];
    for (const [position, id] of orderedIds.entries())
      out.push(await s.update("agenda_item", id, { position, number: String(position + 1), occurrence: 0 }));
    return out;
  });
}

export async function removeAgendaItem(scope: Scope, itemId: string): Promise<void> {
  await scope.transaction(async (s) => {
    const item = await s.require("agenda_item", itemId);
    const m = await editableMeeting(s, item.meetingId);
    if (m.agendaPublishedAt) throw new MootError("rule", "the agenda is published; withdraw the item by editing its title instead");
    await s.delete("agenda_item", itemId);
    for (const wp of await s.list("work_programme_item", { meetingId: m.id })) {
      if (wp.topic === item.title && wp.status === "scheduled")
        await s.update("work_programme_item", wp.id, { status: "proposed", meetingId: null });
    }
  });
}

/** Fills (or refills) the report cover sheet of an item. */
export async function fillReportCover(
  scope: Scope,
  itemId: string,
  form: CoverForm,
  documentId?: string,
): Promise<RecordOf<"report_cover">> {
  const changes = parseEdit(CoverForm, form, "invalid report cover");
  return scope.transaction(async (s) => {
    await s.require("agenda_item", itemId);
    const [existing] = await s.list("report_cover", { agendaItemId: itemId });
    if (existing) return s.update("report_cover", existing.id, { ...changes, ...(documentId ? { documentId } : {}) });
    return s.create("report_cover", { ...changes, agendaItemId: itemId, documentId: documentId ?? null });
  });
}
