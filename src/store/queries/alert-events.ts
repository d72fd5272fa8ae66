import { sql } from "kysely";
import { PUBLIC } from "../../domain/viewer.js";
import type { Store } from "../open.js";
import { stepVisible } from "./matters.js";
import { minutesVisible } from "./visibility.js";

/**
 * Things that happened which a subscriber may be told about, read from public facts only: an
 * agenda's publication date and the minutes' approval (both public acts). What a message says
 * about them is read separately through the public read functions (meetingDetail with the
 * public viewer), so exempt or unpublished text cannot reach a message.
 */
export type AlertEventKind = "agenda" | "minutes" | "minutes-approved" | "matter";

export interface AlertEvent {
  /** Stable per event: one alert per subscription and key, ever. */
  key: string;
  kind: AlertEventKind;
  at: string;
  meetingId: string | null;
  committeeId: string | null;
  matterId: string | null;
  /** For a matter event: the step of its history that moved. */
  stepId?: string | null;
}

/** Events at or after `since`, oldest first. */
export async function publicEventsSince(store: Store, authorityId: string, since: string): Promise<AlertEvent[]> {
  const db = store.db;
  const [agendas, approved] = await Promise.all([
    db
      .selectFrom("meeting")
      .select(["id", "committeeId", "agendaPublishedAt"])
      .where("authorityId", "=", authorityId)
      .where("agendaPublishedAt", ">=", since)
      .execute(),
    db
      .selectFrom("minute")
      .innerJoin("meeting", "meeting.id", "minute.meetingId")
      .select(["meeting.id as meetingId", "meeting.committeeId"])
      .select((eb) => eb.fn.min("minute.approvedAt").as("at"))
      .where("minute.authorityId", "=", authorityId)
      .where("minute.status", "=", "approved")
      .where("minute.supersedesId", "is", null)
      .where("minute.approvedAt", ">=", since)
      .groupBy(["meeting.id", "meeting.committeeId"])
      .execute(),
  ]);
  const [drafts, steps, callIns] = await Promise.all([
    // Draft minutes published ahead of approval; approval that publishes them is one event, not two.
    db
      .selectFrom("meeting")
      .select(["id", "committeeId", "minutesPublishedAt"])
      .where("authorityId", "=", authorityId)
      .where("minutesPublishedAt", ">=", since)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("minute as am")
              .select("am.id")
              .whereRef("am.meetingId", "=", "meeting.id")
              .whereRef("am.approvedAt", "=", "meeting.minutesPublishedAt"),
          ),
        ),
      )
      .execute(),
    matterSteps(store, authorityId, since),
    calledIn(store, authorityId, since),
  ]);
  const events: AlertEvent[] = [
    ...drafts.map((m) => ({
      key: `minutes:${m.id}`,
      kind: "minutes" as const,
      at: m.minutesPublishedAt!,
      meetingId: m.id,
      committeeId: m.committeeId,
      matterId: null,
    })),
    ...steps,
    ...callIns,
    ...agendas.map((m) => ({
      key: `agenda:${m.id}`,
      kind: "agenda" as const,
      at: m.agendaPublishedAt!,
      meetingId: m.id,
      committeeId: m.committeeId,
      matterId: null,
    })),
    ...approved.map((m) => ({
      key: `minutes-approved:${m.meetingId}`,
      kind: "minutes-approved" as const,
      at: String(m.at),
      meetingId: m.meetingId,
      committeeId: m.committeeId,
      matterId: null,
    })),
  ];
  return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : 1));
}

/**
 * A followed matter moved: a step of its history became public (when it was linked, or when the
 * agenda or minutes it sits in were published, whichever was later). Read with the public
 * viewer's rules, so a step at an unpublished meeting is no event until it is published.
 */
async function matterSteps(store: Store, authorityId: string, since: string): Promise<AlertEvent[]> {
  const rows = await store.db
    .selectFrom("matter_step")
    .innerJoin("meeting", "meeting.id", "matter_step.meetingId")
    .select(["matter_step.id", "matter_step.matterId", "matter_step.meetingId"])
    .select(
      sql<string>`case
        when matter_step.decision_id is not null and meeting.minutes_published_at > matter_step.created_at then meeting.minutes_published_at
        when matter_step.decision_id is null and coalesce(meeting.agenda_published_at, meeting.minutes_published_at) > matter_step.created_at
          then coalesce(meeting.agenda_published_at, meeting.minutes_published_at)
        else matter_step.created_at end`.as("at"),
    )
    .where("matter_step.authorityId", "=", authorityId)
    .where(stepVisible(PUBLIC))
    .execute();
  return rows
    .filter((r) => r.at >= since)
    .map((r) => ({
      key: `matter:${r.id}`,
      kind: "matter" as const,
      at: r.at,
      meetingId: null,
      committeeId: null,
      matterId: r.matterId,
      stepId: r.id,
    }));
}

/** A decision in a followed matter was called in (public once its minutes are, and not exempt). */
async function calledIn(store: Store, authorityId: string, since: string): Promise<AlertEvent[]> {
  const rows = await store.db
    .selectFrom("matter_step")
    .innerJoin("decision", "decision.id", "matter_step.decisionId")
    .innerJoin("meeting", "meeting.id", "matter_step.meetingId")
    .select(["matter_step.id", "matter_step.matterId", "decision.id as decisionId", "decision.calledInAt"])
    .where("matter_step.authorityId", "=", authorityId)
    .where("decision.calledInAt", ">=", since)
    .where(minutesVisible(PUBLIC, "meeting"))
    .where(sql<boolean>`not exists (select 1 from agenda_item x where x.id = decision.agenda_item_id and x.exempt_paragraph is not null)`)
    .execute();
  return rows.map((r) => ({
    key: `call-in:${r.decisionId}:${r.matterId}`,
    kind: "matter" as const,
    at: r.calledInAt!,
    meetingId: null,
    committeeId: null,
    matterId: r.matterId,
    stepId: r.id,
  }));
}

/** Committees a person sits on (for "alerts about this councillor"). */
export async function committeesOfPerson(store: Store, authorityId: string, personId: string): Promise<Set<string>> {
  const rows = await store.db
    .selectFrom("membership")
    .select("committeeId")
    .where("authorityId", "=", authorityId)
    .where("personId", "=", personId)
    .execute();
  return new Set(rows.map((r) => r.committeeId));
}

/** Committees with a member for the ward (for "alerts about my ward"). */
export async function committeesOfWard(store: Store, authorityId: string, ward: string): Promise<Set<string>> {
  const rows = await store.db
    .selectFrom("membership")
    .innerJoin("person", "person.id", "membership.personId")
    .select("membership.committeeId")
    .where("membership.authorityId", "=", authorityId)
    .where("person.ward", "=", ward)
    .execute();
  return new Set(rows.map((r) => r.committeeId));
}

/** Wards members represent, for the sign-up form. */
export async function listWards(store: Store, authorityId: string): Promise<string[]> {
  const rows = await store.db
    .selectFrom("person")
    .select("ward")
    .distinct()
    .where("authorityId", "=", authorityId)
    .where("ward", "is not", null)
    .orderBy("ward")
    .execute();
  return rows.map((r) => r.ward!).filter(Boolean);
}
