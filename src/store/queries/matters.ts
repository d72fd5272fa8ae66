import { sql, type RawBuilder, type SqlBool } from "kysely";
import type { Decision } from "../../domain/decision.js";
import { checkNotice, type NoticeCheck } from "../../domain/forward-plan.js";
import type { Matter, MatterStep } from "../../domain/matter.js";
import { exemptVisibleFor, type Viewer } from "../../domain/viewer.js";
import type { Store } from "../open.js";
import { decodeAll, decodeOne, type Page } from "./decode.js";
import type { CommitteeRef } from "./meetings.js";
import { agendaVisible, minutesVisible, redactDecision, visibleDocuments, withheld, type Withheld } from "./visibility.js";

/**
 * Matters and their histories as a viewer may read them. Each part of a step is exactly as
 * public as where it lives: an agenda item with its meeting's agenda (or minutes), a decision
 * with the minutes, a report with its document's own rules; a step with nothing the viewer
 * may see is left out. A matter is public once any step is, or once its key-decision notice
 * is on the forward plan; until then it does not exist for the public.
 */

/** SQL over `matter_step` and its `meeting`: the viewer may see the step's item. */
const itemOk = (viewer: Viewer) => sql<SqlBool>`(${agendaVisible(viewer, "meeting")} or ${minutesVisible(viewer, "meeting")})`;
/** ... its decision (decisions are part of the minutes). */
const decisionOk = (viewer: Viewer) => minutesVisible(viewer, "meeting");
/** ... its report. */
const documentOk = (viewer: Viewer) =>
  sql<SqlBool>`exists (select 1 from document where document.id = matter_step.document_id and ${visibleDocuments(viewer)})`;

/** SQL over `matter_step` joined to its `meeting`: something of the step is visible to the viewer. */
export function stepVisible(viewer: Viewer): RawBuilder<SqlBool> {
  return sql<SqlBool>`((matter_step.agenda_item_id is not null and ${itemOk(viewer)})
    or (matter_step.decision_id is not null and ${decisionOk(viewer)})
    or (matter_step.document_id is not null and ${documentOk(viewer)})
    or (matter_step.agenda_item_id is null and matter_step.decision_id is null and matter_step.document_id is null
      and ${agendaVisible(viewer, "meeting")}))`;
}

/** SQL over `matter`: the viewer may see the matter at all (on `today`, a London date). */
export function matterVisible(viewer: Viewer, today: string): RawBuilder<SqlBool> {
  if (exemptVisibleFor(viewer) === "all") return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`((matter.key_decision = 1 and matter.notice_published_on is not null and matter.notice_published_on <= ${today})
    or exists (select 1 from matter_step join meeting on meeting.id = matter_step.meeting_id
      where matter_step.matter_id = matter.id and ${stepVisible(viewer)}))`;
}

export interface MatterStepEntry {
  step: MatterStep;
  meeting: { id: string; localDate: string; localTime: string | null; committee: CommitteeRef };
  item: { id: string; number: string; title: string; withheld: Withheld | null } | null;
  decision: { decision: Decision; withheld: Withheld | null } | null;
  document: { id: string; title: string; kind: string } | null;
}

export interface MatterDetail {
  matter: Matter;
  decisionMaker: CommitteeRef | null;
  notice: NoticeCheck | null;
  steps: MatterStepEntry[];
}

async function committeeRef(store: Store, id: string | null): Promise<CommitteeRef | null> {
  if (!id) return null;
  return (await store.db.selectFrom("committee").select(["id", "slug", "name"]).where("id", "=", id).executeTakeFirst()) ?? null;
}

/** The notice a key decision was given, when it has both dates. */
export function noticeOf(m: Pick<Matter, "keyDecision" | "noticePublishedOn" | "expectedOn">): NoticeCheck | null {
  return m.keyDecision && m.noticePublishedOn && m.expectedOn ? checkNotice(m.noticePublishedOn, m.expectedOn) : null;
}

