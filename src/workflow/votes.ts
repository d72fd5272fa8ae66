import { z } from "zod";
import { MootError, invalid } from "../domain/errors.js";
import { Vote, VoteMethod, VotePositionKind, type VotePosition } from "../domain/vote.js";
import type { Scope } from "../store/records.js";

/** What the clerk enters under a minute: the question, the result, counts and, for a recorded vote, who voted how. */
export const VoteForm = z
  .object(Vote.shape)
  .pick({ question: true, result: true, method: true, forCount: true, againstCount: true, abstainCount: true, note: true })
  .partial({ method: true, abstainCount: true, note: true })
  .extend({
    // No default here: a vote naming members is a recorded vote unless the clerk says otherwise.
    method: VoteMethod.optional(),
    positions: z.array(z.object({ personId: z.string().min(1), position: VotePositionKind })).default([]),
  });
export type VoteForm = z.input<typeof VoteForm>;

const COUNTED = { for: "forCount", against: "againstCount", abstain: "abstainCount" } as const;

/**
 * Records a vote under a draft minute. A recorded vote names every member's position and its
 * counts must agree with the names; a show of hands has counts only. Approved minutes are
 * locked, so their votes are too.
 */
export async function recordVote(scope: Scope, minuteId: string, form: VoteForm): Promise<{ vote: Vote; positions: VotePosition[] }> {
  const parsed = VoteForm.safeParse(form);
  if (!parsed.success) throw invalid(parsed.error, "invalid vote");
  const f = parsed.data;
  const method = f.method ?? (f.positions.length ? "recorded" : "show-of-hands");
  if (method === "show-of-hands" && f.positions.length)
    throw new MootError("invalid", "positions: a show of hands records counts only; choose a recorded vote to name members");
  if (method === "recorded") {
    if (!f.positions.length) throw new MootError("invalid", "positions: a recorded vote names how each member voted");
    const seen = new Set<string>();
    for (const p of f.positions) {
      if (seen.has(p.personId)) throw new MootError("invalid", `positions: person ${p.personId} is listed twice`);
      seen.add(p.personId);
    }
    for (const [kind, field] of Object.entries(COUNTED)) {
      const named = f.positions.filter((p) => p.position === kind).length;
      const counted = field === "abstainCount" ? (f.abstainCount ?? 0) : f[field];
      if (named !== counted) throw new MootError("invalid", `${field}: ${counted} counted but ${named} named as voting ${kind}`);
    }
  }
  return scope.transaction(async (s) => {
    const minute = await s.require("minute", minuteId);
    if (minute.status === "approved")
      throw new MootError("locked", `minute ${minute.number} is approved and locked; record a correction as a new version`);
    for (const p of f.positions) await s.require("person", p.personId);
    const position = (await s.list("vote", { minuteId })).length;
    const vote = await s.create("vote", {
      meetingId: minute.meetingId,
      minuteId,
      agendaItemId: minute.agendaItemId,
      position,
      question: f.question,
      result: f.result,
      method,
      forCount: f.forCount,
      againstCount: f.againstCount,
      abstainCount: f.abstainCount ?? 0,
      note: f.note ?? null,
    });
    const positions: VotePosition[] = [];
    for (const p of f.positions)
      positions.push(await s.create("vote_position", { voteId: vote.id, personId: p.personId, position: p.position }));
    return { vote, positions };
  });
}

/** Removes a vote entered in error, while its minute is still a draft. */
export async function removeVote(scope: Scope, voteId: string): Promise<void> {
  await scope.transaction(async (s) => {
    const vote = await s.require("vote", voteId);
    const minute = vote.minuteId ? await s.get("minute", vote.minuteId) : undefined;
    if (minute?.status === "approved") throw new MootError("locked", `minute ${minute.number} is approved and locked`);
    await s.delete("vote", voteId);
  });
}

export const VoteEdit = z
  .object(Vote.shape)
  .pick({ question: true, result: true, forCount: true, againstCount: true, abstainCount: true, note: true })
  .partial();
export type VoteEdit = z.input<typeof VoteEdit>;

/**
 * Corrects a vote under a draft minute: its question, result and note; the counts of a show of
 * hands. A recorded vote's counts come from its named positions, so they are not typed here.
 */
export async function editVote(scope: Scope, voteId: string, edit: VoteEdit): Promise<Vote> {
  const parsed = VoteEdit.safeParse(edit);
  if (!parsed.success) throw invalid(parsed.error, "invalid vote");
  return scope.transaction(async (s) => {
    const vote = await s.require("vote", voteId);
    const minute = vote.minuteId ? await s.get("minute", vote.minuteId) : undefined;
    if (minute?.status === "approved") throw new MootError("locked", `minute ${minute.number} is approved and locked`);
    const given = Object.fromEntries(Object.entries(edit).filter(([, v]) => v !== undefined));
    const changes = Object.fromEntries(Object.entries(parsed.data).filter(([k]) => k in given));
    if (vote.method === "recorded") {
      for (const k of ["forCount", "againstCount", "abstainCount"] as const)
        if (k in changes && changes[k] !== vote[k])
          throw new MootError(
            "invalid",
            `${k}: a recorded vote is counted from its named members; remove it and record it again to change who voted how`,
          );
    }
    return s.update("vote", voteId, changes);
  });
}
