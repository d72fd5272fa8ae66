import type { Context } from "hono";
import type { z } from "zod";
import { invalid } from "../../domain/errors.js";

/** Query parameters through a zod schema; a bad value becomes a 400 naming the field. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.req.query())) if (v !== "") raw[k] = v;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error, "invalid query");
  return parsed.data;
}
