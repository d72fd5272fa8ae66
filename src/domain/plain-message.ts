import { clerkDate, instantToLondon } from "./time.js";

// What a clerk reads for a field the workflow names by its key.
const FIELD_LABELS: Record<string, string> = {
  urgencyReason: "Reason for urgency",
  localDate: "Date",
  localTime: "Time",
  dueDate: "Due date",
  forCount: "Votes for",
  againstCount: "Votes against",
  abstainCount: "Abstentions",
  exemptParagraph: "Exempt paragraph",
  substituteForId: "Substitute for",
  personId: "Person",
  reason: "Reason",
  category: "Category",
  title: "Title",
  text: "Text",
  description: "Description",
  venue: "Venue",
  name: "Name",
  slug: "Web address",
  kind: "Kind",
  parentId: "Part of",
  minuteScheme: "Minute numbers",
  activeFrom: "Set up on",
  activeTo: "Ends on",
  fromDate: "From",
  toDate: "To",
  role: "Role",
  coOptedKind: "Co-opted as",
  representing: "Representing",
  displayName: "Name shown",
  username: "User name",
  party: "Party",
  ward: "Ward",
  post: "Post",
  start: "Start",
  end: "End",
  confirm: "Confirmation",
  shortNoticeReason: "Reason for short notice",
  chairAgreedBy: "Chair who agreed",
  chairAgreedOn: "Date the Chair agreed",
};
const label = (key: string) =>
  FIELD_LABELS[key] ??
  key
    .replace(/Id$/, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/^./, (c) => c.toUpperCase());

/** An ISO instant as a person reads it, in London time: "1 December 2026 at 18:30". */
const INSTANT = /(?<![\w/.-])(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})(?![\w:-]|\.\w)/g;
/** A date standing on its own: not part of a file name or path ("pack-2026-12-01.pdf" stays). */
const DATE = /(?<![\w/.-])\d{4}-\d{2}-\d{2}(?![\w-]|\.\w)/g;

/**
 * A refusal as a clerk reads it, wherever it is shown (editor, command line, JSON API): field keys ("urgencyReason: …", "action.1.dueDate: …") become
 * their labels ("Reason for urgency: …") and ISO dates and instants are written out ("1 December 2026", "1 December 2026 at 18:30",
 * London time). Machine fields (an API error's `code` and `detail`) keep the raw text.
 * The field itself is still found from the raw message (fieldOf), so the link to it stays.
 */
export function plainMessage(message: string, fields: string[] = []): string {
  const keys = new Set(fields.concat(Object.keys(FIELD_LABELS)));
  return (
    message
      // "invalid registered interest: …" is how the store names a refused record, not how a clerk would.
      .replace(/^invalid [a-z ]+: (?=\S)/, "")
      .replace(/(^|[\s;(])\(record\): /g, "$1")
      .replace(/(^|[\s;(])([a-z][A-Za-z0-9]*)((?:\.[\w]+)*): /g, (whole, lead: string, key: string, path: string) => {
        const last = path ? path.split(".").pop()! : key;
        const named = keys.has(last) ? last : keys.has(key) ? key : null;
        return named ? `${lead}${label(named)}: ` : whole;
      })
      .replace(INSTANT, (iso, date: string) => {
        const t = new Date(iso);
        if (Number.isNaN(t.getTime()) || !isRealDate(date)) return iso;
        const london = instantToLondon(t);
        return `${clerkDate(london.date)} at ${london.time}`;
      })
      .replace(DATE, (iso) => (isRealDate(iso) ? clerkDate(iso) : iso))
  );
}

/**
 * Dates and instants written out, field names left as they are: for the command line, whose
 * field names are its flags (--slug, --date).
 */
export function plainDates(message: string): string {
  return message
    .replace(INSTANT, (iso, date: string) => {
      const t = new Date(iso);
      if (Number.isNaN(t.getTime()) || !isRealDate(date)) return iso;
      const london = instantToLondon(t);
      return `${clerkDate(london.date)} at ${london.time}`;
    })
    .replace(DATE, (iso) => (isRealDate(iso) ? clerkDate(iso) : iso));
}

/** "2026-02-30" stays as typed: only a real calendar date is written out. */
function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}
