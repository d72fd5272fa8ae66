import { sql, type RawBuilder, type SqlBool } from "kysely";
import type { Vote, VotePositionKind } from "../../domain/vote.js";
import { exemptVisibleFor, type Viewer } from "../../domain/viewer.js";
import type { Store } from "../open.js";
import { decodeAll, type Page } from "./decode.js";
import type { CommitteeRef } from "./meetings.js";

/**
 * Votes as the public (or a signed-in viewer) may read them. A vote under an exempt item is
 * left out for viewers who may not see that committee's exempt business, and a vote is only
 * as public as its meeting's minutes (see `votesVisible`). Every read below applies it.
 */

export interface VotePersonRef {
  id: string;
  slug: string;
  name: string;
}
export interface VoteEntry {
  vote: Vote;
  meeting: { id: string; localDate: string; committee: CommitteeRef };
  minute: { id: string; number: string; title: string } | null;
  positions: Array<{ position: VotePositionKind; person: VotePersonRef; nameAsPrinted: string | null }>;
}

/**
 * SQL: the vote under `vote` (with its `meeting` joined) may be shown to this viewer: not under
 * an exempt item unless the viewer may see that committee's exempt business, and its minutes
 * published (`minutes_published_at`).
 */
export function votesVisible(viewer: Viewer): RawBuilder<SqlBool> {
  const allowed = exemptVisibleFor(viewer);
  if (allowed === "all") return sql<SqlBool>`1 = 1`;
  const open = sql<SqlBool>`not exists (select 1 from agenda_item vx
    left join minute vmi on vmi.id = vote.minute_id
    where vx.id in (vote.agenda_item_id, vmi.agenda_item_id) and vx.exempt_paragraph is not null)`;
  const published = minutesPublished("meeting");
  if (allowed.length === 0) return sql<SqlBool>`(${open} and ${published})`;
  return sql<SqlBool>`((${open} and ${published}) or meeting.committee_id in (${sql.join(allowed)}))`;
}

/** Votes are part of the minutes: public once the meeting's minutes are published (visibility.ts). */
function minutesPublished(alias: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.raw(alias)}.minutes_published_at is not null`;
}

interface VoteFilter {
  meetingId?: string;
  personId?: string;
  voteId?: string;
  limit?: number;
  offset?: number;
}

/** Votes newest first (in minute order within a meeting), each with its positions. */
export async function listVotes(store: Store, authorityId: string, viewer: Viewer, f: VoteFilter = {}): Promise<Page<VoteEntry>> {
  const limit = f.limit ?? 50;
  const offset = f.offset ?? 0;
  let q = store.db
    .selectFrom("vote")
    .innerJoin("meeting", "meeting.id", "vote.meetingId")
    .innerJoin("committee", "committee.id", "meeting.committeeId")
    .leftJoin("minute", "minute.id", "vote.minuteId")
    .where("vote.authorityId", "=", authorityId)
    .where(votesVisible(viewer));
  if (f.meetingId) q = q.where("vote.meetingId", "=", f.meetingId);
  if (f.voteId) q = q.where("vote.id", "=", f.voteId);
  if (f.personId) {
    const personId = f.personId;
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom("vote_position as vp").select("vp.id").whereRef("vp.voteId", "=", "vote.id").where("vp.personId", "=", personId),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    q
      .selectAll("vote")
      .select([
        "meeting.localDate as mDate",
        "committee.id as cId",
        "committee.slug as cSlug",
        "committee.name as cName",
        "minute.number as miNumber",
        "minute.title as miTitle",
      ])
      .orderBy("meeting.startsAt", f.meetingId ? "asc" : "desc")
      .orderBy("minute.position")
      .orderBy("vote.position")
      .orderBy("vote.id")
      .limit(limit)
      .offset(offset)
      .execute(),
    q.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  const votes = decodeAll("vote", rows);
  const positions = votes.length
    ? await store.db
        .selectFrom("vote_position")
        .innerJoin("person", "person.id", "vote_position.personId")
        .select([
          "vote_position.voteId",
          "vote_position.position",
          "vote_position.nameAsPrinted",
          "person.id as pId",
          "person.slug as pSlug",
          "person.name as pName",
        ])
        .where(
          "vote_position.voteId",
          "in",
          votes.map((v) => v.id),
        )
        .orderBy("person.name")
        .orderBy("vote_position.id")
        .execute()
    : [];
  const items = votes.map((vote, k) => {
    const r = rows[k]!;
    return {
      vote,
      meeting: { id: vote.meetingId, localDate: r.mDate, committee: { id: r.cId, slug: r.cSlug, name: r.cName } },
      minute: vote.minuteId && r.miNumber ? { id: vote.minuteId, number: r.miNumber, title: r.miTitle ?? "" } : null,
      positions: positions
        .filter((p) => p.voteId === vote.id)
        .map((p) => ({
          position: p.position as VotePositionKind,
          person: { id: p.pId, slug: p.pSlug, name: p.pName },
          nameAsPrinted: p.nameAsPrinted,
        })),
    };
  });
  return { items, total: Number(count.n), limit, offset };
}

/** The divisions of one meeting, in minute order. */
export async function votesForMeeting(store: Store, authorityId: string, meetingId: string, viewer: Viewer): Promise<VoteEntry[]> {
  return (await listVotes(store, authorityId, viewer, { meetingId, limit: 1000 })).items;
}

export interface VotingRecordEntry {
  entry: VoteEntry;
  position: VotePositionKind;
}

/** How one member voted, newest first. */
export async function votingRecord(
  store: Store,
  authorityId: string,
  personId: string,
  viewer: Viewer,
  limit = 200,
): Promise<VotingRecordEntry[]> {
  const page = await listVotes(store, authorityId, viewer, { personId, limit });
  return page.items.map((entry) => ({ entry, position: entry.positions.find((p) => p.person.id === personId)!.position }));
}
