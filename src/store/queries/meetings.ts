import { sql } from "kysely";
import type { AgendaItem } from "../../domain/agenda-item.js";
import type { Attendance } from "../../domain/attendance.js";
import type { Committee } from "../../domain/committee.js";
import type { Decision } from "../../domain/decision.js";
import type { Declaration } from "../../domain/declaration.js";
import type { Document } from "../../domain/document.js";
import type { Meeting, MeetingStatus } from "../../domain/meeting.js";
import type { Minute } from "../../domain/minute.js";
import type { Person } from "../../domain/person.js";
import type { ReportCover } from "../../domain/report-cover.js";
import type { Viewer } from "../../domain/viewer.js";
import type { Store } from "../open.js";
import { byId, decodeAll, decodeOne, type Page } from "./decode.js";
import { provenanceFor, type ProvenanceIndex } from "./provenance.js";
import {
  documentParagraph,
  documentVisibleIn,
  draftRights,
  redactCover,
  redactDecision,
  redactDocument,
  redactItem,
  redactMinute,
  withheld,
  type Withheld,
} from "./visibility.js";

export type CommitteeRef = Pick<Committee, "id" | "slug" | "name">;
export type MeetingRef = Pick<Meeting, "id" | "committeeId" | "localDate" | "localTime" | "startsAt">;
export interface MeetingSummary extends Meeting {
  committee: CommitteeRef;
}

export interface MeetingFilter {
  committeeId?: string;
  from?: string;
  to?: string;
  status?: MeetingStatus;
  limit?: number;
  offset?: number;
  order?: "asc" | "desc";
}

