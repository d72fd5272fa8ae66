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

/** An address only ever held in the subscriptions table: no route may show it. */
export const SUBSCRIBER_SECRET = "wallabysubscriber@example.org";

/** A confirmed and a pending subscriber to the fixture's Cabinet, stored as the sign-up would. */
export async function addSubscribers(store: Store, f: WebFixture): Promise<void> {
  const { createSubscription } = await import("../../src/store/subscriptions.js");
  for (const [status, n] of [
    ["confirmed", 1],
    ["pending", 2],
  ] as const) {
    await createSubscription(store, {
      authorityId: f.authorityId,
      email: SUBSCRIBER_SECRET.replace("@", `${n}@`),
      target: "committee",
      targetKey: f.committees.cabinet.id,
      label: "Cabinet",
      frequency: "immediate",
      status,
      confirmTokenHash: "0".repeat(63) + n,
      unsubscribeToken: `fixture-unsubscribe-token-${n}-${"x".repeat(20)}`,
      createdAt: "2025-09-01T09:00:00Z",
      confirmationSentAt: "2025-09-01T09:00:00Z",
      confirmedAt: status === "confirmed" ? "2025-09-01T10:00:00Z" : null,
      unsubscribedAt: null,
      since: "2025-09-01T10:00:00Z",
      lastDigestOn: null,
    });
  }
}
