import type { AttendanceStatus } from "../../../domain/attendance.js";
import type { Document } from "../../../domain/document.js";
import type { MembershipRole } from "../../../domain/membership.js";
import { documentDetail } from "../../../store/queries/documents.js";
import { membersOn, profilesOf } from "../../../store/queries/interop-members.js";
import { ensureRefs, recordForRef, refsFor } from "../../../store/queries/interop-refs.js";
import { meetingDetail, type MeetingDetail } from "../../../store/queries/meetings.js";
import type { ServiceContext } from "./context.js";
import { londonDate, meetingStatus } from "./meetings.js";
import { bool, clock12, dmy, el, parent, type XmlElement } from "./xml.js";

const ATTENDANCE: Record<AttendanceStatus, string> = {
  present: "Present",
  apologies: "Apologies",
  absent: "Absent",
  substitute: "Present as substitute",
};
const ROLE: Record<MembershipRole, string> = {
  chair: "Chair",
  "vice-chair": "Vice-Chair",
  member: "Committee Member",
  substitute: "Substitute",
};

/** Plain text as the Word-style HTML ModernGov carries in agendatext and minute bodies. */
export function textToHtml(text: string | null | undefined): string {
  if (!text?.trim()) return "";
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const paras = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return `<div class="WordSection1">\n${paras.map((p) => `<p class="MsoNormal">${esc(p)}</p>`).join("\n")}\n</div>\n`;
}

export const attachmentUrl = (ctx: ServiceContext, no: number): string => `${ctx.base}/mgConvert2PDF.aspx?ID=${no}`;
const publicationDate = (d: Document, fallback: string): string => dmy(d.publishedAt ? londonDate(d.publishedAt) : fallback);

/** GetMeeting: the meeting with agenda items (text, minutes, decisions, papers) and attendees. */
export async function meetingDocument(ctx: ServiceContext, meetingNo: number): Promise<XmlElement | null> {
  await ensureRefs(ctx.store, ctx.authorityId, "meeting");
  const meetingId = await recordForRef(ctx.store, ctx.authorityId, "meeting", meetingNo);
  const detail = meetingId ? await meetingDetail(ctx.store, ctx.authorityId, meetingId, ctx.viewer) : undefined;
  if (!detail) return null;
  await Promise.all((["agenda_item", "document", "person", "decision"] as const).map((k) => ensureRefs(ctx.store, ctx.authorityId, k)));
  const [itemIds, docIds, personIds] = await Promise.all([
    refsFor(
      ctx.store,
      ctx.authorityId,
      "agenda_item",
      detail.items.map((i) => i.item.id),
    ),
    refsFor(
      ctx.store,
      ctx.authorityId,
      "document",
      detail.items.flatMap((i) => i.documents.map((d) => d.document.id)),
    ),
    refsFor(ctx.store, ctx.authorityId, "person"),
  ]);
  const m = detail.meeting;
  const date = dmy(m.localDate);
  const time = clock12(m.localTime);
  const items = detail.items.map((entry, index) => agendaItemElement(ctx, detail, entry, index, itemIds, docIds, date, time));
  return parent("meeting", [
    el("meetingid", meetingNo),
    el("meetingdate", date),
    el("meetingstatus", meetingStatus(m)),
    el("isdisplayallowed", bool(true)),
    el("meetingtime", time),
    el("meetingactualstarttime", ""),
    el("meetingplannedfinishtime", ""),
    el("meetingactualfinishtime", ""),
    el("meetinglocation", m.venue),
    el("iswebcast", bool(!!m.webcastUrl)),
    el("agendaid", meetingNo),
    el("agendapublished", bool(!!m.agendaPublishedAt || detail.items.length > 0)),
    el("decisionpublished", bool(detail.decisions.some((d) => !d.withheld))),
    el("minutepublished", bool(detail.minutes.length > 0)),
    el("meetingroom", ""),
    parent("agendaitems", items),
    parent("attendees", await attendees(ctx, detail, personIds)),
  ]);
}

function agendaItemElement(
  ctx: ServiceContext,
  detail: MeetingDetail,
  entry: MeetingDetail["items"][number],
  index: number,
  itemIds: Map<string, number>,
  docIds: Map<string, number>,
  date: string,
  time: string,
): XmlElement {
  const { item, withheld } = entry;
  // The latest version of the item's minute; withheld ones arrive from the store with no text.
  const minute = detail.minutes.filter((x) => x.minute.agendaItemId === item.id).at(-1);
  const decisions = detail.decisions.filter((d) => d.decision.agendaItemId === item.id && !d.withheld);
  const declarations = detail.declarations.filter((d) => d.declaration.agendaItemId === item.id);
  const docs = entry.documents.filter((d) => !d.withheld);
  const children: XmlElement[] = [
    el("agendaitemid", itemIds.get(item.id)!),
    el("agendaitemtitle", item.title),
    el("agendatext", withheld ? "" : textToHtml(item.description)),
    el("actualmeetingdate", date),
    el("agendaitemnumber", index + 1),
    el("agendaitemsubnumber", ""),
    el("fulldisplaynumberformat", `${item.number}.`),
    el("authorusername", withheld ? "" : (entry.cover?.author ?? "")),
    el("commentlabel1", "Presented By"),
    el("commenttext1", ""),
    el("commentlabel2", "Actions"),
    el("commenttext2", ""),
    el("minutesnonemptyhtmlbody", minute && !minute.withheld ? textToHtml(minute.minute.text) : ""),
  ];
  if (decisions.length) children.push(el("decisionnonemptyhtmlbody", textToHtml(decisions.map((d) => d.decision.text).join("\n\n"))));
  children.push(
    el("declarationcount", declarations.length),
    // A decision under the item has been called in for scrutiny (domain/forward-plan.ts).
    el("iscallin", bool(decisions.some((d) => d.decision.calledInAt !== null))),
    el("iscomment", bool(false)),
    el("isdecision", bool(decisions.length > 0 || item.kind === "decision")),
    el("isdecisionpublished", bool(decisions.length > 0)),
    el("isminutepublished", bool(!!minute && !minute.withheld)),
    el("ispubliccanspeak", bool(false)),
    el("isrestricted", bool(item.exemptParagraph !== null)),
    el("isdisplayallowed", bool(!withheld)),
    el("meetingdate", date),
    el("meetingtime", time),
    el("minutesitemnumber", minute?.minute.number ?? ""),
    el("minutesitemsubnumber", ""),
    el("preferreddate", date),
    el("refertocommittee", detail.committee.name),
    parent(
      "linkeddocuments",
      docs.map((d, i) =>
        linkedDoc(ctx, d.document, docIds.get(d.document.id)!, i + 1, {
          meetingDate: date,
          committee: detail.committee.name,
          owner: item.title,
          published: detail.meeting.localDate,
        }),
      ),
    ),
  );
  return parent("agendaitem", children);
}

