/**
 * The genre's heading words, English and Welsh: what a line that opens a set of minutes, an
 * attendance list or an apologies list says. Councils in Wales print minutes in Welsh, or both
 * languages side by side ("PRESENNOL / PRESENT"), so every test here accepts either.
 */

/** "Present", "Members present were", "Members of the Council present were", "Sederunt" (Scotland), "Presennol" / "Yn bresennol" (Welsh). */
export const PRESENT_WORDS = String.raw`(?:(?:committee\s+|voting\s+|council\s+)?members(?:\s+of\s+the\s+(?:[\w-]+\s+){0,2}(?:council|committee|board))?\s+|councillors\s+)?(?:present|sederunt|attendees|in attendance|attendance|(?:yn\s+)?bresennol|presennol)`;

/** "Apologies", "Apologies for absence", "Ymddiheuriadau" (Welsh). */
export const APOLOGIES_WORDS = String.raw`(?:apologies(?: for absence)?|ymddiheuriadau(?: am absenoldeb)?)`;

/**
 * A leading item number that some minutes print before the attendance label: "1. Present:",
 * or a letter when attendance is a sub-item of minute 1 ("a) Present:", "(b) Apologies").
 */
export const ITEM_PREFIX = String.raw`(?:(?:\d{1,3}[a-z]?[.)]?|\(?[a-z][.)])\s+)?`;

/**
 * A line that titles a set of minutes: "Minutes of a meeting of …", "MINUTES OF THE 421st
 * MEETING", "Draft minutes", "Minutes" alone, "Cofnodion" (Welsh). The minutes of an earlier
 * meeting named as an agenda item ("Minutes of the previous meeting") are not a title.
 */
export function isMinutesTitle(text: string): boolean {
  const t = text.trim();
  if (t.length > 200) return false;
  if (/\b(?:previous|last|preceding)\s+(?:meeting|minutes)\b|\bto (?:confirm|approve|agree|sign)\b/i.test(t)) return false;
  return /^(?:(?:draft|unconfirmed|approved|confirmed|signed)\s+)?(?:minutes|cofnodion)(?:\s*$|\s+(?:of|for|from)\b|\s*[-–:])/i.test(t);
}

/** A line that titles an agenda: "Agenda", "AGENDA", "Rhaglen" (Welsh), "Summons and agenda". */
export function isAgendaTitle(text: string): boolean {
  return /^(?:(?:summons|notice of meeting)(?:\s+and\s+agenda)?|agenda|rhaglen|agenda\s*\/\s*rhaglen|rhaglen\s*\/\s*agenda)\s*:?$/i.test(
    text.trim(),
  );
}

const LABEL_WORDS = ["present", "apologies", "absent", "attendance", "sederunt", "presennol", "ymddiheuriadau", "officers"];

/**
 * Genre pattern: a PDF whose font maps a letter to nothing prints a label as "PRESE�T". A
 * first word with unreadable letters that fits exactly one label word, letter for letter, is
 * that word.
 */
export function repairLabelWord(text: string): string {
  const m = /^(\S*\uFFFD\S*?)(?=[\s:\-–\t]|$)/.exec(text);
  if (!m || m[1]!.length < 5) return text;
  const re = new RegExp(`^${m[1]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\uFFFD/g, "[a-z]")}$`, "i");
  const fits = LABEL_WORDS.filter((w) => re.test(w));
  if (fits.length !== 1) return text;
  const word = m[1] === m[1]!.toUpperCase() ? fits[0]!.toUpperCase() : fits[0]!;
  return word + text.slice(m[1]!.length);
}
