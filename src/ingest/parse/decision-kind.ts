import type { Decision } from "../../domain/decision.js";

/**
 * What a minuted decision is, from the words just before it ("RECOMMENDED that", "RESOLVED")
 * and its own opening ("noted the report").
 */
export function decisionKind(before: string, text: string): Decision["kind"] {
  const lead = `${before.slice(-40)} ${text.slice(0, 20)}`.toLowerCase();
  if (/\brecommend/.test(lead)) return "recommended";
  if (/\b(?:noted|to note|note the|notes the)\b/.test(text.slice(0, 30).toLowerCase())) return "noted";
  if (/\bresolved\b/.test(lead)) return "resolved";
  if (/\bagreed\b/.test(lead)) return "agreed";
  if (/\bnoted\b/.test(lead)) return "noted";
  return "resolved";
}