function linkedDoc(
  ctx: ServiceContext,
  d: Document,
  no: number,
  itemnum: number,
  at: { meetingDate: string; committee: string; owner: string; published: string },
): XmlElement {
  return parent("linkeddoc", [
    el("attachmentid", no),
    el("title", d.title),
    el("isurl", bool(false)),
    el("url", attachmentUrl(ctx, no)),
    el("isrestricted", bool(false)),
    el("restrictionsRef", ""),
    el("itemnum", itemnum),
    el("publicationdate", publicationDate(d, at.published)),
    el("meetingdate", at.meetingDate),
    el("decisiondate", at.meetingDate),
    el("committeetitle", at.committee),
    el("isdecisionattachment", bool(false)),
    el("ownertitle", at.owner),
  ]);
}

/** Recorded attendance; before a meeting has any, its members are listed as "Expected". */
async function attendees(ctx: ServiceContext, detail: MeetingDetail, personIds: Map<string, number>): Promise<XmlElement[]> {
  const members = await membersOn(ctx.store, ctx.authorityId, detail.committee.id, detail.meeting.localDate);
  const roleOf = new Map(members.map((m) => [m.person.id, ROLE[m.membership.role]]));
  const rows = detail.attendance.length
    ? detail.attendance.map((a) => ({
        person: a.person,
        role:
          a.attendance.capacity === "officer"
            ? "Officer"
            : a.attendance.capacity === "in-attendance"
              ? "In attendance"
              : (roleOf.get(a.person.id) ?? "Committee Member"),
        attendance: ATTENDANCE[a.attendance.status],
      }))
    : members.map((m) => ({ person: m.person, role: ROLE[m.membership.role], attendance: "Expected" }));
  const profiles = await profilesOf(
    ctx.store,
    ctx.authorityId,
    rows.map((r) => r.person.id),
  );
  return rows.map(({ person, role, attendance }) => {
    const uid = personIds.get(person.id)!;
    const profile = profiles.get(person.id);
    const keyPosts = profile?.keyPosts ?? person.post;
    const attrs: Array<[string, string]> = [
      ["membertype", "U"],
      ["memberid", String(uid)],
      ["name", person.honorific ? `${person.honorific} ${person.name}` : person.name],
      ["roledescription", role],
      ["attendance", attendance],
      ["politicalparty", person.party ?? ""],
      ["ward", person.ward ?? ""],
    ];
    if (keyPosts) attrs.push(["keyposts", keyPosts]);
    const children = [el("url", `${ctx.base}/mgUserInfo.aspx?UID=${uid}`)];
    // Attendees carry photos only when there is one (a list's "missing mug" placeholder is not).
    const real = (u: string | null | undefined): u is string => !!u && !/\/mgimages\/missing/i.test(u);
    if (real(profile?.photoSmallUrl)) children.push(el("photosmallurl", profile.photoSmallUrl));
    if (real(profile?.photoBigUrl)) children.push(el("photobigurl", profile.photoBigUrl));
    return parent("attendee", children, attrs);
  });
}

/** GetAttachment: one paper's details; a withheld paper is marked restricted and has no link. */
export async function attachmentDocument(ctx: ServiceContext, attachmentNo: number): Promise<XmlElement | null> {
  await ensureRefs(ctx.store, ctx.authorityId, "document");
  const id = await recordForRef(ctx.store, ctx.authorityId, "document", attachmentNo);
  const detail = id ? await documentDetail(ctx.store, ctx.authorityId, id, ctx.viewer) : undefined;
  if (!detail) return null;
  const meetingDate = dmy(detail.meeting?.localDate);
  return parent("attachment", [
    parent("attachmentdetails", [
      el("attachmentid", attachmentNo),
      el("title", detail.document.title),
      el("url", detail.withheld ? "" : attachmentUrl(ctx, attachmentNo)),
      el("isurl", bool(false)),
      el("isrestricted", bool(!!detail.withheld)),
      el("publicationdate", publicationDate(detail.document, detail.meeting?.localDate ?? londonDate(detail.document.createdAt))),
      el("meetingdate", meetingDate),
      el("decisiondate", meetingDate),
      el("committeetitle", detail.committee?.name ?? ""),
      el("ownertitle", detail.item?.title ?? ""),
    ]),
  ]);
}
