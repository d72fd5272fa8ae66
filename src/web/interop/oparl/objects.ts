import { createHash } from "node:crypto";
import type { Document } from "../../../domain/document.js";
import { ROLE_LABELS } from "../../../domain/membership.js";
import type { RecordTable } from "../../../domain/records.js";
import { municipalYear } from "../../../domain/time.js";
import type { MeetingDetail } from "../../../store/queries/meetings.js";
import type { PublicRecords } from "../public-records.js";
import type { Decision } from "../../../domain/decision.js";
import { callInState } from "../../../domain/forward-plan.js";

/** OParl 1.1 object kinds Moot serves, with the path segment each lives under. */
export const KINDS = [
  "organization",
  "person",
  "membership",
  "meeting",
  "agendaitem",
  "paper",
  "consultation",
  "file",
  "location",
  "legislativeterm",
] as const;
export type Kind = (typeof KINDS)[number];

export const TYPE_NAME: Record<Kind, string> = {
  organization: "Organization",
  person: "Person",
  membership: "Membership",
  meeting: "Meeting",
  agendaitem: "AgendaItem",
  paper: "Paper",
  consultation: "Consultation",
  file: "File",
  location: "Location",
  legislativeterm: "LegislativeTerm",
};
/** Which records' deletions each kind reports (from the audit trail). */
export const DELETED_FROM: Record<Kind, RecordTable[]> = {
  organization: ["committee"],
  person: ["person"],
  membership: ["membership"],
  meeting: ["meeting"],
  agendaitem: ["agenda_item"],
  paper: ["document"],
  consultation: ["document"],
  file: ["document"],
  location: [],
  legislativeterm: [],
};
/** External list names on the Body, as OParl calls them, and the path each list is served at. */
export const LISTS: Record<Kind, string> = {
  organization: "organizations",
  person: "people",
  membership: "memberships",
  meeting: "meetings",
  agendaitem: "agenda-items",
  paper: "papers",
  consultation: "consultations",
  file: "files",
  location: "locations",
  legislativeterm: "legislative-terms",
};

export const typeUri = (name: string): string => `https://schema.oparl.org/1.1/${name}`;
export type OParlObject = Record<string, unknown> & { id: string; type: string; created?: string; modified?: string };

function keyDecisionOf(r: PublicRecords, itemId: string): boolean | null {
  const links = r.matterLinks.filter((l) => l.agendaItemId === itemId);
  return links.length ? links.some((l) => l.keyDecision) : null;
}

/** The call-in period of the first of an item's decisions that is subject to one. */
function callInOf(decisions: Decision[], today: string) {
  const d = decisions.find((x) => x.callInEndsOn !== null);
  if (!d) return null;
  return {
    state: callInState(d, today),
    from: d.callInFrom,
    endsOn: d.callInEndsOn,
    calledIn: d.calledInAt,
    ended: d.callInEndedAt,
    implemented: d.implementedAt,
  };
}