/** One matter with its history in meeting order; undefined when the viewer may not see it. */
export async function matterDetail(
  store: Store,
  authorityId: string,
  id: string,
  viewer: Viewer,
  today: string,
): Promise<MatterDetail | undefined> {
  const row = await store.db
    .selectFrom("matter")
    .selectAll()
    .where("authorityId", "=", authorityId)
    .where("id", "=", id)
    .where(matterVisible(viewer, today))
    .executeTakeFirst();
  const matter = decodeOne("matter", row);
  if (!matter) return undefined;
  const steps = await stepsOf(store, authorityId, [matter.id], viewer);
  return {
    matter,
    decisionMaker: await committeeRef(store, matter.decisionMakerId),
    notice: noticeOf(matter),
    steps: steps.get(matter.id) ?? [],
  };
}

/** The visible steps of some matters, each list in meeting order. */
async function stepsOf(store: Store, authorityId: string, matterIds: string[], viewer: Viewer): Promise<Map<string, MatterStepEntry[]>> {
  const out = new Map<string, MatterStepEntry[]>();
  if (!matterIds.length) return out;
  const rows = await store.db
    .selectFrom("matter_step")
    .innerJoin("meeting", "meeting.id", "matter_step.meetingId")
    .innerJoin("committee", "committee.id", "meeting.committeeId")
    .leftJoin("agenda_item", "agenda_item.id", "matter_step.agendaItemId")
    .leftJoin("document as sd", "sd.id", "matter_step.documentId")
    .selectAll("matter_step")
    .select([
      "meeting.localDate as mDate",
      "meeting.localTime as mTime",
      "meeting.startsAt as mStarts",
      "committee.id as cId",
      "committee.slug as cSlug",
      "committee.name as cName",
      "agenda_item.number as iNumber",
      "agenda_item.title as iTitle",
      "agenda_item.exemptParagraph as iParagraph",
      "sd.title as dTitle",
      "sd.kind as dKind",
      sql<number>`case when ${itemOk(viewer)} then 1 else 0 end`.as("itemOk"),
      sql<number>`case when ${decisionOk(viewer)} then 1 else 0 end`.as("decisionOk"),
      sql<number>`case when ${documentOk(viewer)} then 1 else 0 end`.as("documentOk"),
    ])
    .where("matter_step.authorityId", "=", authorityId)
    .where("matter_step.matterId", "in", matterIds)
    .where(stepVisible(viewer))
    .orderBy("meeting.startsAt")
    .orderBy("agenda_item.position")
    .orderBy("matter_step.id")
    .execute();
  const decisionIds = rows.filter((r) => r.decisionId && Number(r.decisionOk)).map((r) => r.decisionId!);
  const decisions = new Map(
    decisionIds.length
      ? decodeAll("decision", await store.db.selectFrom("decision").selectAll().where("id", "in", decisionIds).execute()).map((d) => [
          d.id,
          d,
        ])
      : [],
  );
  for (const r of rows) {
    const step = decodeOne("matter_step", r)!;
    const w = withheld(viewer, r.cId, r.iParagraph === null ? null : Number(r.iParagraph));
    const d = step.decisionId && Number(r.decisionOk) ? decisions.get(step.decisionId) : undefined;
    // The clerk's note may tell what the decision or report says: shown only with all of them.
    const noteOk =
      (!step.agendaItemId || Number(r.itemOk)) &&
      (!step.decisionId || Number(r.decisionOk)) &&
      (!step.documentId || Number(r.documentOk)) &&
      !w;
    const entry: MatterStepEntry = {
      step: noteOk ? step : { ...step, note: null },
      meeting: { id: step.meetingId, localDate: r.mDate, localTime: r.mTime, committee: { id: r.cId, slug: r.cSlug, name: r.cName } },
      item:
        step.agendaItemId && r.iNumber !== null && Number(r.itemOk)
          ? { id: step.agendaItemId, number: r.iNumber, title: r.iTitle!, withheld: w }
          : null,
      decision: d ? { decision: redactDecision(d, w), withheld: w } : null,
      document: step.documentId && Number(r.documentOk) ? { id: step.documentId, title: r.dTitle!, kind: r.dKind! } : null,
    };
    const list = out.get(step.matterId) ?? [];
    list.push(entry);
    out.set(step.matterId, list);
  }
  return out;
}

