import { z } from "zod";
import { DecisionKind } from "./decision.js";

/**
 * The importer's contract: the shape of `../shared/corpus/FORMAT.md` (version 1), plus optional
 * fields the scorer ignores that carry what the loader needs beyond it (the file's page text,
 * the papers cut from it, exempt paragraphs, decision kinds, minute text). Extraction is pure
 * data; the loader alone maps it into records and never looks at pages.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");
const hhmm = z.string().regex(/^\d{2}:\d{2}$/, "expected HH:MM");

export const ExtractedAgendaItem = z.object({
  number: z.string(),
  title: z.string(),
  pages: z.tuple([z.number().int(), z.number().int()]).nullable(),
  exempt: z.boolean(),
  /**
   * The Schedule 12A paragraph (1-7) printed for an exempt item; absent (or null) when none is printed.
   * Not in FORMAT.md version 1, so optional (additive).
   */
  exemptParagraph: z.number().int().min(1).max(7).nullable().optional(),
});

export const ExtractedMember = z.object({
  name: z.string(),
  role: z.enum(["Chair", "Vice-Chair"]).nullable(),
  kind: z.enum(["councillor", "co-opted", "other"]),
});

export const ExtractedAttendance = z.object({
  present: z.array(z.string()),
  apologies: z.array(z.string()),
  substitutes: z.array(z.object({ name: z.string(), for: z.string().nullable() })),
  officers: z.array(z.string()),
  alsoPresent: z.array(z.string()),
});

export const ExtractedMinute = z.object({
  number: z.string(),
  title: z.string(),
  decisions: z.array(z.string()),
  /**
   * What each decision is ("RECOMMENDED that…", "noted the report"), index for index with
   * `decisions`. Not in FORMAT.md version 1, so optional (additive).
   */
  decisionKinds: z.array(DecisionKind).optional(),
  /**
   * The minute's text as printed under its heading, paragraphs separated by a blank line. Not
   * in FORMAT.md version 1, so optional (additive): the loader stores it, so an imported
   * meeting reads as minutes.
   */
  text: z.string().optional(),
});

export const ExtractedDeclaration = z.object({
  member: z.string(),
  item: z.string().nullable(),
  interest: z.string(),
});

/**
 * A vote printed in the minutes: counts as printed, and each named member's position as
 * printed ("Mr Baker"). Not in FORMAT.md version 1, so optional (additive).
 */
export const ExtractedVote = z.object({
  /** The minute it was taken under, as numbered in `minutes`. */
  minute: z.string().nullable(),
  question: z.string(),
  result: z.enum(["carried", "lost", "tied-carried", "tied-lost"]).nullable(),
  counts: z.object({ for: z.number().int(), against: z.number().int(), abstain: z.number().int() }),
  positions: z.array(z.object({ name: z.string(), position: z.enum(["for", "against", "abstain", "absent", "present-not-voting"]) })),
});

export const ExtractedMeeting = z.object({
  committee: z.string().nullable(),
  date: isoDate.nullable(),
  time: hhmm.nullable(),
  venue: z.string().nullable(),
  hasAgenda: z.boolean(),
  hasMinutes: z.boolean(),
  agenda: z.array(ExtractedAgendaItem),
  members: z.array(ExtractedMember),
  attendance: ExtractedAttendance,
  minutes: z.array(ExtractedMinute),
  declarations: z.array(ExtractedDeclaration),
  votes: z.array(ExtractedVote).optional(),
});

export const ExtractedReport = z.object({
  title: z.string(),
  meetingDate: isoDate.nullable(),
  author: z.string().nullable(),
  service: z.string().nullable(),
  wards: z.string().nullable(),
});

export const ExtractedAction = z.object({
  source: z.string().nullable(),
  ref: z.string().nullable(),
  text: z.string(),
  owner: z.string().nullable(),
  due: z.string().nullable(),
  status: z.string().nullable(),
});

export const ExtractedWorkProgrammeRow = z.object({
  meetingDate: isoDate.nullable(),
  item: z.string(),
  responsible: z.array(z.string()),
});

/** What the file is as a whole; the loader stores the original once, as this. */
export const FileKind = z.enum(["agenda-pack", "front-sheet", "minutes", "report", "other"]);

/**
 * One physical page of the file as read: `number` is its position (1-based), `printed` the page
 * number printed on it, `text` its text, which provenance spans index into.
 */
export const ExtractedPage = z.object({
  number: z.number().int().positive(),
  printed: z.number().int().nullable(),
  text: z.string(),
});

