import type { ZodError } from "zod";

/** Stable codes shared by the CLI (exit codes) and the web layer (HTTP statuses). */
export const ERROR_CODES = [
  "invalid", // a record or input failed validation
  "not_found",
  "conflict", // a natural key, or someone else's newer save, prevents the change
  "forbidden",
  "unauthenticated",
  "bad_input", // a file could not be read
  "no_text_layer", // a PDF without extractable text
  "timeout",
  "too_large",
  "locked", // approved minutes and other legal records
  "rule", // a workflow rule refused the change (e.g. publication deadline)
  "rate_limited", // too many sign-in attempts
  "config",
] as const;
export type MootErrorCode = (typeof ERROR_CODES)[number];

export class MootError extends Error {
  override readonly name = "MootError";
  constructor(
    readonly code: MootErrorCode | (string & {}),
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A save made from a record that has changed since it was read; `current` is what is stored now. */
export class ConflictError extends MootError {
  constructor(
    message: string,
    readonly current: Record<string, unknown>,
  ) {
    super("conflict", message);
  }
}

/** "field: message" lines, as users and API clients read them. */
export function formatZodError(error: ZodError, prefix = ""): string {
  return error.issues.map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join(".") || "(record)"}: ${i.message}`).join("; ");
}

export function invalid(error: ZodError, what: string): MootError {
  return new MootError("invalid", `${what}: ${formatZodError(error)}`, { cause: error });
}
