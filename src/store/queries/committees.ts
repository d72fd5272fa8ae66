import type { Committee } from "../../domain/committee.js";
import type { Membership } from "../../domain/membership.js";
import type { Person } from "../../domain/person.js";
import type { WorkProgrammeItem } from "../../domain/work-programme.js";
import type { Viewer } from "../../domain/viewer.js";
import type { Store } from "../open.js";
import { listActions, type ActionEntry } from "./actions.js";
import { byId, decodeAll, decodeOne, type Page } from "./decode.js";
import { listMeetings, type MeetingSummary } from "./meetings.js";

export async function listCommittees(store: Store, authorityId: string, limit = 500, offset = 0): Promise<Page<Committee>> {
  const [items, n] = await Promise.all([
    committeeChoices(store, authorityId, limit, offset),
    store.db
      .selectFrom("committee")
      .where("authorityId", "=", authorityId)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(n.n), limit, offset };
}

/** An authority's committees by name (every one, for a filter's choices): no count, one query. */
export async function committeeChoices(store: Store, authorityId: string, limit = 500, offset = 0): Promise<Committee[]> {
  const rows = await store.db
    .selectFrom("committee")
    .selectAll()
    .where("authorityId", "=", authorityId)
    .orderBy("name")
    .orderBy("id")
    .limit(limit)
    .offset(offset)
    .execute();
  return decodeAll("committee", rows);
}

/** By slug (pages) or by id (API); both are stable across re-imports. */
export async function findCommittee(
  store: Store,
  authorityId: string,
  key: { slug?: string; id?: string },
): Promise<Committee | undefined> {
  let q = store.db.selectFrom("committee").selectAll().where("authorityId", "=", authorityId);
  q = key.id ? q.where("id", "=", key.id) : q.where("slug", "=", key.slug ?? "");
  return decodeOne("committee", await q.executeTakeFirst());
}

export interface MemberEntry {
  membership: Membership;
  person: Person;
  current: boolean;
}
export interface CommitteeDetail {
  committee: Committee;
  members: MemberEntry[];
  upcoming: MeetingSummary[];
  past: MeetingSummary[];
  workProgramme: Array<{ item: WorkProgrammeItem; meeting: MeetingSummary | null }>;
  openActions: ActionEntry[];
}

const ROLE_ORDER = { chair: 0, "vice-chair": 1, member: 2, substitute: 3 } as const;

export async function committeeDetail(
  store: Store,
  authorityId: string,
  committee: Committee,
  viewer: Viewer,
  today: string,
): Promise<CommitteeDetail> {
  const db = store.db;
  const [memberRows, upcoming, past, wpRows, openActions] = await Promise.all([
    db
      .selectFrom("membership")
      .innerJoin("person", "person.id", "membership.personId")
      .selectAll("membership")
      .select(["person.slug as pSlug"])
      .where("membership.committeeId", "=", committee.id)
      .execute(),
    listMeetings(store, authorityId, { committeeId: committee.id, from: today, limit: 20 }),
    listMeetings(store, authorityId, { committeeId: committee.id, to: prevDay(today), limit: 50, order: "desc" }),
    db.selectFrom("work_programme_item").selectAll().where("committeeId", "=", committee.id).orderBy("id").execute(),
    listActions(store, authorityId, viewer, { committeeId: committee.id, open: true, today, limit: 100 }),
  ]);
  const memberships = decodeAll("membership", memberRows);
  const people = byId(
    memberships.length
      ? decodeAll(
          "person",
          await db
            .selectFrom("person")
            .selectAll()
            .where(
              "id",
              "in",
              memberships.map((m) => m.personId),
            )
            .execute(),
        )
      : [],
  );
  const members = memberships
    .map((m) => ({
      membership: m,
      person: people.get(m.personId)!,
      current: (!m.fromDate || m.fromDate <= today) && (!m.toDate || m.toDate >= today),
    }))
    .sort(
      (a, b) =>
        Number(b.current) - Number(a.current) ||
        ROLE_ORDER[a.membership.role] - ROLE_ORDER[b.membership.role] ||
        a.person.name.localeCompare(b.person.name),
    );
  const wp = decodeAll("work_programme_item", wpRows);
  const wpMeetingIds = new Set(wp.map((w) => w.meetingId).filter((x): x is string => !!x));
  const meetings = new Map([...upcoming.items, ...past.items].map((m) => [m.id, m]));
  const missing = [...wpMeetingIds].filter((id) => !meetings.has(id));
  if (missing.length) {
    const extra = decodeAll("meeting", await db.selectFrom("meeting").selectAll().where("id", "in", missing).execute());
    for (const m of extra) meetings.set(m.id, { ...m, committee: { id: committee.id, slug: committee.slug, name: committee.name } });
  }
  const workProgramme = wp
    .map((item) => ({ item, meeting: item.meetingId ? (meetings.get(item.meetingId) ?? null) : null }))
    .sort(
      (a, b) => (a.meeting?.startsAt ?? "9999").localeCompare(b.meeting?.startsAt ?? "9999") || a.item.topic.localeCompare(b.item.topic),
    );
  return { committee, members, upcoming: upcoming.items, past: past.items, workProgramme, openActions: openActions.items };
}

function prevDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export interface CommitteeSummary {
  committee: Committee;
  /** The current chair (today inside the membership's dates). */
  chair: Person | null;
  next: Pick<MeetingSummary, "id" | "localDate" | "localTime" | "status"> | null;
}

/** The committees list as residents read it: each with its chair and next meeting. */
export async function committeeSummaries(store: Store, authorityId: string, today: string): Promise<CommitteeSummary[]> {
  const committees = await committeeChoices(store, authorityId);
  const [chairs, nexts] = await Promise.all([
    store.db
      .selectFrom("membership")
      .innerJoin("person", "person.id", "membership.personId")
      .selectAll("person")
      .select("membership.committeeId as mCommittee")
      .where("membership.authorityId", "=", authorityId)
      .where("membership.role", "=", "chair")
      .where((eb) => eb.or([eb("membership.fromDate", "is", null), eb("membership.fromDate", "<=", today)]))
      .where((eb) => eb.or([eb("membership.toDate", "is", null), eb("membership.toDate", ">=", today)]))
      .execute(),
    store.db
      .selectFrom("meeting")
      .select(["id", "committeeId", "localDate", "localTime", "status"])
      .where("authorityId", "=", authorityId)
      .where("localDate", ">=", today)
      .where("status", "!=", "cancelled")
      .orderBy("localDate")
      .orderBy("localTime")
      .execute(),
  ]);
  return committees.map((committee) => {
    const chairRow = chairs.find((r) => r.mCommittee === committee.id);
    const next = nexts.find((m) => m.committeeId === committee.id);
    return {
      committee,
      chair: chairRow ? (decodeOne("person", chairRow) ?? null) : null,
      next: next ? { id: next.id, localDate: next.localDate, localTime: next.localTime, status: next.status } : null,
    };
  });
}