export interface MatterSummary {
  matter: Matter;
  decisionMaker: CommitteeRef | null;
  /** The latest visible meeting in its history. */
  lastMeeting: { id: string; localDate: string; committee: CommitteeRef } | null;
  steps: number;
}

/** Matters the viewer may see, by reference; `q` matches reference or title. */
export async function listMatters(
  store: Store,
  authorityId: string,
  viewer: Viewer,
  today: string,
  f: { q?: string; keyDecision?: boolean; limit?: number; offset?: number } = {},
): Promise<Page<MatterSummary>> {
  const limit = f.limit ?? 50;
  const offset = f.offset ?? 0;
  let q = store.db.selectFrom("matter").where("matter.authorityId", "=", authorityId).where(matterVisible(viewer, today));
  if (f.keyDecision !== undefined) q = q.where("matter.keyDecision", "=", f.keyDecision ? 1 : 0);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(matter.reference)`, "like", sql`${like} escape '\\'`),
        eb(sql`lower(matter.title)`, "like", sql`${like} escape '\\'`),
      ]),
    );
  }
  const [rows, n] = await Promise.all([
    q.selectAll("matter").orderBy("matter.reference").orderBy("matter.id").limit(limit).offset(offset).execute(),
    q.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  const matters = decodeAll("matter", rows);
  const steps = await stepsOf(
    store,
    authorityId,
    matters.map((m) => m.id),
    viewer,
  );
  const items: MatterSummary[] = [];
  for (const matter of matters) {
    const mine = steps.get(matter.id) ?? [];
    const last = mine.at(-1);
    items.push({
      matter,
      decisionMaker: await committeeRef(store, matter.decisionMakerId),
      lastMeeting: last ? { id: last.meeting.id, localDate: last.meeting.localDate, committee: last.meeting.committee } : null,
      steps: mine.length,
    });
  }
  return { items, total: Number(n.n), limit, offset };
}

export interface ForwardPlanEntry {
  matter: Matter;
  decisionMaker: CommitteeRef | null;
  notice: NoticeCheck | null;
  /** False only for staff, who also see key decisions whose notice is not yet published. */
  published: boolean;
}

/**
 * The forward plan: key decisions still to be taken (expected on or after `today`, or
 * undated), soonest first. The public sees an entry from the day its notice is published.
 */
export async function forwardPlan(store: Store, authorityId: string, viewer: Viewer, today: string): Promise<ForwardPlanEntry[]> {
  let q = store.db
    .selectFrom("matter")
    .selectAll()
    .where("authorityId", "=", authorityId)
    .where("keyDecision", "=", 1)
    .where((eb) => eb.or([eb("expectedOn", "is", null), eb("expectedOn", ">=", today)]));
  if (exemptVisibleFor(viewer) !== "all") q = q.where("noticePublishedOn", "is not", null).where("noticePublishedOn", "<=", today);
  const rows = decodeAll("matter", await q.orderBy("expectedOn").orderBy("reference").execute());
  const out: ForwardPlanEntry[] = [];
  for (const matter of rows)
    out.push({
      matter,
      decisionMaker: await committeeRef(store, matter.decisionMakerId),
      notice: noticeOf(matter),
      published: matter.noticePublishedOn !== null && matter.noticePublishedOn <= today,
    });
  return out;
}

/** Matters a record belongs to (for a decision's "part of matter …" line), as the viewer may see them. */
export async function mattersOfDecisions(
  store: Store,
  authorityId: string,
  decisionIds: string[],
  viewer: Viewer,
  today: string,
): Promise<Map<string, Array<Pick<Matter, "id" | "reference" | "title">>>> {
  const out = new Map<string, Array<Pick<Matter, "id" | "reference" | "title">>>();
  if (!decisionIds.length) return out;
  const rows = await store.db
    .selectFrom("matter_step")
    .innerJoin("matter", "matter.id", "matter_step.matterId")
    .select(["matter_step.decisionId", "matter.id", "matter.reference", "matter.title"])
    .where("matter_step.authorityId", "=", authorityId)
    .where("matter_step.decisionId", "in", decisionIds)
    .where(matterVisible(viewer, today))
    .orderBy("matter.reference")
    .execute();
  for (const r of rows) {
    const list = out.get(r.decisionId!) ?? [];
    if (!list.some((m) => m.id === r.id)) list.push({ id: r.id, reference: r.reference, title: r.title });
    out.set(r.decisionId!, list);
  }
  return out;
}

export interface Linkable {
  items: Array<{ id: string; label: string }>;
  decisions: Array<{ id: string; label: string }>;
  reports: Array<{ id: string; label: string }>;
}

/** What a clerk may link into a matter: items, decisions and reports of recent and coming meetings, newest first. */
export async function linkableRecords(store: Store, authorityId: string, limit = 300): Promise<Linkable> {
  const label = (r: { cName: string; mDate: string }) => `${r.cName}, ${r.mDate}`;
  const [items, decisions, reports] = await Promise.all([
    store.db
      .selectFrom("agenda_item")
      .innerJoin("meeting", "meeting.id", "agenda_item.meetingId")
      .innerJoin("committee", "committee.id", "meeting.committeeId")
      .select(["agenda_item.id", "agenda_item.number", "agenda_item.title", "committee.name as cName", "meeting.localDate as mDate"])
      .where("agenda_item.authorityId", "=", authorityId)
      .orderBy("meeting.startsAt", "desc")
      .orderBy("agenda_item.position")
      .limit(limit)
      .execute(),
    store.db
      .selectFrom("decision")
      .innerJoin("meeting", "meeting.id", "decision.meetingId")
      .innerJoin("committee", "committee.id", "meeting.committeeId")
      .select(["decision.id", "decision.text", "committee.name as cName", "meeting.localDate as mDate"])
      .where("decision.authorityId", "=", authorityId)
      .orderBy("meeting.startsAt", "desc")
      .limit(limit)
      .execute(),
    store.db
      .selectFrom("document")
      .innerJoin("meeting", "meeting.id", "document.meetingId")
      .innerJoin("committee", "committee.id", "meeting.committeeId")
      .select(["document.id", "document.title", "committee.name as cName", "meeting.localDate as mDate"])
      .where("document.authorityId", "=", authorityId)
      .where("document.kind", "in", ["report", "appendix", "supplement"])
      .orderBy("meeting.startsAt", "desc")
      .limit(limit)
      .execute(),
  ]);
  return {
    items: items.map((r) => ({ id: r.id, label: `${label(r)}: ${r.number}. ${r.title}` })),
    decisions: decisions.map((r) => ({ id: r.id, label: `${label(r)}: ${r.text.slice(0, 90)}` })),
    reports: reports.map((r) => ({ id: r.id, label: `${label(r)}: ${r.title}` })),
  };
}

export interface MatterLink {
  matterId: string;
  reference: string;
  keyDecision: boolean;
  agendaItemId: string | null;
  decisionId: string | null;
}

/** Which items and decisions the public may see in which public matters (for OParl and other exports). */
export async function publicMatterLinks(store: Store, authorityId: string, viewer: Viewer, today: string): Promise<MatterLink[]> {
  const rows = await store.db
    .selectFrom("matter_step")
    .innerJoin("meeting", "meeting.id", "matter_step.meetingId")
    .innerJoin("matter", "matter.id", "matter_step.matterId")
    .select(["matter.id as matterId", "matter.reference", "matter.keyDecision", "matter_step.agendaItemId", "matter_step.decisionId"])
    .select(sql<number>`case when ${decisionOk(viewer)} then 1 else 0 end`.as("decisionOk"))
    .where("matter_step.authorityId", "=", authorityId)
    .where(stepVisible(viewer))
    .where(matterVisible(viewer, today))
    .orderBy("matter.reference")
    .orderBy("matter_step.id")
    .execute();
  return rows.map((r) => ({
    matterId: r.matterId,
    reference: r.reference,
    keyDecision: Number(r.keyDecision) === 1,
    agendaItemId: r.agendaItemId,
    decisionId: Number(r.decisionOk) ? r.decisionId : null,
  }));
}
