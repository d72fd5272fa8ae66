import { z } from "@hono/zod-openapi";
import { Action, ActionStatus, ActionUpdate } from "../../domain/action.js";
import { AgendaItem } from "../../domain/agenda-item.js";
import { Attendance } from "../../domain/attendance.js";
import { Committee } from "../../domain/committee.js";
import { Id, IsoDate } from "../../domain/common.js";
import { Decision } from "../../domain/decision.js";
import { Declaration } from "../../domain/declaration.js";
import { Document, DocumentPage } from "../../domain/document.js";
import { Meeting, MeetingStatus } from "../../domain/meeting.js";
import { Minute } from "../../domain/minute.js";
import { Membership } from "../../domain/membership.js";
import { Person } from "../../domain/person.js";
import { WorkProgrammeItem } from "../../domain/work-programme.js";
import { RegisteredInterest } from "../../domain/interest.js";
import { SearchKind, type SearchHit as StoreSearchHit } from "../../store/search.js";

/**
 * API shapes, every one derived from the domain schemas (STYLE.md habit 3). Schemas with
 * cross-field refinements are rebuilt from their `.shape` because zod will not extend a
 * refined object; the fields themselves are still the domain's.
 */
// Also gives a fresh instance: schemas built before zod-openapi extended zod lack `.openapi`.
const plain = <S extends { shape: z.ZodRawShape }>(s: S) => z.object(s.shape as S["shape"]);

export const WithheldOut = z
  .object({ paragraph: z.number().int().min(1).max(7), notice: z.string() })
  .nullable()
  .openapi("Withheld", { description: "Set when the material is exempt under Schedule 12A: its text is not published." });

export const CommitteeOut = plain(Committee).openapi("Committee");
export const CommitteeRef = Committee.pick({ id: true, slug: true, name: true }).openapi("CommitteeRef");
export const MeetingRef = Meeting.pick({ id: true, committeeId: true, localDate: true, localTime: true, startsAt: true }).openapi(
  "MeetingRef",
);
export const MeetingSummaryOut = Meeting.extend({ committee: CommitteeRef }).openapi("MeetingSummary");
export const PersonOut = plain(Person).openapi("Person");
export const DocumentOut = Document.extend({ withheld: WithheldOut }).openapi("Document");
export const DocumentPageOut = DocumentPage.pick({ pageNumber: true, printedNumber: true, text: true }).openapi("DocumentPage");
export const AgendaItemOut = plain(AgendaItem)
  .extend({ withheld: WithheldOut, documents: z.array(DocumentOut) })
  .openapi("AgendaItem");
export const MinuteOut = Minute.extend({ withheld: WithheldOut }).openapi("Minute");
export const DecisionOut = Decision.extend({ withheld: WithheldOut }).openapi("Decision");
export const DecisionEntryOut = Decision.extend({
  withheld: WithheldOut,
  committee: CommitteeRef,
  item: z.object({ id: Id, number: AgendaItem.shape.number, title: AgendaItem.shape.title }).nullable(),
}).openapi("DecisionEntry");
export const AttendanceOut = plain(Attendance)
  .extend({ person: PersonOut.pick({ id: true, slug: true, name: true }) })
  .openapi("Attendance");
export const DeclarationOut = Declaration.extend({ person: PersonOut.pick({ id: true, slug: true, name: true }) }).openapi("Declaration");
export const MembershipOut = plain(Membership).extend({ committee: CommitteeRef }).openapi("Membership");
export const ActionOut = Action.extend({
  overdue: z.boolean(),
  withheld: WithheldOut,
  committee: CommitteeRef.nullable(),
  history: z.array(ActionUpdate),
}).openapi("Action");

export const MeetingDetailOut = Meeting.extend({
  committee: CommitteeRef,
  items: z.array(AgendaItemOut),
  documents: z.array(DocumentOut),
  minutes: z.array(MinuteOut),
  attendance: z.array(AttendanceOut),
  declarations: z.array(DeclarationOut),
  decisions: z.array(DecisionOut),
}).openapi("MeetingDetail");

export const CommitteeDetailOut = Committee.extend({
  members: z.array(plain(Membership).extend({ person: PersonOut.pick({ id: true, slug: true, name: true }), current: z.boolean() })),
  upcoming: z.array(MeetingSummaryOut),
  workProgramme: z.array(WorkProgrammeItem),
}).openapi("CommitteeDetail");

export const PersonDetailOut = Person.extend({
  memberships: z.array(MembershipOut),
  attendanceSummary: z.array(
    z.object({ committee: CommitteeRef, expected: z.number().int(), present: z.number().int(), percent: z.number().int() }),
  ),
  attendance: z.array(plain(Attendance).extend({ meeting: MeetingRef })),
  declarations: z.array(Declaration.extend({ meeting: MeetingRef })),
  interests: z.array(plain(RegisteredInterest).openapi("RegisteredInterest")),
}).openapi("PersonDetail");

export const DocumentDetailOut = DocumentOut.extend({
  meeting: MeetingRef.nullable(),
  pages: z.array(DocumentPageOut),
  withheldPages: z
    .array(z.object({ from: z.number().int(), to: z.number().int(), paragraph: z.number().int(), notice: z.string() }))
    .openapi({ description: "Page ranges of a pack left out because an exempt item is printed on them." }),
}).openapi("DocumentDetail");

export const SearchHitOut = z
  .object({
    kind: SearchKind,
    recordId: Id,
    meetingId: Id.nullable(),
    documentId: Id.nullable(),
    agendaItemId: Id.nullable(),
    pageNumber: z.number().int().positive().nullable(),
    title: z.string(),
    meetingDate: z.string().nullable().openapi({ description: "Local date (YYYY-MM-DD) of the meeting the hit belongs to." }),
    committeeId: Id.nullable(),
    committeeName: z.string().nullable(),
    /** Snippet as plain runs: `mark` is true for matched words. */
    snippet: z.array(z.object({ text: z.string(), mark: z.boolean() })),
    url: z.string().openapi({ description: "Path of the public page holding the hit, with a #page-N anchor for document pages." }),
  })
  .openapi("SearchHit");
// Compile-time guard: the store's hit and the API's hit must not drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _hitFields: Same<
  Exclude<keyof StoreSearchHit, "snippet" | "rank">,
  Exclude<keyof z.infer<typeof SearchHitOut>, "snippet" | "url">
> = true;
void _hitFields;

export const ErrorOut = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).openapi("Error");

/** `{ items, total, limit, offset, next }` around any list. */
export function paged<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      total: z.number().int().nonnegative(),
      limit: z.number().int().positive(),
      offset: z.number().int().nonnegative(),
      next: z.string().nullable().openapi({ description: "Path of the next page, or null on the last." }),
    })
    .openapi(name);
}

export const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(50)
    .openapi({ param: { name: "limit", in: "query" }, example: 50 }),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .default(0)
    .openapi({ param: { name: "offset", in: "query" }, example: 0 }),
});
/** A committee or person is addressed by its id or by the slug its web page uses. */
export const IdOrSlugParam = z.object({
  id: Id.clone().openapi({
    param: { name: "id", in: "path", description: "The record's id, or its slug as in the site's address (council, helen-archer)" },
    example: "council",
  }),
});
export const IdParam = z.object({ id: Id.clone().openapi({ param: { name: "id", in: "path" }, example: "01J9Z8Q6W4M5S0X2Y3Z4A5B6C7" }) });
export const DateRange = z.object({ from: IsoDate.optional(), to: IsoDate.optional() });
export { ActionStatus, MeetingStatus };
