import type { Context } from "hono";
import { ZodError } from "zod";
import { ConflictError, MootError, formatZodError } from "../../domain/errors.js";
import type { AppEnv } from "../context.js";
import { CSRF_FIELD } from "../auth/session.js";
import { STATUS } from "../http/errors.js";
import { redirectWith, type EditorStatus, type FormState } from "./shell.js";

export type FormBody = Record<string, string>;

/** Text fields of a posted form (files are read by the route that expects them). */
export async function formBody(c: Context<AppEnv>): Promise<{ values: FormBody; files: Record<string, File> }> {
  const raw = await c.req.parseBody({ all: true });
  const values: FormBody = {};
  const files: Record<string, File> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === CSRF_FIELD) continue;
    const one = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof one === "string") values[k] = one;
    else if (one instanceof File && one.size > 0) files[k] = one;
  }
  return { values, files };
}

/** Form text to workflow input: blank means "not given". */
export const opt = (b: FormBody, k: string): string | undefined => (b[k]?.trim() ? b[k].trim() : undefined);
/** Blank means "clear it". */
export const orNull = (b: FormBody, k: string): string | null => (b[k]?.trim() ? b[k].trim() : null);
export const bool = (b: FormBody, k: string): boolean => b[k] === "on" || b[k] === "true" || b[k] === "1";
export function intOrNull(b: FormBody, k: string): number | null {
  const v = b[k]?.trim();
  if (!v) return null;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new MootError("invalid", `${k}: expected a whole number (got "${v}")`);
  return n;
}

// The same statuses as every other answer (http/errors.tsx); a form only re-renders, never 500s.
const statusOf = (code: string): EditorStatus => {
  const s: number = code === "unauthenticated" ? 400 : (STATUS[code] ?? 400);
  return (s >= 500 && s !== 504 ? 400 : s) as EditorStatus;
};

/** The form field a workflow message names ("localDate: expected …"), when it names one. */
export function fieldOf(message: string, fields: string[]): string | undefined {
  let best: { field: string; at: number } | undefined;
  for (const f of fields) {
    const m = new RegExp(`(^|[\\s:;.(])${f}(\\.[\\w.]+)?: `).exec(message);
    if (m && (!best || m.index < best.at)) best = { field: f, at: m.index };
  }
  return best?.field;
}

/**
 * Runs one form submission: the workflow call, then a redirect with a message; a refusal
 * re-renders the page with everything typed still there, the message and the field named.
 * Errors other than MootError/ZodError are real faults and go to the app's error handler.
 */
export async function submit(
  c: Context<AppEnv>,
  opts: {
    form: string;
    values: FormBody;
    run: () => Promise<{ to: string; message: string } | Response>;
    rerender: (state: FormState, status: EditorStatus) => Promise<Response>;
  },
): Promise<Response> {
  try {
    const r = await opts.run();
    return r instanceof Response ? r : redirectWith(c, r.to, r.message);
  } catch (e) {
    if (!(e instanceof MootError) && !(e instanceof ZodError)) throw e;
    const message = e instanceof ZodError ? formatZodError(e) : e.message;
    const code = e instanceof MootError ? e.code : "invalid";
    const field = fieldOf(message, Object.keys(opts.values).concat(EXTRA_FIELDS));
    if (e instanceof ConflictError) {
      // Keep everything typed; the next save is made from the version now shown.
      const values = { ...opts.values, revision: String(e.current.revision ?? "") };
      return opts.rerender({ form: opts.form, values, error: message, conflict: e.current }, statusOf(code));
    }
    return opts.rerender({ form: opts.form, values: opts.values, error: message, field }, statusOf(code));
  }
}

// Fields a workflow names that a form may leave blank (and so not post at all).
export const EXTRA_FIELDS = [
  "reason",
  "urgencyReason",
  "localDate",
  "localTime",
  "title",
  "text",
  "exemptParagraph",
  "substituteForId",
  "personId",
  "category",
  "confirm",
  "shortNoticeReason",
  "chairAgreedBy",
  "chairAgreedOn",
  "substituteForId",
];

/** A destructive or irreversible form posts its ticked confirmation box, or nothing happens. */
export function requireConfirm(values: FormBody, what: string): void {
  if (!bool(values, "confirm")) throw new MootError("invalid", `confirm: tick the box to confirm you want to ${what}`);
}

/** A path parameter of a guarded route (always present when the route matched). */
export function param(c: Context<AppEnv>, name: string): string {
  return c.req.param(name) ?? "";
}
