import { z } from "zod";

/**
 * UK postcodes as people type them ("sw1a1aa", "SW1A  1AA", " m1 1ae ") and as the ONS
 * postcode directory prints them (pcd: padded to 7, pcds: one space): the canonical form is
 * upper case with one space before the inward code ("SW1A 1AA"), the form lookups key on.
 */
const SHAPE = /^(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2}$/;

export function normalisePostcode(raw: string | null | undefined): string | null {
  const compact = (raw ?? "").toUpperCase().replace(/\s+/g, "");
  if (compact.length < 5 || compact.length > 7) return null;
  const canonical = `${compact.slice(0, -3)} ${compact.slice(-3)}`;
  return SHAPE.test(canonical) ? canonical : null;
}

/** One postcode's ward, for an authority (GetCouncillorsByPostcode). */
export const WardPostcode = z.object({
  postcode: z.string().refine((p) => normalisePostcode(p) === p, "a postcode in canonical form, like SW1A 1AA"),
  ward: z.string().trim().min(1).max(200),
});
export type WardPostcode = z.infer<typeof WardPostcode>;

/**
 * Ward names compared as written by different sources: the ONS ("St. Mary's & Castle") and
 * the council's own list ("St Mary's and Castle") name the same ward. Case, "&"/"and", full
 * stops and spacing are folded; nothing else is guessed.
 */
export function normaliseWard(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[.,'’]/g, "")
    .replace(/[\s-]+/g, " ")
    .trim();
}
