import { Scope } from "../../src/store/records.js";
import type { Store } from "../../src/store/open.js";
import { recordVote } from "../../src/workflow/votes.js";
import type { WebFixture } from "./web-fixtures.js";

/** Words only in a vote under the item `markExempt` later makes exempt; never in a title. */
export const VOTE_SECRETS = {
  voteQuestion: "lemurtender",
  voteNote: "okapiclause",
} as const;

export interface VoteFixture {
  library: string;
  exempt: string;
}

/**
 * Two recorded votes at the web fixture's summer Cabinet: one under the public library minute,
 * one under the Old Depot minute (exempt once `markExempt` runs), entered as a clerk would.
 */
export async function addVotes(store: Store, f: WebFixture): Promise<VoteFixture> {
  const s = new Scope(store, f.authorityId, "clerk");
  const summer = await s.require("meeting", f.meetings.summer);
  // Votes are as public as their minutes; the fixture's summer minutes are published.
  if (!summer.agendaPublishedAt) await s.update("meeting", summer.id, { agendaPublishedAt: "2025-07-04T16:00:00Z" });
  const minutes = await s.list("minute", { meetingId: summer.id }, ["position"]);
  const library = minutes.find((m) => m.agendaItemId === f.items.library)!;
  const depot = minutes.find((m) => m.agendaItemId === f.items.exempt)!;
  // 1–1 is a tie: the chair's casting vote carried it.
  const a = await recordVote(s, library.id, {
    question: "the recommendation to approve the mobile library timetable",
    result: "tied-carried",
    forCount: 1,
    againstCount: 1,
    abstainCount: 1,
    positions: [
      { personId: f.people.chair.id, position: "for" },
      { personId: f.people.member.id, position: "against" },
      { personId: f.people.coopted.id, position: "abstain" },
    ],
  });
  const b = await recordVote(s, depot.id, {
    question: `the ${VOTE_SECRETS.voteQuestion} offer for the Old Depot`,
    result: "carried",
    forCount: 2,
    againstCount: 0,
    note: `Cllr Okafor asked that the ${VOTE_SECRETS.voteNote} be noted.`,
    positions: [
      { personId: f.people.chair.id, position: "for" },
      { personId: f.people.member.id, position: "for" },
    ],
  });
  return { library: a.vote.id, exempt: b.vote.id };
}