/**
 * A paper cut from the file (a report, an appendix, a meeting's minutes, an exempt item's
 * pages): its physical pages of the original, what it is, and where it belongs.
 */
export const ExtractedDocument = z.object({
  kind: z.enum(["report", "appendix", "minutes", "other"]),
  title: z.string().min(1),
  /** First and last physical page of the original, both inside the file. */
  pages: z.tuple([z.number().int().positive(), z.number().int().positive()]).refine(([a, b]) => b >= a, "last page before first"),
  /** The agenda item of the file's own meeting (the first with an agenda) it belongs to, by number. */
  item: z.string().nullable(),
  /** For a meeting's minutes: that meeting, by index into `meetings`. */
  meeting: z.number().int().nonnegative().nullable(),
  /** A placeholder for papers not for publication ("Document is Restricted"): withheld. */
  withheld: z.boolean(),
  /** The Schedule 12A paragraph a withheld paper is exempt under, when printed. */
  exemptParagraph: z.number().int().min(1).max(7).nullable(),
});

export const Extraction = z.object({
  schemaVersion: z.literal(1),
  source: z.string(),
  authority: z.string().nullable(),
  meetings: z.array(ExtractedMeeting),
  reports: z.array(ExtractedReport),
  actions: z.array(ExtractedAction),
  workProgramme: z.array(ExtractedWorkProgrammeRow),
  /** Not in FORMAT.md version 1, so optional (additive): what the loader stores of the file. */
  fileKind: FileKind.optional(),
  pages: z.array(ExtractedPage).optional(),
  documents: z.array(ExtractedDocument).optional(),
});

/**
 * Where an extracted value came from. Keyed by JSON pointer into the Extraction
 * ("/meetings/0/date", "/actions/3/text"), so the FORMAT.md shape stays untouched.
 */
export const ProvenanceRef = z.object({
  page: z.number().int().positive(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  extractor: z.string(),
  confidence: z.number().min(0).max(1),
});
export const ExtractionProvenance = z.record(z.string(), ProvenanceRef);

export type Extraction = z.infer<typeof Extraction>;
export type ExtractedMeeting = z.infer<typeof ExtractedMeeting>;
export type ExtractedAgendaItem = z.infer<typeof ExtractedAgendaItem>;
export type ExtractedMember = z.infer<typeof ExtractedMember>;
export type ExtractedAttendance = z.infer<typeof ExtractedAttendance>;
export type ExtractedMinute = z.infer<typeof ExtractedMinute>;
export type ExtractedDeclaration = z.infer<typeof ExtractedDeclaration>;
export type ExtractedVote = z.infer<typeof ExtractedVote>;
export type ExtractedReport = z.infer<typeof ExtractedReport>;
export type ExtractedAction = z.infer<typeof ExtractedAction>;
export type ExtractedWorkProgrammeRow = z.infer<typeof ExtractedWorkProgrammeRow>;
export type FileKind = z.infer<typeof FileKind>;
export type ExtractedPage = z.infer<typeof ExtractedPage>;
export type ExtractedDocument = z.infer<typeof ExtractedDocument>;
export type ProvenanceRef = z.infer<typeof ProvenanceRef>;
export type ExtractionProvenance = z.infer<typeof ExtractionProvenance>;

/**
 * What a file is as a whole, from its Extraction: a meeting's agenda pack; a front sheet when
 * it holds an agenda most of whose items' printed page ranges lie outside the file ("Pages 277 to 326" on a
 * two-page summons: the papers are in a pack it is not, even if an early range such as "Pages 1
 * to 10" happens to take in its own pages); a set of minutes when it carries minutes and no
 * agenda; a report when it carries only report covers; otherwise a paper. Without `pages`, no
 * printed range can be placed and an agenda is taken as the pack.
 */
export function fileKindOf(x: Pick<Extraction, "meetings" | "reports" | "pages">): FileKind {
  const agendas = x.meetings.filter((m) => m.hasAgenda);
  if (agendas.length) {
    const pages = x.pages ?? [];
    const ranged = agendas.flatMap((m) => m.agenda).filter((a) => a.pages && a.pages[0] > 0);
    const at = (p: ExtractedPage) => p.printed ?? p.number;
    const inFile = (a: ExtractedAgendaItem) => pages.some((p) => at(p) >= a.pages![0] && at(p) <= Math.max(a.pages![0], a.pages![1]));
    const inside = ranged.filter(inFile).length;
    return pages.length && ranged.length && inside * 2 < ranged.length ? "front-sheet" : "agenda-pack";
  }
  if (x.meetings.some((m) => m.hasMinutes)) return "minutes";
  if (x.reports.length) return "report";
  return "other";
}
