import { originOf } from "../feeds/origin.js";
import { createRoute, type z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context.js";
import { MootError } from "../../domain/errors.js";
import { committeeDetail, findCommittee, listCommittees } from "../../store/queries/committees.js";
import { listMeetings, meetingDetail } from "../../store/queries/meetings.js";
import { findPerson, listPeople, personDetail } from "../../store/queries/people.js";
import {
  CommitteeDetailOut,
  CommitteeOut,
  DateRange,
  ErrorOut,
  IdParam,
  IdOrSlugParam,
  MeetingDetailOut,
  MeetingStatus,
  MeetingSummaryOut,
  PageQuery,
  PersonDetailOut,
  PersonOut,
  paged,
} from "./schemas.js";
import { meetingOut, pageOut, personRef } from "./shape.js";
import { OcdEvent, toOcdEvent } from "./ocd.js";
import { Id } from "../../domain/common.js";

const json = <S extends z.ZodType>(schema: S, description: string) => ({ content: { "application/json": { schema } }, description });
const notFound = { 404: json(ErrorOut, "No such record") };
const badInput = { 400: json(ErrorOut, "A query parameter is invalid") };

export function registerRecordRoutes(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: "get",
      path: "/committees",
      tags: ["Committees"],
      summary: "List committees",
      request: { query: PageQuery },
      responses: { 200: json(paged(CommitteeOut, "CommitteePage"), "Committees by name"), ...badInput },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const page = await listCommittees(c.get("store"), c.get("authority").id, q.limit, q.offset);
      return c.json(
        pageOut(page, c.req.url, (x) => x),
        200,
      );
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/committees/{id}",
      tags: ["Committees"],
      summary: "A committee, by id or slug, with members, future meetings and work programme",
      request: { params: IdOrSlugParam },
      responses: { 200: json(CommitteeDetailOut, "The committee"), ...notFound },
    }),
    async (c) => {
      const a = c.get("authority");
      const key = c.req.valid("param").id;
      const committee =
        (await findCommittee(c.get("store"), a.id, { id: key })) ?? (await findCommittee(c.get("store"), a.id, { slug: key }));
      if (!committee) throw new MootError("not_found", "no such committee");
      const d = await committeeDetail(c.get("store"), a.id, committee, c.get("viewer"), c.get("today"));
      return c.json(
        {
          ...committee,
          members: d.members.map((m) => ({ ...m.membership, person: personRef(m.person), current: m.current })),
          upcoming: d.upcoming,
          workProgramme: d.workProgramme.map((w) => w.item),
        },
        200,
      );
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/meetings",
      tags: ["Meetings"],
      summary: "List meetings in date order",
      request: { query: PageQuery.extend(DateRange.shape).extend({ committeeId: Id.optional(), status: MeetingStatus.optional() }) },
      responses: { 200: json(paged(MeetingSummaryOut, "MeetingPage"), "Meetings"), ...badInput },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const page = await listMeetings(c.get("store"), c.get("authority").id, q);
      return c.json(
        pageOut(page, c.req.url, (x) => x),
        200,
      );
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/meetings/{id}",
      tags: ["Meetings"],
      summary: "A meeting with its agenda, papers, attendance, declarations, decisions and minutes",
      request: { params: IdParam },
      responses: { 200: json(MeetingDetailOut, "The meeting"), ...notFound },
    }),
    async (c) => {
      const d = await meetingDetail(c.get("store"), c.get("authority").id, c.req.valid("param").id, c.get("viewer"));
      if (!d) throw new MootError("not_found", "no such meeting");
      return c.json(meetingOut(d), 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/meetings/{id}/ocd",
      tags: ["Meetings"],
      summary: "A meeting as an Open Civic Data Event",
      request: { params: IdParam },
      responses: { 200: json(OcdEvent, "Open Civic Data Event"), ...notFound },
    }),
    async (c) => {
      const d = await meetingDetail(c.get("store"), c.get("authority").id, c.req.valid("param").id, c.get("viewer"));
      if (!d) throw new MootError("not_found", "no such meeting");
      return c.json(toOcdEvent(d, originOf(c), c.get("authority").timezone, c.get("today")), 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/people",
      tags: ["People"],
      summary: "List people",
      request: { query: PageQuery },
      responses: { 200: json(paged(PersonOut, "PersonPage"), "People by name"), ...badInput },
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(
        pageOut(await listPeople(c.get("store"), c.get("authority").id, q.limit, q.offset), c.req.url, (x) => x),
        200,
      );
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/people/{id}",
      tags: ["People"],
      summary: "A person, by id or slug, with memberships, attendance and declarations",
      request: { params: IdOrSlugParam },
      responses: { 200: json(PersonDetailOut, "The person"), ...notFound },
    }),
    async (c) => {
      const a = c.get("authority");
      const key = c.req.valid("param").id;
      const person = (await findPerson(c.get("store"), a.id, { id: key })) ?? (await findPerson(c.get("store"), a.id, { slug: key }));
      if (!person) throw new MootError("not_found", "no such person");
      const d = await personDetail(c.get("store"), a.id, person, c.get("viewer"), c.get("today"));
      return c.json(
        {
          ...person,
          memberships: d.memberships.map((m) => ({ ...m.membership, committee: m.committee })),
          attendanceSummary: d.attendanceSummary,
          attendance: d.attendance.map((x) => ({ ...x.attendance, meeting: x.meeting })),
          declarations: d.declarations.map((x) => ({ ...x.declaration, meeting: x.meeting })),
          interests: d.interests,
        },
        200,
      );
    },
  );
}
