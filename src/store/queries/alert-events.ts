import type { Store } from "../open.js";

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
  const events: AlertEvent[] = [
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
