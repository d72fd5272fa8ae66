import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context.js";
import { MootError } from "../../domain/errors.js";
import { Id } from "../../domain/common.js";
import { Vote, VotePositionKind } from "../../domain/vote.js";
import { Minute } from "../../domain/minute.js";
import { listVotes, type VoteEntry } from "../../store/queries/votes.js";
import { meetingDetail } from "../../store/queries/meetings.js";
import { CommitteeRef, ErrorOut, IdParam, PageQuery, paged } from "./schemas.js";
import { pageOut } from "./shape.js";

/**
 * Votes as JSON, and as Open Civic Data VoteEvents (Popolo's vote model: a motion, its result,
 * counts per option and each named voter's option), so tools that read OCD/Popolo read Moot.
 */

const json = <S extends z.ZodType>(schema: S, description: string) => ({ content: { "application/json": { schema } }, description });
const notFound = { 404: json(ErrorOut, "No such record") };
const badInput = { 400: json(ErrorOut, "A query parameter is invalid") };

export const VoteOut = z
  .object(Vote.shape)
  .extend({
    meeting: z.object({ id: Id, localDate: z.string(), committee: CommitteeRef }),
    minute: z.object({ id: Id, number: Minute.shape.number, title: Minute.shape.title }).nullable(),
    positions: z.array(
      z.object({
        position: VotePositionKind,
        person: z.object({ id: Id, slug: z.string(), name: z.string() }),
        nameAsPrinted: z.string().nullable(),
      }),
    ),
  })
  .openapi("Vote");

const OPTION = { for: "yes", against: "no", abstain: "abstain", absent: "absent", "present-not-voting": "not voting" } as const;

export const OcdVoteEvent = z
  .object({
    _type: z.literal("vote"),
    id: z.string(),
    identifier: z.string(),
    motion_text: z.string(),
    motion_classification: z.array(z.string()),
    start_date: z.string(),
    result: z.enum(["pass", "fail"]),
    organization: z.object({ name: z.string(), id: z.string() }),
    event: z.object({ id: z.string(), url: z.string() }),
    counts: z.array(z.object({ option: z.string(), value: z.number().int() })),
    votes: z.array(z.object({ option: z.string(), voter_name: z.string(), voter_id: z.string(), note: z.string() })),
    sources: z.array(z.object({ note: z.string(), url: z.string() })),
    extras: z.object({ moot_id: Id, method: z.string(), result: z.string(), minute: z.string().nullable() }),
  })
  .openapi("OcdVoteEvent");

export function voteOut(e: VoteEntry) {
  return { ...e.vote, meeting: e.meeting, minute: e.minute, positions: e.positions };
}

export function toOcdVoteEvent(e: VoteEntry, origin: string): z.infer<typeof OcdVoteEvent> {
  const v = e.vote;
  return {
    _type: "vote",
    id: `ocd-vote/moot-${v.id}`,
    identifier: e.minute ? `${e.minute.number}/${v.position + 1}` : String(v.position + 1),
    motion_text: v.question,
    motion_classification: [/amendment/i.test(v.question) ? "amendment" : "motion"],
    start_date: e.meeting.localDate,
    result: v.result === "carried" || v.result === "tied-carried" ? "pass" : "fail",
    organization: { name: e.meeting.committee.name, id: `moot-committee/${e.meeting.committee.id}` },
    event: { id: `moot-meeting/${e.meeting.id}`, url: `${origin}/meetings/${e.meeting.id}` },
    counts: [
      { option: "yes", value: v.forCount },
      { option: "no", value: v.againstCount },
      { option: "abstain", value: v.abstainCount },
    ],
    votes: e.positions.map((p) => ({
      option: OPTION[p.position],
      voter_name: p.person.name,
      voter_id: `${origin}/people/${p.person.slug}`,
      note: p.nameAsPrinted ?? "",
    })),
    sources: [{ note: "Meeting page", url: `${origin}/meetings/${e.meeting.id}#vote-${v.id}` }],
    extras: { moot_id: v.id, method: v.method, result: v.result, minute: e.minute?.number ?? null },
  };
}

const VoteQuery = PageQuery.extend({
  meeting: Id.optional().openapi({ param: { name: "meeting", in: "query" } }),
  person: Id.optional().openapi({ param: { name: "person", in: "query" } }),
});

export function registerVoteRoutes(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/votes",
      tags: ["Votes"],
      summary: "Votes, newest first; filter by meeting or by a member who voted",
      request: { query: VoteQuery },
      responses: { 200: json(paged(VoteOut, "VotePage"), "Votes"), ...badInput },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const page = await listVotes(c.get("store"), c.get("authority").id, c.get("viewer"), {
        meetingId: q.meeting,
        personId: q.person,
        limit: q.limit,
        offset: q.offset,
      });
      return c.json(pageOut(page, c.req.url, voteOut), 200);
    },
  );
  const one = async (store: AppEnv["Variables"]["store"], authorityId: string, id: string, viewer: AppEnv["Variables"]["viewer"]) => {
    const [entry] = (await listVotes(store, authorityId, viewer, { voteId: id, limit: 1 })).items;
    if (!entry) throw new MootError("not_found", "no such vote");
    return entry;
  };
  api.openapi(
    createRoute({
      method: "get",
      path: "/votes/{id}",
      tags: ["Votes"],
      summary: "A vote with each named member's position",
      request: { params: IdParam },
      responses: { 200: json(VoteOut, "The vote"), ...notFound },
    }),
    async (c) => c.json(voteOut(await one(c.get("store"), c.get("authority").id, c.req.valid("param").id, c.get("viewer"))), 200),
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/votes/{id}/ocd",
      tags: ["Votes"],
      summary: "A vote as an Open Civic Data VoteEvent (Popolo)",
      request: { params: IdParam },
      responses: { 200: json(OcdVoteEvent, "Open Civic Data VoteEvent"), ...notFound },
    }),
    async (c) => {
      const e = await one(c.get("store"), c.get("authority").id, c.req.valid("param").id, c.get("viewer"));
      return c.json(toOcdVoteEvent(e, new URL(c.req.url).origin), 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/meetings/{id}/votes/ocd",
      tags: ["Votes"],
      summary: "A meeting's votes as Open Civic Data VoteEvents (Popolo)",
      request: { params: IdParam },
      responses: { 200: json(z.array(OcdVoteEvent), "Open Civic Data VoteEvents"), ...notFound },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      if (!(await meetingDetail(c.get("store"), c.get("authority").id, id, c.get("viewer"))))
        throw new MootError("not_found", "no such meeting");
      const page = await listVotes(c.get("store"), c.get("authority").id, c.get("viewer"), { meetingId: id, limit: 1000 });
      const origin = new URL(c.req.url).origin;
      return c.json(
        page.items.map((e) => toOcdVoteEvent(e, origin)),
        200,
      );
    },
  );
}
