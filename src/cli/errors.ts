import type { ZodError } from "zod";
import { MootError, formatZodError } from "../domain/errors.js";
import { plainDates } from "../domain/plain-message.js";

export const EXIT: Record<string, number> = {
  invalid: 65,
  bad_input: 65,
  no_text_layer: 65,
  too_large: 65,
  not_found: 66,
  conflict: 73,
  locked: 73,
  rule: 73,
  forbidden: 77,
  unauthenticated: 77,
  config: 78,
  timeout: 75,
  rate_limited: 75,
};

/**
 * One clear line on stderr and a non-zero exit code, whatever went wrong. Refusals read as the
 * editor's do (plain-message.ts): dates as a clerk writes them; field names stay, as they are the flags.
 */
export function reportError(error: unknown): number {
  if (error instanceof MootError) {
    console.error(`moot: ${plainDates(error.message)}`);
    return EXIT[error.code] ?? 1;
  }
  // By name, not instanceof: the command line loads zod only for the commands that use it.
  if ((error as Error | null)?.name === "ZodError" && Array.isArray((error as ZodError).issues)) {
    console.error(`moot: ${plainDates(formatZodError(error as ZodError))}`);
    return 65;
  }
  const e = error as NodeJS.ErrnoException;
  if (e?.code === "ENOENT") {
    console.error(`moot: no such file: ${e.path ?? e.message}`);
    return 66;
  }
  if (e?.code === "ECONNREFUSED") {
    console.error(`moot: cannot reach the database (${e.message}); check DATABASE_URL`);
    return 78;
  }
  console.error(`moot: ${e?.message ?? String(error)}`);
  if (process.env.MOOT_DEBUG) console.error(error);
  return 1;
}
