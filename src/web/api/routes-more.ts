import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context.js";
import { MootError } from "../../domain/errors.js";
import { Id } from "../../domain/common.js";
import { documentDetail, recentDocuments } from "../../store/queries/documents.js";
import { listDecisions } from "../../store/queries/decisions.js";
import { listActions } from "../../store/queries/actions.js";
import { SearchKind, snippetParts } from "../../store/search.js";
import { search } from "../../store/search.js";
import {
  ActionOut,
  ActionStatus,
  DateRange,
  DecisionEntryOut,
  DocumentDetailOut,
  DocumentOut,
  ErrorOut,
  IdParam,
  PageQuery,
  SearchHitOut,
  paged,
} from "./schemas.js";
import { pageOut } from "./shape.js";
import { hitHref } from "../pages/search.js";
import { SEARCH_CACHE_CONTROL } from "../http/page-cache.js";
import { abandonedSignal } from "../http/abandoned.js";

const json = <S extends z.ZodType>(schema: S, description: string) => ({ content: { "application/json": { schema } }, description });
const notFound = { 404: json(ErrorOut, "No such record") };
const badInput = { 400: json(ErrorOut, "A query parameter is invalid") };
const flag = z.enum(["true", "false"]).transform((v) => v === "true");

export function registerMoreRoutes(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/documents",
      tags: ["Documents"],
      summary: "Published papers, newest first (withheld papers are not listed)",
      request: { query: PageQuery },
      responses: { 200: json(paged(DocumentOut, "DocumentPage_"), "Papers"), ...badInput },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const a = c.get("authority");
      // The total is not counted for papers: the listing is a feed-like window.
      const rows = await recentDocuments(c.get("store"), a.id, c.get("viewer"), q.limit + 1, q.offset);
      const page = { items: rows.slice(0, q.limit), total: q.offset + rows.length, limit: q.limit, offset: q.offset };
      return c.json(
        pageOut(page, c.req.url, (p) => ({ ...p.document, withheld: null })),
        200,
      );
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/documents/{id}",
      tags: ["Documents"],
      summary: "A paper with its text page by page (no text when withheld)",
      request: { params: IdParam },
      responses: { 200: json(DocumentDetailOut, "The paper"), ...notFound },
    }),
    async (c) => {
      const d = await documentDetail(c.get("store"), c.get("authority").id, c.req.valid("param").id, c.get("viewer"));
      if (!d) throw new MootError("not_found", "no such document");
      const meeting = d.meeting
        ? {
            id: d.meeting.id,
            committeeId: d.meeting.committeeId,
            localDate: d.meeting.localDate,
            localTime: d.meeting.localTime,
            startsAt: d.meeting.startsAt,
          }
        : null;
      return c.json(
        {
          ...d.document,
          withheld: d.withheld,
          meeting,
          pages: d.pages.map((p) => ({ pageNumber: p.pageNumber, printedNumber: p.printedNumber, text: p.text })),
          withheldPages: d.withheldPages,
        },
        200,
      );
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/decisions",
      tags: ["Decisions"],
      summary: "Decisions, newest first",
      request: { query: PageQuery.extend(DateRange.shape).extend({ committeeId: Id.optional() }) },
      responses: { 200: json(paged(DecisionEntryOut, "DecisionPage"), "Decisions"), ...badInput },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const page = await listDecisions(c.get("store"), c.get("authority").id, c.get("viewer"), q);
      return c.json(
        pageOut(page, c.req.url, (d) => ({ ...d.decision, withheld: d.withheld, committee: d.committee, item: d.item })),
        200,
      );
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/actions",
      tags: ["Actions"],
      summary: "The action tracker, soonest due first",
      request: {
        query: PageQuery.extend({
          committeeId: Id.optional(),
          status: ActionStatus.optional(),
          owner: z.string().max(200).optional(),
          overdue: flag.optional(),
        }),
      },
      responses: { 200: json(paged(ActionOut, "ActionPage"), "Actions with their history"), ...badInput },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const page = await listActions(c.get("store"), c.get("authority").id, c.get("viewer"), { ...q, today: c.get("today") });
      return c.json(
        pageOut(page, c.req.url, (e) => ({
          ...e.action,
          overdue: e.overdue,
          withheld: e.withheld,
          committee: e.committee,
          history: e.history,
        })),
        200,
      );
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/search",
      tags: ["Search"],
      summary: "Full-text search over papers, agenda items, minutes and decisions",
      request: {
        query: PageQuery.extend(DateRange.shape).extend({
          q: z.string().min(1).max(500).openapi({ example: "library" }),
          committeeId: Id.optional(),
          kind: SearchKind.optional(),
        }),
      },
      responses: {
        200: json(
          z
            .object({ items: z.array(SearchHitOut), limit: z.number().int(), offset: z.number().int(), next: z.string().nullable() })
            .openapi("SearchResults"),
          "Hits, best first",
        ),
        ...badInput,
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const limit = Math.min(q.limit, 100);
      const hits = await search(
        c.get("store"),
        c.get("authority").id,
        q.q,
        {
          committeeIds: q.committeeId ? [q.committeeId] : undefined,
          kinds: q.kind ? [q.kind] : undefined,
          from: q.from,
          to: q.to,
          limit: Math.min(100, limit + 1),
          offset: q.offset,
        },
        c.get("viewer"),
        { signal: abandonedSignal(c) },
      );
      // Not kept in the shared page cache: any text is a new address (see pages/search.tsx).
      c.header("Cache-Control", SEARCH_CACHE_CONTROL);
      const page = { items: hits.slice(0, limit), total: q.offset + hits.length, limit, offset: q.offset };
      const { total: _t, ...out } = pageOut(page, c.req.url, (h) => ({
        kind: h.kind,
        recordId: h.recordId,
        meetingId: h.meetingId,
        documentId: h.documentId,
        agendaItemId: h.agendaItemId,
        pageNumber: h.pageNumber,
        title: h.title,
        meetingDate: h.meetingDate,
        committeeId: h.committeeId,
        committeeName: h.committeeName,
        snippet: snippetParts(h.snippet),
        url: hitHref(h),
      }));
      return c.json(out, 200);
    },
  );
}
