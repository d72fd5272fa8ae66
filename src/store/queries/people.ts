import type { Attendance } from "../../domain/attendance.js";
import type { Declaration } from "../../domain/declaration.js";
import type { Membership } from "../../domain/membership.js";
import type { Person } from "../../domain/person.js";
import type { RegisteredInterest } from "../../domain/interest.js";
import type { Viewer } from "../../domain/viewer.js";
import type { Store } from "../open.js";
import { decodeAll, decodeOne, type Page } from "./decode.js";
import type { CommitteeRef, MeetingRef } from "./meetings.js";
import { minutesVisible } from "./visibility.js";

export async function listPeople(store: Store, authorityId: string, limit = 500, offset = 0): Promise<Page<Person>> {
  const q = store.db.selectFrom("person").where("authorityId", "=", authorityId);
  const [rows, n] = await Promise.all([
    q.selectAll().orderBy("name").orderBy("id").limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items: decodeAll("person", rows), total: Number(n.n), limit, offset };
}

export async function findPerson(store: Store, authorityId: string, key: { slug?: string; id?: string }): Promise<Person | undefined> {
  let q = store.db.selectFrom("person").selectAll().where("authorityId", "=", authorityId);
  q = key.id ? q.where("id", "=", key.id) : q.where("slug", "=", key.slug ?? "");
  return decodeOne("person", await q.executeTakeFirst());
}

export interface PersonDetail {
  person: Person;
  memberships: Array<{ membership: Membership; committee: CommitteeRef }>;
  attendance: Array<{ attendance: Attendance; meeting: MeetingRef; committee: CommitteeRef }>;
  /** Per committee: meetings recorded, present (substitute counts as present), percentage. */
  attendanceSummary: Array<{ committee: CommitteeRef; expected: number; present: number; percent: number }>;
  declarations: Array<{ declaration: Declaration; meeting: MeetingRef; committee: CommitteeRef }>;
  /** Current register of interests; a sensitive one keeps its class, its details are withheld. */
  interests: RegisteredInterest[];
}

export const SENSITIVE_NOTICE = "Sensitive interest: details withheld under section 32 of the Localism Act 2011";

export async function personDetail(
  store: Store,
  authorityId: string,
  person: Person,
  viewer: Viewer,
  today: string,
): Promise<PersonDetail> {
  const db = store.db;
  const [mRows, aRows, dRows, iRows] = await Promise.all([
    db
      .selectFrom("membership")
      .innerJoin("committee", "committee.id", "membership.committeeId")
      .selectAll("membership")
      .select(["committee.slug as cSlug", "committee.name as cName"])
      .where("membership.personId", "=", person.id)
      .orderBy("membership.fromDate", "desc")
      .execute(),
    db
      .selectFrom("attendance")
      .innerJoin("meeting", "meeting.id", "attendance.meetingId")
      .innerJoin("committee", "committee.id", "meeting.committeeId")
      .selectAll("attendance")
      .select([
        "meeting.committeeId as mCommittee",
        "meeting.localDate as mDate",
        "meeting.localTime as mTime",
        "meeting.startsAt as mStarts",
        "committee.slug as cSlug",
        "committee.name as cName",
      ])
      .where("attendance.personId", "=", person.id)
      .where(minutesVisible(viewer, "meeting"))
      .orderBy("meeting.startsAt", "desc")
      .execute(),
    db
      .selectFrom("declaration")
      .innerJoin("meeting", "meeting.id", "declaration.meetingId")
      .innerJoin("committee", "committee.id", "meeting.committeeId")
      .selectAll("declaration")
      .select([
        "meeting.committeeId as mCommittee",
        "meeting.localDate as mDate",
        "meeting.localTime as mTime",
        "meeting.startsAt as mStarts",
        "committee.slug as cSlug",
        "committee.name as cName",
      ])
      .where("declaration.personId", "=", person.id)
      .where(minutesVisible(viewer, "meeting"))
      .orderBy("meeting.startsAt", "desc")
      .execute(),
    db
      .selectFrom("registered_interest")
      .selectAll()
      .where("personId", "=", person.id)
      .where("authorityId", "=", authorityId)
      .where((eb) => eb.or([eb("endedOn", "is", null), eb("endedOn", ">=", today)]))
      .orderBy("interestClass")
      .orderBy("registeredOn")
      .orderBy("id")
      .execute(),
  ]);
  const officer = viewer.kind === "clerk" || viewer.kind === "admin";
  const interests = decodeAll("registered_interest", iRows).map((i) =>
    i.sensitive && !officer ? { ...i, description: SENSITIVE_NOTICE, note: null } : i,
  );
  const ref = (r: { mCommittee: string; mDate: string; mTime: string | null; mStarts: string; meetingId: string }): MeetingRef => ({
    id: r.meetingId,
    committeeId: r.mCommittee,
    localDate: r.mDate,
    localTime: r.mTime,
    startsAt: r.mStarts,
  });
  const cref = (r: { cSlug: string; cName: string; mCommittee: string }): CommitteeRef => ({
    id: r.mCommittee,
    slug: r.cSlug,
    name: r.cName,
  });
  const atts = decodeAll("attendance", aRows);
  const attendance = atts.map((a, i) => ({ attendance: a, meeting: ref(aRows[i]), committee: cref(aRows[i]) }));
  const summary = new Map<string, { committee: CommitteeRef; expected: number; present: number; percent: number }>();
  for (const a of attendance) {
    if (a.attendance.capacity !== "member") continue;
    const s = summary.get(a.committee.id) ?? { committee: a.committee, expected: 0, present: 0, percent: 0 };
    s.expected += 1;
    if (a.attendance.status === "present" || a.attendance.status === "substitute") s.present += 1;
    s.percent = Math.round((100 * s.present) / s.expected);
    summary.set(a.committee.id, s);
  }
  const decls = decodeAll("declaration", dRows);
  return {
    person,
    memberships: decodeAll("membership", mRows).map((m, i) => ({
      membership: m,
      committee: { id: m.committeeId, slug: mRows[i].cSlug, name: mRows[i].cName },
    })),
    attendance,
    attendanceSummary: [...summary.values()].sort((a, b) => a.committee.name.localeCompare(b.committee.name)),
    declarations: decls.map((d, i) => ({ declaration: d, meeting: ref(dRows[i]), committee: cref(dRows[i]) })),
    interests,
  };
}
