import type { Authority } from "../../domain/authority.js";
import type { Committee } from "../../domain/committee.js";
import type { Membership } from "../../domain/membership.js";
import type { Person } from "../../domain/person.js";
import { PUBLIC } from "../../domain/viewer.js";
import type { Store } from "../../store/open.js";
import { listCommittees } from "../../store/queries/committees.js";
import { allMemberships } from "../../store/queries/interop-members.js";
import { listMeetings, meetingDetail, type MeetingDetail } from "../../store/queries/meetings.js";
import { listPeople } from "../../store/queries/people.js";
import { dataVersion } from "../../store/queries/site.js";
import { listVotes, type VoteEntry } from "../../store/queries/votes.js";
import { publicMatterLinks, type MatterLink } from "../../store/queries/matters.js";
import { londonToday } from "../../domain/time.js";

/**
 * Everything an authority publishes, as the public sees it, read through the store's public
 * read functions (viewer rights and publication rules applied there). OParl, Popolo and the
 * bulk archive are all views of this one snapshot, so none of them can show more than the
 * site does. Built once per data version: every write changes the version (site.ts).
 */
export interface PublicRecords {
  authority: Authority;
  version: string;
  lastModified: string | null;
  committees: Committee[];
  people: Person[];
  memberships: Membership[];
  meetings: MeetingDetail[];
  /** Votes the public may see (published minutes, not under an exempt item). */
  votes: VoteEntry[];
  /** Public items and decisions in public matters (key decision or not). */
  matterLinks: MatterLink[];
  /** The London date the snapshot was built for: call-in states and forward-plan notices move with it. */
  today: string;
}

async function all<T>(page: (limit: number, offset: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += 500) {
    const p = await page(500, offset);
    out.push(...p.items);
    if (p.items.length === 0 || out.length >= p.total) return out;
  }
}

const caches = new WeakMap<Store, Map<string, Promise<PublicRecords>>>();

export async function publicRecords(store: Store, authority: Authority): Promise<PublicRecords> {
  const { token, lastModified } = await dataVersion(store, authority.id);
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new Map()));
  const today = londonToday();
  const key = `${authority.id}@${token}@${today}`;
  let hit = cache.get(key);
  if (!hit) {
    for (const k of cache.keys()) if (k.startsWith(`${authority.id}@`)) cache.delete(k);
    hit = build(store, authority, token, lastModified, today);
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
  }
  return hit;
}

async function build(
  store: Store,
  authority: Authority,
  version: string,
  lastModified: string | null,
  today: string,
): Promise<PublicRecords> {
  const a = authority.id;
  const [committees, people, memberships, meetings, votes, matterLinks] = await Promise.all([
    all((limit, offset) => listCommittees(store, a, limit, offset)),
    all((limit, offset) => listPeople(store, a, limit, offset)),
    allMemberships(store, a),
    all((limit, offset) => listMeetings(store, a, { limit, offset })),
    all((limit, offset) => listVotes(store, a, PUBLIC, { limit, offset })),
    publicMatterLinks(store, a, PUBLIC, today),
  ]);
  const details: MeetingDetail[] = [];
  for (const m of meetings) {
    const d = await meetingDetail(store, a, m.id, PUBLIC);
    if (d) details.push(d);
  }
  return { authority, version, lastModified, committees, people, memberships, meetings: details, votes, matterLinks, today };
}
