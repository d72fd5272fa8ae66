import { XMLParser, XMLValidator } from "fast-xml-parser";
import { MootError } from "../../domain/errors.js";

/**
 * Saved ModernGov web-service responses (`mgWebService.asmx`) → plain data. Text is kept as
 * published except ModernGov's "empty element" form (a line break and indentation), which is
 * empty; API-SHAPES.md in the shared interop folder describes every field.
 */
export interface MgAddress {
  line1?: string;
  line2?: string;
  line3?: string;
  line4?: string;
  postcode?: string;
  phone?: string;
  mobile?: string;
  email?: string;
}
export interface MgCouncillor {
  id: number;
  fullUserName: string;
  photoSmallUrl: string;
  photoBigUrl: string;
  party: string;
  district: string;
  representing: string;
  keyPosts: string;
  workAddress: MgAddress;
  homeAddress: MgAddress;
  surgery: string[] | null;
  terms: Array<{ start: string; end: string }> | null;
}
export interface MgCommittee {
  id: number;
  title: string;
  deleted: boolean;
  expired: boolean;
  category: string;
}
export interface MgMeetingSummary {
  id: number;
  committeeId: number;
  date: string;
  status: string;
  time: string;
  webcast: boolean;
}
export interface MgLinkedDoc {
  id: number;
  title: string;
  url: string;
  restricted: boolean;
  restrictionsRef: string;
  publicationDate: string | null;
}
export interface MgAgendaItem {
  id: number;
  title: string;
  agendaHtml: string;
  ordinal: number;
  displayNumber: string;
  minutesHtml: string;
  minutesNumber: string;
  decisionHtml: string;
  restricted: boolean;
  documents: MgLinkedDoc[];
}
export interface MgAttendee {
  memberId: number;
  name: string;
  role: string;
  attendance: string;
  party: string;
  ward: string;
  keyPosts: string;
  photoSmallUrl: string;
  photoBigUrl: string;
}
export interface MgMeeting {
  id: number;
  date: string;
  status: string;
  time: string;
  location: string;
  webcast: boolean;
  agendaPublished: boolean;
  committeeTitle: string;
  items: MgAgendaItem[];
  attendees: MgAttendee[];
}

export type MgResponse =
  | { kind: "councillors"; wards: Array<{ title: string; councillors: MgCouncillor[] }> }
  | { kind: "committees"; committees: MgCommittee[] }
  | { kind: "meetings"; committees: Array<{ id: number; title: string }>; meetings: MgMeetingSummary[] }
  | { kind: "meeting"; meeting: MgMeeting };

const REPEATED = new Set(["ward", "councillor", "termofoffice", "committee", "meeting", "agendaitem", "linkeddoc", "attendee", "member"]);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => REPEATED.has(name),
});

type Node = Record<string, unknown>;
const EMPTY_FORM = /^[\r\n]+[ \t]*$/;

/** An element's text: "" for a missing or ModernGov-empty element. */
function text(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "string") return EMPTY_FORM.test(v) ? "" : v;
  if (typeof v === "object" && "#text" in (v as Node)) return text((v as Node)["#text"]);
  return "";
}
const node = (v: unknown): Node => (v && typeof v === "object" ? (v as Node) : {});
const list = (v: unknown): Node[] => (Array.isArray(v) ? v.map(node) : []);
const bool = (v: unknown): boolean => text(v).trim().toLowerCase() === "true";
function int(v: unknown, what: string): number {
  const s = text(v).trim();
  if (!/^-?\d{1,10}$/.test(s)) throw new MootError("bad_input", `${what}: expected a whole number, got "${s}"`);
  return Number(s);
}
/** dd/mm/yyyy → ISO; other text (ModernGov's "unspecified") unchanged; "" → null. */
export function isoDate(v: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v.trim());
  if (m) return `${m[3]}-${m[2]}-${m[1]}`;
  return v.trim() === "" ? null : v.trim();
}

function address(v: unknown): MgAddress {
  const n = node(v);
  const out: MgAddress = {};
  for (const k of ["line1", "line2", "line3", "line4", "postcode", "phone", "mobile", "email"] as const) {
    const t = text(n[k]);
    if (t) out[k] = t;
  }
  return out;
}

function councillor(c: Node): MgCouncillor {
  const surgery = c.surgerydetails === undefined ? null : Object.entries(node(c.surgerydetails));
  return {
    id: int(c.councillorid ?? c.memberid, "councillorid"),
    fullUserName: text(c.fullusername),
    photoSmallUrl: text(c.photosmallurl),
    photoBigUrl: text(c.photobigurl),
    party: text(c.politicalpartytitle),
    district: text(c.districttitle),
    representing: text(c.representing),
    keyPosts: text(c.keyposts),
    workAddress: address(c.workaddress),
    homeAddress: address(c.homeaddress),
    surgery:
      surgery === null
        ? null
        : surgery
            .filter(([k]) => /^line\d+$/.test(k))
            .sort(([a], [b]) => Number(a.slice(4)) - Number(b.slice(4)))
            .map(([, v]) => text(v)),
    terms:
      c.termsofoffice === undefined
        ? null
        : list(node(c.termsofoffice).termofoffice).map((t) => ({ start: text(t.startdate), end: text(t.enddate) })),
  };
}

