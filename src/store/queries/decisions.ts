import { sql } from "kysely";
import type { Decision } from "../../domain/decision.js";
import type { Viewer } from "../../domain/viewer.js";
import type { Store } from "../open.js";
import { decodeAll, type Page } from "./decode.js";
import type { CommitteeRef } from "./meetings.js";
import { minutesVisible, redactDecision, withheld, type Withheld } from "./visibility.js";

export interface DecisionFilter {
  committeeId?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}
export interface DecisionEntry {
  decision: Decision;
  withheld: Withheld | null;
  committee: CommitteeRef;
  item: { id: string; number: string; title: string } | null;
}

/** Decisions newest first; one on an exempt item keeps its place, its text is withheld. */
export async function listDecisions(
  store: Store,
  authorityId: string,
  viewer: Viewer,
  f: DecisionFilter = {},
): Promise<Page<DecisionEntry>> {
  const limit = f.limit ?? 50;
  const offset = f.offset ?? 0;
  let q = store.db
    .selectFrom("decision")
    .innerJoin("meeting", "meeting.id", "decision.meetingId")
    .innerJoin("committee", "committee.id", "meeting.committeeId")
    .leftJoin("agenda_item", "agenda_item.id", "decision.agendaItemId")
    .where("decision.authorityId", "=", authorityId)
    // Decisions are part of the minutes: public once the minutes are published.
    .where(minutesVisible(viewer, "meeting"));
  if (f.committeeId) q = q.where("meeting.committeeId", "=", f.committeeId);
  if (f.from) q = q.where("decision.decidedOn", ">=", f.from);
  if (f.to) q = q.where("decision.decidedOn", "<=", f.to);
  const [rows, n] = await Promise.all([
    q
      .selectAll("decision")
      .select([
        "committee.id as cId",
        "committee.slug as cSlug",
        "committee.name as cName",
        "agenda_item.number as iNumber",
        "agenda_item.title as iTitle",
        "agenda_item.exemptParagraph as iParagraph",
      ])
      .orderBy("decision.decidedOn", "desc")
      .orderBy("decision.meetingId")
      .orderBy("decision.position")
      .orderBy("decision.id")
      .limit(limit)
      .offset(offset)
      .execute(),
    q.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  const decisions = decodeAll("decision", rows);
  const items = decisions.map((d, i) => {
    const r = rows[i];
    const w = withheld(viewer, r.cId, r.iParagraph === null ? null : Number(r.iParagraph));
    return {
      decision: redactDecision(d, w),
      withheld: w,
      committee: { id: r.cId, slug: r.cSlug, name: r.cName },
      item: d.agendaItemId && r.iNumber !== null ? { id: d.agendaItemId, number: r.iNumber, title: r.iTitle! } : null,
    };
  });
  return { items, total: Number(n.n), limit, offset };
}
