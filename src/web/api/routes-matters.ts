import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context.js";
import { MootError } from "../../domain/errors.js";
import { Id, IsoDate } from "../../domain/common.js";
import { callInState } from "../../domain/forward-plan.js";
import { Matter, MatterStep } from "../../domain/matter.js";
import type { Decision } from "../../domain/decision.js";
import { forwardPlan, listMatters, matterDetail, type MatterStepEntry } from "../../store/queries/matters.js";
import { CommitteeRef, DecisionOut, ErrorOut, IdParam, PageQuery, paged, WithheldOut } from "./schemas.js";
import { pageOut } from "./shape.js";

/**
 * Matters and the forward plan as JSON: the same reads as the public pages
 * (store/queries/matters.ts), so a step, decision or notice is as public here as there.
 */
const json = <S extends z.ZodType>(schema: S, description: string) => ({ content: { "application/json": { schema } }, description });

const CallInStateOut = z
  .enum(["open", "called-in", "ended"])
  .nullable()
  .openapi("CallInState", { description: "Where the decision stands in its call-in period today; null when not subject to call-in." });
const NoticeOut = z
  .object({ clearDays: z.number().int(), latest: IsoDate, sufficient: z.boolean() })
  .nullable()
  .openapi("ForwardPlanNotice", {
    description: "Clear days' notice given (neither the day of notice nor of decision counts); 28 are required.",
  });
const MatterOut = z.object(Matter.shape).openapi("Matter");
// A registered component loses its nullability when referenced, so the nullable one is built afresh.
const DecisionMakerOut = z.object(CommitteeRef.shape).nullable();
const StepOut = z
  .object(MatterStep.shape)
  .extend({
    meeting: z.object({ id: Id, localDate: z.string(), localTime: z.string().nullable(), committee: CommitteeRef }),
    item: z.object({ id: Id, number: z.string(), title: z.string(), withheld: WithheldOut }).nullable(),
    decision: DecisionOut.extend({ callInState: CallInStateOut }).nullable(),
    document: z.object({ id: Id, title: z.string(), kind: z.string() }).nullable(),
  })
  .openapi("MatterStep");
const MatterDetailOut = MatterOut.extend({ decisionMaker: DecisionMakerOut, notice: NoticeOut, history: z.array(StepOut) }).openapi(
  "MatterDetail",
);
const MatterSummaryOut = MatterOut.extend({
  decisionMaker: DecisionMakerOut,
  lastMeeting: z.object({ id: Id, localDate: z.string(), committee: CommitteeRef }).nullable(),
  steps: z.number().int(),
}).openapi("MatterSummary");
const ForwardPlanEntryOut = MatterOut.extend({ decisionMaker: DecisionMakerOut, notice: NoticeOut, published: z.boolean() }).openapi(
  "ForwardPlanEntry",
);

const MatterQuery = PageQuery.extend({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .openapi({ param: { name: "q", in: "query" }, description: "Words of the reference or title" }),
  keyDecision: z
    .enum(["true", "false"])
    .optional()
    .openapi({ param: { name: "keyDecision", in: "query" } }),
});

function decisionOut(d: { decision: Decision; withheld: z.infer<typeof WithheldOut> }, today: string) {
  return { ...d.decision, withheld: d.withheld, callInState: callInState(d.decision, today) };
}
function stepOut(s: MatterStepEntry, today: string) {
  return {
    ...s.step,
    meeting: s.meeting,
    item: s.item,
    decision: s.decision ? decisionOut(s.decision, today) : null,
    document: s.document,
  };
}

export function registerMatterRoutes(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/matters",
      tags: ["Matters"],
      summary: "Matters (issues and reports followed across meetings), by reference",
      request: { query: MatterQuery },
      responses: { 200: json(paged(MatterSummaryOut, "MatterPage"), "Matters"), 400: json(ErrorOut, "A query parameter is invalid") },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const page = await listMatters(c.get("store"), c.get("authority").id, c.get("viewer"), c.get("today"), {
        q: q.q,
        keyDecision: q.keyDecision === undefined ? undefined : q.keyDecision === "true",
        limit: q.limit,
        offset: q.offset,
      });
      return c.json(
        pageOut(page, c.req.url, (m) => ({ ...m.matter, decisionMaker: m.decisionMaker, lastMeeting: m.lastMeeting, steps: m.steps })),
        200,
      );
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/matters/{id}",
      tags: ["Matters"],
      summary: "A matter with its history: the meetings, items, reports and decisions it passed through",
      request: { params: IdParam },
      responses: { 200: json(MatterDetailOut, "The matter"), 404: json(ErrorOut, "No such matter") },
    }),
    async (c) => {
      const today = c.get("today");
      const d = await matterDetail(c.get("store"), c.get("authority").id, c.req.valid("param").id, c.get("viewer"), today);
      if (!d) throw new MootError("not_found", "no such matter");
      return c.json({ ...d.matter, decisionMaker: d.decisionMaker, notice: d.notice, history: d.steps.map((s) => stepOut(s, today)) }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/forward-plan",
      tags: ["Matters"],
      summary: "The forward plan: key decisions to come, with the notice given",
      responses: { 200: json(z.array(ForwardPlanEntryOut), "Key decisions, soonest first") },
    }),
    async (c) => {
      const plan = await forwardPlan(c.get("store"), c.get("authority").id, c.get("viewer"), c.get("today"));
      return c.json(
        plan.map((e) => ({ ...e.matter, decisionMaker: e.decisionMaker, notice: e.notice, published: e.published })),
        200,
      );
    },
  );
}
