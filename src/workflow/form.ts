import type { z } from "zod";
import { invalid } from "../domain/errors.js";

/**
 * Parses a partial edit. Domain fields carry `.default(null)`, which zod applies to absent
 * keys even under `.partial()`; an edit must only touch the fields the caller gave.
 */
export function parseEdit<S extends z.ZodType>(schema: S, input: unknown, what: string): Partial<z.infer<S>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, what);
  const given = new Set(Object.keys((input ?? {}) as object).filter((k) => (input as Record<string, unknown>)[k] !== undefined));
  return Object.fromEntries(Object.entries(parsed.data as object).filter(([k]) => given.has(k))) as Partial<z.infer<S>>;
}
