import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { bodyLimit } from "hono/body-limit";
import { MootError } from "../../domain/errors.js";
import { Scope } from "../../store/records.js";
import { userForSession } from "../../workflow/accounts.js";
import type { AppEnv } from "../context.js";
import type { Store } from "../../store/open.js";
import { SESSION_COOKIE } from "../auth/session.js";

/** Largest body anyone may send (forms, SOAP calls, sign-in), in KB; MOOT_MAX_FORM_KB changes it. */
export const DEFAULT_FORM_KB = 64;
/** Largest body a signed-in user may send (paper uploads), in MB; MOOT_MAX_UPLOAD_MB changes it. */
export const DEFAULT_UPLOAD_MB = 100;

function setting(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

export interface BodyLimits {
  formBytes: number;
  uploadBytes: number;
}

export const bodyLimitsFromEnv = (): BodyLimits => ({
  formBytes: Math.round(setting("MOOT_MAX_FORM_KB", DEFAULT_FORM_KB) * 1024),
  uploadBytes: Math.round(setting("MOOT_MAX_UPLOAD_MB", DEFAULT_UPLOAD_MB) * 1024 * 1024),
});

const tooLarge = (limit: number, signedIn: boolean) => (): never => {
  const size = limit >= 1024 * 1024 ? `${Math.round(limit / (1024 * 1024))} MB` : `${Math.round(limit / 1024)} KB`;
  throw new MootError(
    "too_large",
    signedIn
      ? `That upload is larger than the ${size} this site accepts. Make the file smaller, or split it, and try again.`
      : `That was more than the ${size} this site accepts from a form. Make it shorter and try again.`,
  );
};

/**
 * Refuses an oversized body before anything reads it: a declared length over the limit is
 * answered 413 without touching the body, and a streamed body is cut off as soon as it passes
 * the limit (hono's bodyLimit). It runs before the session, CSRF and SOAP middleware, all of
 * which parse bodies. Only a request carrying a live session may send the larger upload limit;
 * the session is looked up only when the body could be over the form limit.
 */
export function requestBodyLimit(store: Store, limits: BodyLimits): MiddlewareHandler<AppEnv> {
  const anonymous = bodyLimit({ maxSize: limits.formBytes, onError: tooLarge(limits.formBytes, false) });
  const upload = bodyLimit({ maxSize: limits.uploadBytes, onError: tooLarge(limits.uploadBytes, true) });
  return async function requestBodyLimit(c, next) {
    // GET and HEAD carry no body (Node's adapter gives them none); asked first, because reading
    // `c.req.raw.body` makes @hono/node-server build the whole fetch Request for every page.
    const method = c.req.method;
    if (method === "GET" || method === "HEAD" || !c.req.raw.body) return next();
    const declared = Number(c.req.header("content-length") ?? Number.NaN);
    const small = Number.isFinite(declared) && declared <= limits.formBytes && !c.req.header("transfer-encoding");
    if (small) return next();
    return (await mayUpload(c, store, c.get("authority")?.id)) ? upload(c, next) : anonymous(c, next);
  };
}

async function mayUpload(c: Context<AppEnv>, store: Store, authorityId: string | undefined): Promise<boolean> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token || !authorityId) return false;
  return !!(await userForSession(new Scope(store, authorityId, "web"), token));
}