function linkedDoc(d: Node): MgLinkedDoc {
  return {
    id: int(d.attachmentid, "attachmentid"),
    title: text(d.title),
    url: text(d.url),
    restricted: bool(d.isrestricted),
    restrictionsRef: text(d.restrictionsRef),
    publicationDate: isoDate(text(d.publicationdate)),
  };
}

function agendaItem(i: Node): MgAgendaItem {
  return {
    id: int(i.agendaitemid, "agendaitemid"),
    title: text(i.agendaitemtitle),
    agendaHtml: text(i.agendatext),
    ordinal: int(i.agendaitemnumber ?? "0", "agendaitemnumber"),
    displayNumber: text(i.fulldisplaynumberformat),
    minutesHtml: text(i.minutesnonemptyhtmlbody),
    minutesNumber: text(i.minutesitemnumber),
    decisionHtml: text(i.decisionnonemptyhtmlbody),
    restricted: bool(i.isrestricted),
    documents: list(node(i.linkeddocuments).linkeddoc).map(linkedDoc),
  };
}

function attendee(a: Node): MgAttendee {
  return {
    memberId: int(a["@_memberid"], "attendee memberid"),
    name: String(a["@_name"] ?? ""),
    role: String(a["@_roledescription"] ?? ""),
    attendance: String(a["@_attendance"] ?? ""),
    party: String(a["@_politicalparty"] ?? ""),
    ward: String(a["@_ward"] ?? ""),
    keyPosts: String(a["@_keyposts"] ?? ""),
    photoSmallUrl: text(a.photosmallurl),
    photoBigUrl: text(a.photobigurl),
  };
}

function meeting(m: Node): MgMeeting {
  const items = list(node(m.agendaitems).agendaitem).map(agendaItem);
  const firstDoc = list(node(m.agendaitems).agendaitem)
    .flatMap((i) => list(node(i.linkeddocuments).linkeddoc))
    .at(0);
  return {
    id: int(m.meetingid, "meetingid"),
    date: text(m.meetingdate),
    status: text(m.meetingstatus),
    time: text(m.meetingtime),
    location: text(m.meetinglocation),
    webcast: bool(m.iswebcast),
    agendaPublished: bool(m.agendapublished),
    committeeTitle: text(list(node(m.agendaitems).agendaitem).at(0)?.refertocommittee) || text(firstDoc?.committeetitle),
    items,
    attendees: list(node(m.attendees).attendee).map(attendee),
  };
}

/** One saved response, recognised by its root element. Not XML (an error or redirect page) is `bad_input`. */
export function parseModernGov(xml: string, file = "response"): MgResponse {
  const body = xml.replace(/^\uFEFF/, "");
  const valid = XMLValidator.validate(body);
  if (valid !== true)
    throw new MootError("bad_input", `${file}: not a ModernGov response (not XML: ${valid.err.msg}, line ${valid.err.line})`);
  const doc = parser.parse(body) as Node;
  if ("councillorsbyward" in doc) {
    const wards = list(node(node(doc.councillorsbyward).wards).ward);
    return {
      kind: "councillors",
      wards: wards.map((w) => ({ title: text(w.wardtitle), councillors: list(node(w.councillors).councillor).map(councillor) })),
    };
  }
  if ("committees" in doc) {
    return {
      kind: "committees",
      committees: list(node(doc.committees).committee).map((c) => ({
        id: int(c.committeeid, "committeeid"),
        title: text(c.committeetitle),
        deleted: bool(c.committeedeleted),
        expired: bool(c.committeeexpired),
        category: text(c.committeecategory),
      })),
    };
  }
  if ("getmeetings" in doc) {
    const committees = list(node(doc.getmeetings).committee);
    return {
      kind: "meetings",
      committees: committees.map((c) => ({ id: int(c.committeeid, "committeeid"), title: text(c.committeetitle) })),
      meetings: committees.flatMap((c) =>
        list(node(c.committeemeetings).meeting).map((m) => ({
          id: int(m.meetingid, "meetingid"),
          committeeId: int(c.committeeid, "committeeid"),
          date: text(m.meetingdate),
          status: text(m.meetingstatus),
          time: text(m.meetingtime),
          webcast: bool(m.iswebcast),
        })),
      ),
    };
  }
  if ("meeting" in doc) return { kind: "meeting", meeting: meeting(node(Array.isArray(doc.meeting) ? doc.meeting[0] : doc.meeting)) };
  const root = Object.keys(doc).find((k) => k !== "?xml") ?? "(none)";
  throw new MootError(
    "bad_input",
    `${file}: <${root}> is not a ModernGov response Moot imports (GetCouncillorsByWard, GetCommittees, GetMeetings, GetMeeting)`,
  );
}