/** Every public object of one authority, keyed by kind then Moot id, built from the public snapshot. */
export function buildObjects(r: PublicRecords, base: string): Map<Kind, Map<string, OParlObject>> {
  const root = `${base}/oparl/v1`;
  const body = `${root}/body/${r.authority.slug}`;
  const url = (kind: Kind, id: string) => `${root}/${kind}/${id}`;
  const out = new Map<Kind, Map<string, OParlObject>>(KINDS.map((k) => [k, new Map()]));
  const put = (kind: Kind, o: OParlObject) => out.get(kind)!.set(o.id.slice(o.id.lastIndexOf("/") + 1), o);
  const stamps = (x: { createdAt: string; updatedAt: string }) => ({ created: x.createdAt, modified: x.updatedAt });

  const membership = (m: PublicRecords["memberships"][number]): OParlObject => ({
    id: url("membership", m.id),
    type: typeUri("Membership"),
    person: url("person", m.personId),
    organization: url("organization", m.committeeId),
    role: m.kind === "co-opted" ? `Co-opted ${ROLE_LABELS[m.role].toLowerCase()}` : ROLE_LABELS[m.role],
    votingRight: m.kind === "councillor",
    ...(m.fromDate ? { startDate: m.fromDate } : {}),
    ...(m.toDate ? { endDate: m.toDate } : {}),
    ...stamps(m),
  });
  for (const m of r.memberships) put("membership", membership(m));

  for (const c of r.committees)
    put("organization", {
      id: url("organization", c.id),
      type: typeUri("Organization"),
      body,
      name: c.name,
      organizationType: "committee",
      classification: c.kind,
      membership: r.memberships.filter((m) => m.committeeId === c.id).map((m) => url("membership", m.id)),
      ...(c.activeFrom ? { startDate: c.activeFrom } : {}),
      ...(c.activeTo ? { endDate: c.activeTo } : {}),
      web: `${base}/committees/${c.slug}`,
      ...stamps(c),
    });

  for (const p of r.people)
    put("person", {
      id: url("person", p.id),
      type: typeUri("Person"),
      body,
      name: p.honorific ? `${p.honorific} ${p.name}` : p.name,
      ...(p.honorific ? { formOfAddress: p.honorific } : {}),
      ...(p.email ? { email: [p.email] } : {}),
      ...(p.post ? { status: [p.post] } : {}),
      membership: r.memberships.filter((m) => m.personId === p.id).map(membership),
      web: `${base}/people/${p.slug}`,
      "moot:party": p.party,
      "moot:ward": p.ward,
      ...stamps(p),
    });

  const locations = new Map<string, { venue: string; meetings: MeetingDetail[] }>();
  for (const d of r.meetings) {
    if (!d.meeting.venue) continue;
    const key = createHash("sha256").update(d.meeting.venue).digest("hex").slice(0, 16);
    const l = locations.get(key) ?? { venue: d.meeting.venue, meetings: [] };
    l.meetings.push(d);
    locations.set(key, l);
  }
  const location = (key: string): OParlObject => {
    const l = locations.get(key)!;
    return {
      id: url("location", key),
      type: typeUri("Location"),
      description: l.venue,
      meetings: l.meetings.map((d) => url("meeting", d.meeting.id)),
      created: l.meetings.map((d) => d.meeting.createdAt).sort()[0],
      modified: l.meetings
        .map((d) => d.meeting.updatedAt)
        .sort()
        .at(-1),
    };
  };
  for (const key of locations.keys()) put("location", location(key));
  const locationKey = (venue: string) => createHash("sha256").update(venue).digest("hex").slice(0, 16);

  for (const d of r.meetings) {
    const m = d.meeting;
    const meetingUrl = url("meeting", m.id);
    const committeeUrl = url("organization", m.committeeId);
    const itemOf = new Map(d.items.map((e) => [e.item.id, e.item]));
    const file = (doc: Document): OParlObject => {
      const item = doc.agendaItemId ? itemOf.get(doc.agendaItemId) : undefined;
      return {
        id: url("file", doc.id),
        type: typeUri("File"),
        name: doc.title,
        ...(doc.fileName ? { fileName: doc.fileName } : {}),
        ...(doc.mediaType ? { mimeType: doc.mediaType } : {}),
        date: (doc.publishedAt ?? doc.createdAt).slice(0, 10),
        ...(doc.byteSize !== null ? { size: doc.byteSize } : {}),
        accessUrl: doc.sha256 ? `${base}/documents/${doc.id}/original` : `${base}/documents/${doc.id}`,
        ...(doc.sha256 ? { downloadUrl: `${base}/documents/${doc.id}/original` } : {}),
        meeting: [meetingUrl],
        ...(item ? { agendaItem: [url("agendaitem", item.id)], paper: [url("paper", doc.id)] } : {}),
        web: `${base}/documents/${doc.id}`,
        ...stamps(doc),
      };
    };
    const open = (entries: MeetingDetail["documents"]) => entries.filter((e) => !e.withheld).map((e) => e.document);
    const meetingDocs = open(d.documents);
    const pack = meetingDocs.find((x) => x.kind === "agenda-pack");
    const minutes = meetingDocs.find((x) => x.kind === "minutes");
    const items = d.items.map((e): OParlObject => {
      const decisions = d.decisions.filter((x) => x.decision.agendaItemId === e.item.id && !x.withheld);
      const papers = open(e.documents);
      return {
        id: url("agendaitem", e.item.id),
        type: typeUri("AgendaItem"),
        meeting: meetingUrl,
        number: e.item.number,
        order: e.item.position,
        name: e.item.title,
        public: e.item.exemptParagraph === null,
        ...(papers[0] ? { consultation: url("consultation", papers[0].id) } : {}),
        ...(decisions.length
          ? { result: decisions[0].decision.kind, resolutionText: decisions.map((x) => x.decision.text).join("\n\n") }
          : {}),
        auxiliaryFile: papers.map(file),
        web: `${base}/meetings/${m.id}/items/${e.item.id}`,
        // UK facts OParl has no field for: the Schedule 12A paragraph; whether the item is part of a
        // key decision (null when it belongs to no public matter, so nothing is guessed); and the
        // call-in period of its decision (null when not subject to call-in).
        "moot:exemptParagraph": e.item.exemptParagraph,
        "moot:keyDecision": keyDecisionOf(r, e.item.id),
        "moot:callIn": callInOf(
          decisions.map((x) => x.decision),
          r.today,
        ),
        "moot:matters": r.matterLinks.filter((l) => l.agendaItemId === e.item.id).map((l) => `${base}/matters/${l.matterId}`),
        ...stamps(e.item),
      };
    });
    for (const it of items) put("agendaitem", it);
    const docs = [...meetingDocs, ...d.items.flatMap((e) => open(e.documents))];
    for (const doc of docs) put("file", file(doc));
    for (const e of d.items) {
      for (const doc of open(e.documents)) {
        const consultation: OParlObject = {
          id: url("consultation", doc.id),
          type: typeUri("Consultation"),
          paper: url("paper", doc.id),
          agendaItem: url("agendaitem", e.item.id),
          meeting: meetingUrl,
          organization: [committeeUrl],
          authoritative: e.item.kind === "decision",
          role: e.item.kind,
          ...stamps(doc),
        };
        put("consultation", consultation);
        put("paper", {
          id: url("paper", doc.id),
          type: typeUri("Paper"),
          body,
          name: doc.title,
          reference: `${d.committee.slug}/${m.localDate}/${e.item.number}`,
          date: (doc.publishedAt ?? m.startsAt).slice(0, 10),
          paperType: doc.kind,
          mainFile: file(doc),
          consultation: [consultation],
          web: `${base}/documents/${doc.id}`,
          ...stamps(doc),
        });
      }
    }
    put("meeting", {
      id: meetingUrl,
      type: typeUri("Meeting"),
      name: m.title ?? `${d.committee.name}, ${m.localDate}`,
      meetingState: m.status,
      cancelled: m.status === "cancelled",
      start: m.startsAt,
      ...(m.venue ? { location: location(locationKey(m.venue)) } : {}),
      organization: [committeeUrl],
      participant: d.attendance
        .filter((a) => a.attendance.status === "present" || a.attendance.status === "substitute")
        .map((a) => url("person", a.person.id)),
      ...(pack ? { invitation: file(pack) } : {}),
      ...(minutes ? { resultsProtocol: file(minutes) } : {}),
      auxiliaryFile: meetingDocs.filter((x) => x !== pack && x !== minutes).map(file),
      agendaItem: items,
      web: `${base}/meetings/${m.id}`,
      ...stamps(m),
    });
  }

  for (const t of legislativeTerms(r, body, root)) put("legislativeterm", t);
  return out;
}

/** Municipal years (May to April) in which the authority met: the UK counterpart of a term. */
export function legislativeTerms(r: PublicRecords, body: string, root: string): OParlObject[] {
  const years = [...new Set(r.meetings.map((d) => municipalYear(d.meeting.localDate)))].sort();
  return years.map((y) => ({
    id: `${root}/legislativeterm/${y}`,
    type: typeUri("LegislativeTerm"),
    body,
    name: `Municipal year ${y}/${String((y + 1) % 100).padStart(2, "0")}`,
    startDate: `${y}-05-01`,
    endDate: `${y + 1}-04-30`,
    created: r.authority.createdAt,
    modified: r.lastModified ?? r.authority.updatedAt,
  }));
}
