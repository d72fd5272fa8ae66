import { prevFilled, type FlatLine } from "../segment/lines.js";

/**
 * Genre pattern: a letterhead centred over two lines, the place on one and the kind of body on
 * the next ("ABERLLYN" / "COMMUNITY COUNCIL", "Little Loxley Parish" / "Council"). Alone, the
 * second line names no body; with the line above it, it names the council.
 */
const KIND_LINE_RE = /^(?:(?:parish|town|community|village|city|county|district|borough)\s+)?council$/i;
const KIND_TAIL_RE = /\s(?:parish|town|community|village|city|county|district|borough)$/i;
/** A place name: capitalised words and the small words place names use, no digits or sentence marks. */
const PLACE_RE = /^[A-Z][A-Za-z’'.-]*(?:(?:\s+|-)(?:[A-Z][A-Za-z’'.-]*|and|&|with|on|upon|in|under|the|of|cum|by|le|ac|a|ar|y|yr))*$/;
const NOT_PLACE_RE =
  /\b(?:agenda|minutes|meeting|notice|summons|clerk|chair(?:man)?|present|apologies|dear|councillors?|members?|report|held|date|time|venue|rhaglen|cofnodion)\b/i;

export function centredName(lines: FlatLine[], k: number): string | null {
  const t = lines[k]?.text.trim() ?? "";
  if (t.length > 40) return null;
  const j = prevFilled(lines, k, Math.max(0, k - 3));
  if (j < 0 || j < k - 2) return null;
  const above = lines[j]!.text.trim();
  if (above.length > 50 || !PLACE_RE.test(above) || NOT_PLACE_RE.test(above) || above.split(/\s+/).length > 5) return null;
  // "ABERLLYN" / "COMMUNITY COUNCIL", or "ABERLLYN COMMUNITY" / "COUNCIL".
  if (/^council$/i.test(t) ? KIND_TAIL_RE.test(above) : KIND_LINE_RE.test(t)) {
    // Both halves set the same way (capitals or not): a heading, not a sentence's end.
    if ((above === above.toUpperCase()) !== (t === t.toUpperCase())) return null;
    return `${above} ${t}`;
  }
  return null;
}
