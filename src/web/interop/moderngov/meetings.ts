import type { Committee, CommitteeKind } from "../../../domain/committee.js";
import { IsoDate } from "../../../domain/common.js";
import type { Meeting } from "../../../domain/meeting.js";
import { instantToLondon } from "../../../domain/time.js";
import { listCommittees } from "../../../store/queries/committees.js";
import { ensureRefs, recordForRef, refsFor } from "../../../store/queries/interop-refs.js";
import { listMeetings, type MeetingSummary } from "../../../store/queries/meetings.js";
import type { ServiceContext } from "./context.js";
import { bool, clock12, counter, dmy, el, parent, type XmlElement } from "./xml.js";

/** ModernGov's free-text committee categories, from Moot's kinds. */
export const CATEGORY: Record<CommitteeKind, string> = {
  council: "Council",
  cabinet: "Executive",
  scrutiny: "Scrutiny Committees",
  "sub-committee": "Sub-Committees",
  "partnership-board": "Partnership Boards",
  regulatory: "Regulatory Committees",
  other: "Committees",
};

/** "Confirmed", "Cancelled"; a meeting's own title follows after "; " as ModernGov installs do. */
export function meetingStatus(m: Pick<Meeting, "status" | "title">): string {
  const s = m.status === "cancelled" ? "Cancelled" : m.status === "postponed" ? "Postponed" : "Confirmed";
  return m.title ? `${s}; ${m.title}` : s;
}

export const londonDate = (instant: string): string => instantToLondon(instant).date;

export async function allCommittees(ctx: ServiceContext): Promise<Committee[]> {
  const out: Committee[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await listCommittees(ctx.store, ctx.authorityId, 500, offset);
    out.push(...page.items);
    if (out.length >= page.total || page.items.length === 0) return out;
  }
}

const byTitle = (a: Committee, b: Committee) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id.localeCompare(b.id);

export function committeeElement(ctx: ServiceContext, c: Committee, id: number): XmlElement {
  return parent("committee", [
    el("committeeid", id),
    el("committeetitle", c.name),
    el("committeedeleted", bool(false)),
    el("committeeexpired", bool(!!c.activeTo && c.activeTo < ctx.today)),
    el("committeecategory", CATEGORY[c.kind]),
  ]);
}

/** GetCommittees (and GetCommitteesByUser with `only`): every committee, alphabetically. */
export async function committeesDocument(ctx: ServiceContext, only?: Set<string>): Promise<XmlElement> {
  await ensureRefs(ctx.store, ctx.authorityId, "committee");
  const [committees, ids] = await Promise.all([allCommittees(ctx), refsFor(ctx.store, ctx.authorityId, "committee")]);
  const listed = committees.filter((c) => !only || only.has(c.id)).sort(byTitle);
  return parent("committees", [
    el("committeescount", counter(listed.length)),
    ...listed.map((c) => committeeElement(ctx, c, ids.get(c.id)!)),
  ]);
}

/** Accepts dd/mm/yyyy (ModernGov's own) and ISO yyyy-mm-dd; undefined when absent. */
export function parseDate(v: string | undefined, name: string): string | undefined {
  if (v === undefined || v.trim() === "") return undefined;
  const s = v.trim();
  const dmyMatch = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  const iso = dmyMatch ? `${dmyMatch[3]}-${dmyMatch[2].padStart(2, "0")}-${dmyMatch[1].padStart(2, "0")}` : s.slice(0, 10);
  if (!IsoDate.safeParse(iso).success) throw new ServiceError(`Invalid date in ${name}: ${v}`);
  return iso;
}

/** Bad or missing parameters: ASMX answers these with an error, not an empty document. */
export class ServiceError extends Error {
  override readonly name = "ServiceError";
  constructor(
    message: string,
    readonly status: 400 | 404 = 400,
  ) {
    super(message);
  }
}

async function meetingsOf(ctx: ServiceContext, committeeId: string | undefined, from?: string, to?: string): Promise<MeetingSummary[]> {
  const page = await listMeetings(ctx.store, ctx.authorityId, { committeeId, from, to, limit: 20_000, order: "asc" });
  return page.items;
}

const meetingElement = (m: MeetingSummary, id: number): XmlElement =>
  parent("meeting", [
    el("meetingid", id),
    el("meetingdate", dmy(m.localDate)),
    el("meetingstatus", meetingStatus(m)),
    el("meetingtime", clock12(m.localTime)),
    el("iswebcast", bool(!!m.webcastUrl)),
  ]);

/** GetMeetings: one committee's meetings between two dates (inclusive). */
export async function meetingsDocument(ctx: ServiceContext, committeeNo: number, from?: string, to?: string): Promise<XmlElement> {
  await Promise.all([ensureRefs(ctx.store, ctx.authorityId, "committee"), ensureRefs(ctx.store, ctx.authorityId, "meeting")]);
  const committeeId = await recordForRef(ctx.store, ctx.authorityId, "committee", committeeNo);
  const committee = committeeId ? (await allCommittees(ctx)).find((c) => c.id === committeeId) : undefined;
  if (!committee) return parent("getmeetings", [el("meetingscount", counter(0)), el("committeescount", counter(0))]);
  const meetings = await meetingsOf(ctx, committee.id, from, to);
  const ids = await refsFor(ctx.store, ctx.authorityId, "meeting");
  return parent("getmeetings", [
    el("meetingscount", counter(meetings.length)),
    el("committeescount", counter(1)),
    parent("committee", [
      el("committeeid", committeeNo),
      el("committeetitle", committee.name),
      el("committeemeetingcount", counter(meetings.length)),
      parent(
        "committeemeetings",
        meetings.map((m) => meetingElement(m, ids.get(m.id)!)),
      ),
    ]),
  ]);
}

/** GetAllMeetingsByDate: every committee's meetings (committee 0 or -1), or one committee's. */
export async function allMeetingsByDateDocument(
  ctx: ServiceContext,
  committeeNo: number,
  from: string | undefined,
  to: string | undefined,
  ascending: boolean,
): Promise<XmlElement> {
  await Promise.all([ensureRefs(ctx.store, ctx.authorityId, "committee"), ensureRefs(ctx.store, ctx.authorityId, "meeting")]);
  const committeeId = committeeNo > 0 ? await recordForRef(ctx.store, ctx.authorityId, "committee", committeeNo) : undefined;
  const meetings = committeeNo > 0 && !committeeId ? [] : await meetingsOf(ctx, committeeId, from, to);
  if (!ascending) meetings.reverse();
  const [ids, cids] = await Promise.all([refsFor(ctx.store, ctx.authorityId, "meeting"), refsFor(ctx.store, ctx.authorityId, "committee")]);
  return parent("getmeetingsbydate", [
    el("meetingscount", counter(meetings.length)),
    parent(
      "meetings",
      meetings.map((m) =>
        parent("meeting", [
          el("meetingid", ids.get(m.id)!),
          el("meetingdate", dmy(m.localDate)),
          el("meetingstatus", meetingStatus(m)),
          el("committeeid", cids.get(m.committee.id)!),
          el("committeetitle", m.committee.name),
          el("meetingtime", clock12(m.localTime)),
        ]),
      ),
    ),
  ]);
}