/** Meetings of one authority in date order, with their committee's name for display. */
export async function listMeetings(store: Store, authorityId: string, f: MeetingFilter = {}): Promise<Page<MeetingSummary>> {
  const limit = f.limit ?? 50;
  const offset = f.offset ?? 0;
  let q = store.db.selectFrom("meeting").where("meeting.authorityId", "=", authorityId);
  if (f.committeeId) q = q.where("meeting.committeeId", "=", f.committeeId);
  if (f.from) q = q.where("meeting.localDate", ">=", f.from);
  if (f.to) q = q.where("meeting.localDate", "<=", f.to);
  if (f.status) q = q.where("meeting.status", "=", f.status);
  const [rows, count] = await Promise.all([
    q
      .innerJoin("committee", "committee.id", "meeting.committeeId")
      .selectAll("meeting")
      .select(["committee.slug as cSlug", "committee.name as cName"])
      .orderBy("meeting.startsAt", f.order ?? "asc")
      .orderBy("meeting.id")
      .limit(limit)
      .offset(offset)
      .execute(),
    q.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((r) => ({ ...decodeOne("meeting", r)!, committee: { id: r.committeeId, slug: r.cSlug, name: r.cName } }));
  return { items, total: Number(count.n), limit, offset };
}

export interface DocumentEntry {
  document: Document;
  withheld: Withheld | null;
}
export interface ItemEntry {
  item: AgendaItem;
  withheld: Withheld | null;
  documents: DocumentEntry[];
  cover: ReportCover | null;
}
export interface MeetingDetail {
  meeting: Meeting;
  committee: Committee;
  items: ItemEntry[];
  /** Papers of the whole meeting (agenda pack, minutes) rather than of one item. */
  documents: DocumentEntry[];
  pack: Document | null;
  minutes: Array<{ minute: Minute; withheld: Withheld | null }>;
  attendance: Array<{ attendance: Attendance; person: Person; substituteFor: Person | null }>;
  declarations: Array<{ declaration: Declaration; person: Person; item: AgendaItem | null }>;
  decisions: Array<{ decision: Decision; withheld: Withheld | null; item: AgendaItem | null }>;
  provenance: ProvenanceIndex;
}

/** Everything the meeting page shows, with exempt material withheld for this viewer. */
export async function meetingDetail(
  store: Store,
  authorityId: string,
  meetingId: string,
  viewer: Viewer,
): Promise<MeetingDetail | undefined> {
  const db = store.db;
  const meeting = decodeOne(
    "meeting",
    await db.selectFrom("meeting").selectAll().where("id", "=", meetingId).where("authorityId", "=", authorityId).executeTakeFirst(),
  );
  if (!meeting) return undefined;
  const byMeeting = <T extends "agenda_item" | "minute" | "attendance" | "declaration" | "decision" | "report_cover">(t: T) =>
    db
      .selectFrom(t as "agenda_item")
      .selectAll()
      .where("authorityId", "=", authorityId);
  const [committeeRow, itemRows, docRows, minuteRows, attRows, declRows, decRows, coverRows] = await Promise.all([
    db.selectFrom("committee").selectAll().where("id", "=", meeting.committeeId).executeTakeFirstOrThrow(),
    byMeeting("agenda_item").where("meetingId", "=", meetingId).orderBy("position").orderBy("id").execute(),
    db
      .selectFrom("document")
      .selectAll()
      .where("authorityId", "=", authorityId)
      .where((eb) =>
        eb.or([
          eb("meetingId", "=", meetingId),
          eb("agendaItemId", "in", eb.selectFrom("agenda_item").select("id").where("meetingId", "=", meetingId)),
        ]),
      )
      .orderBy("title")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("minute")
      .selectAll()
      .where("meetingId", "=", meetingId)
      .where("authorityId", "=", authorityId)
      .orderBy("position")
      .orderBy("version")
      .execute(),
    db
      .selectFrom("attendance")
      .selectAll()
      .where("meetingId", "=", meetingId)
      .where("authorityId", "=", authorityId)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("declaration")
      .selectAll()
      .where("meetingId", "=", meetingId)
      .where("authorityId", "=", authorityId)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("decision")
      .selectAll()
      .where("meetingId", "=", meetingId)
      .where("authorityId", "=", authorityId)
      .orderBy("position")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("report_cover")
      .selectAll()
      .where("authorityId", "=", authorityId)
      .where("agendaItemId", "in", db.selectFrom("agenda_item").select("id").where("meetingId", "=", meetingId))
      .execute(),
  ]);
  const committee = decodeOne("committee", committeeRow)!;
  // Drafts: an unpublished agenda (items, papers, covers) or unpublished minutes (with their
  // decisions, attendance and declarations) never leave the store for viewers without the right.
  const rights = draftRights(viewer, meeting);
  const items = rights.agenda ? decodeAll("agenda_item", itemRows) : [];
  const itemsById = byId(items);
  const cid = meeting.committeeId;
  const itemWithheld = (item: AgendaItem | undefined) => (item ? withheld(viewer, cid, item.exemptParagraph) : null);
  // Items shown beside declarations and decisions are redacted like the agenda's own.
  const redactedItem = (id: string | null) => {
    const item = id ? itemsById.get(id) : undefined;
    return item ? redactItem(item, itemWithheld(item)) : null;
  };
  const docEntries = decodeAll("document", docRows)
    .filter((d) => documentVisibleIn(d, rights) && (!d.agendaItemId || itemsById.has(d.agendaItemId)))
    .map((d) => {
      const w = withheld(viewer, cid, documentParagraph(d, d.agendaItemId ? itemsById.get(d.agendaItemId) : undefined));
      return { document: redactDocument(d, w), withheld: w };
    });
  const covers = decodeAll("report_cover", coverRows);
  const personIds = new Set<string>();
  const atts = rights.minutes ? decodeAll("attendance", attRows) : [];
  const decls = rights.minutes ? decodeAll("declaration", declRows) : [];
  for (const a of atts) [a.personId, a.substituteForId].forEach((p) => p && personIds.add(p));
  for (const d of decls) personIds.add(d.personId);
  const people = byId(
    personIds.size
      ? decodeAll(
          "person",
          await db
            .selectFrom("person")
            .selectAll()
            .where("id", "in", [...personIds])
            .execute(),
        )
      : [],
  );
  const minutes = (rights.minutes ? decodeAll("minute", minuteRows) : []).map((m) => {
    const w = itemWithheld(m.agendaItemId ? itemsById.get(m.agendaItemId) : undefined);
    return { minute: redactMinute(m, w), withheld: w };
  });
  const decisions = (rights.minutes ? decodeAll("decision", decRows) : []).map((d) => {
    const item = d.agendaItemId ? (itemsById.get(d.agendaItemId) ?? null) : null;
    const w = itemWithheld(item ?? undefined);
    return { decision: redactDecision(d, w), withheld: w, item: item && redactItem(item, itemWithheld(item)) };
  });
  const provenance = await provenanceFor(store, authorityId, viewer, [
    ["meeting", [meeting.id]],
    ["agenda_item", items.map((i) => i.id)],
    ["decision", decisions.filter((d) => !d.withheld).map((d) => d.decision.id)],
  ]);
  return {
    meeting,
    committee,
    items: items.map((item) => {
      const w = itemWithheld(item);
      const cover = covers.find((c) => c.agendaItemId === item.id);
      return {
        item: redactItem(item, w),
        withheld: w,
        documents: docEntries.filter((d) => d.document.agendaItemId === item.id),
        cover: cover ? redactCover(cover, w) : null,
      };
    }),
    documents: docEntries.filter((d) => d.document.agendaItemId === null),
    pack: docEntries.find((d) => d.document.kind === "agenda-pack" && !d.withheld)?.document ?? null,
    minutes,
    attendance: atts.map((a) => ({
      attendance: a,
      person: people.get(a.personId)!,
      substituteFor: a.substituteForId ? (people.get(a.substituteForId) ?? null) : null,
    })),
    declarations: decls.map((d) => ({
      declaration: d,
      person: people.get(d.personId)!,
      item: redactedItem(d.agendaItemId),
    })),
    decisions,
    provenance,
  };
}

/** Meetings most recently added to the record (the "new meetings" feed). */
export async function recentlyAddedMeetings(store: Store, authorityId: string, limit = 30): Promise<MeetingSummary[]> {
  const rows = await store.db
    .selectFrom("meeting")
    .innerJoin("committee", "committee.id", "meeting.committeeId")
    .selectAll("meeting")
    .select(["committee.slug as cSlug", "committee.name as cName"])
    .where("meeting.authorityId", "=", authorityId)
    .orderBy("meeting.createdAt", "desc")
    .orderBy("meeting.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...decodeOne("meeting", r)!, committee: { id: r.committeeId, slug: r.cSlug, name: r.cName } }));
}
