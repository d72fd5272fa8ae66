import { slugify } from "../../domain/slug.js";
import type { VotePositionKind } from "../../domain/vote.js";
import type { PublicRecords } from "./public-records.js";

type Json = Record<string, unknown>;

const OPTION: Record<VotePositionKind, string> = {
  for: "yes",
  against: "no",
  abstain: "abstain",
  absent: "absent",
  "present-not-voting": "not voting",
};
const passed = (result: string) => (result === "carried" || result === "tied-carried" ? "pass" : "fail");

/** Each vote the public may see is a motion (what was put) and a vote event (counts, and names when recorded). */
export function voteMotions(r: PublicRecords): Json[] {
  return r.votes.map((v) => ({
    id: `motion/vote/${v.vote.id}`,
    organization_id: `organization/${v.meeting.committee.id}`,
    text: v.vote.question,
    date: v.meeting.localDate,
    classification: "vote",
    result: passed(v.vote.result),
    ...(v.minute ? { subject: `${v.minute.number} ${v.minute.title}` } : {}),
  }));
}

export function voteEvents(r: PublicRecords): Json[] {
  return r.votes.map((v) => ({
    id: `vote-event/${v.vote.id}`,
    motion_id: `motion/vote/${v.vote.id}`,
    organization_id: `organization/${v.meeting.committee.id}`,
    start_date: v.meeting.localDate,
    result: passed(v.vote.result),
    counts: [
      { option: "yes", value: v.vote.forCount },
      { option: "no", value: v.vote.againstCount },
      { option: "abstain", value: v.vote.abstainCount },
    ],
    votes: v.positions.map((p) => ({ voter_id: `person/${p.person.id}`, option: OPTION[p.position] })),
  }));
}

/**
 * The authority as Popolo (popoloproject.com): people, organizations (the council, its
 * committees and the parties its members stand for), posts (one per ward), memberships (ward
 * seats and committee places), motions (the published decisions and what was put to each
 * vote) and vote events. Built from the public snapshot, so nothing withheld appears here.
 */
export function popolo(r: PublicRecords, base: string): Json {
  const councilId = `organization/${r.authority.slug}`;
  const partyId = (party: string) => `party/${slugify(party)}`;
  const wardId = (ward: string) => `post/${slugify(ward)}`;
  const parties = [...new Set(r.people.map((p) => p.party).filter((p): p is string => !!p))].sort();
  const wards = [...new Set(r.people.filter((p) => p.kind === "councillor" && p.ward).map((p) => p.ward!))].sort();
  const committeeName = new Map(r.committees.map((c) => [c.id, c.name]));
  const organizations: Json[] = [
    {
      id: councilId,
      name: r.authority.name,
      classification: "council",
      ...(r.authority.website ? { links: [{ url: r.authority.website }] } : {}),
    },
    ...r.committees.map((c) => ({
      id: `organization/${c.id}`,
      name: c.name,
      classification: c.kind,
      parent_id: c.parentId ? `organization/${c.parentId}` : councilId,
      ...(c.activeFrom ? { founding_date: c.activeFrom } : {}),
      ...(c.activeTo ? { dissolution_date: c.activeTo } : {}),
      links: [{ url: `${base}/committees/${c.slug}`, note: "Moot page" }],
    })),
    ...parties.map((p) => ({ id: partyId(p), name: p, classification: "party" })),
  ];
  const persons = r.people.map((p) => ({
    id: `person/${p.id}`,
    name: p.name,
    ...(p.honorific ? { honorific_prefix: p.honorific } : {}),
    ...(p.email ? { email: p.email } : {}),
    links: [{ url: `${base}/people/${p.slug}`, note: "Moot page" }],
  }));
  const posts = wards.map((w) => ({
    id: wardId(w),
    label: `Councillor for ${w}`,
    role: "Councillor",
    organization_id: councilId,
    area: { name: w },
  }));
  const memberships: Json[] = [
    ...r.people
      .filter((p) => p.kind === "councillor" && p.ward)
      .map((p) => ({
        id: `membership/ward/${p.id}`,
        person_id: `person/${p.id}`,
        organization_id: councilId,
        post_id: wardId(p.ward!),
        role: "Councillor",
        ...(p.party ? { on_behalf_of_id: partyId(p.party) } : {}),
      })),
    ...r.people
      .filter((p) => p.party)
      .map((p) => ({ id: `membership/party/${p.id}`, person_id: `person/${p.id}`, organization_id: partyId(p.party!), role: "Member" })),
    ...r.memberships.map((m) => ({
      id: `membership/${m.id}`,
      person_id: `person/${m.personId}`,
      organization_id: `organization/${m.committeeId}`,
      role: m.kind === "co-opted" ? `co-opted ${m.role}` : m.role,
      ...(m.fromDate ? { start_date: m.fromDate } : {}),
      ...(m.toDate ? { end_date: m.toDate } : {}),
    })),
  ];
  const motions = r.meetings.flatMap((d) =>
    d.decisions
      .filter((x) => !x.withheld)
      .map((x) => ({
        id: `motion/${x.decision.id}`,
        organization_id: `organization/${d.meeting.committeeId}`,
        text: x.decision.text,
        date: x.decision.decidedOn,
        classification: x.decision.kind,
        result: x.decision.kind === "recommended" ? "recommended" : "pass",
        ...(x.item ? { subject: x.item.title } : {}),
        sources: [{ url: `${base}/meetings/${d.meeting.id}#decision-${x.decision.id}`, note: committeeName.get(d.meeting.committeeId) }],
      })),
  );
  return { persons, organizations, posts, memberships, motions: [...motions, ...voteMotions(r)], vote_events: voteEvents(r) };
}
