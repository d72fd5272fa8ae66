import { z } from "zod";

/**
 * The importer's contract: the shape of `../shared/corpus/FORMAT.md` (version 1).
 * Extraction is pure data; the loader alone maps it into records.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");
const hhmm = z.string().regex(/^\d{2}:\d{2}$/, "expected HH:MM");

export const ExtractedAgendaItem = z.object({
  number: z.string(),
  title: z.string(),
  pages: z.tuple([z.number().int(), z.number().int()]).nullable(),
  exempt: z.boolean(),
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

export const Extraction = z.object({
  schemaVersion: z.literal(1),
  source: z.string(),
  authority: z.string().nullable(),
  meetings: z.array(ExtractedMeeting),
  reports: z.array(ExtractedReport),
  actions: z.array(ExtractedAction),
  workProgramme: z.array(ExtractedWorkProgrammeRow),
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
export type ProvenanceRef = z.infer<typeof ProvenanceRef>;
export type ExtractionProvenance = z.infer<typeof ExtractionProvenance>;
