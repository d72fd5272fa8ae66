import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import type { PublicUser } from "../../domain/account.js";
import { Scope } from "../../store/records.js";
import { userForSession, viewerFor } from "../../workflow/accounts.js";
import type { AppEnv } from "../context.js";

export const SESSION_COOKIE = "moot_session";
/** Pre-session double-submit cookie: protects the sign-in form itself (login CSRF). */
export const PRE_COOKIE = "moot_csrf";
export const CSRF_FIELD = "_csrf";

export interface SignedIn {
  user: PublicUser;
  token: string;
}

// Keyed by the raw Request so the app's shared Variables type stays as the web engineer set it.
const sessions = new WeakMap<Request, SignedIn>();

export function signedIn(c: Context<AppEnv>): SignedIn | undefined {
  return sessions.get(c.req.raw);
}

/** The Scope for a write by the signed-in user: the audit trail names them. */
export function actorScope(c: Context<AppEnv>): Scope {
  const who = signedIn(c);
  return new Scope(c.get("store"), c.get("authority").id, who ? `user:${who.user.username}` : "web");
}

export const isHttps = (c: Context): boolean => new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";

export function cookieOptions(c: Context, maxAge?: number) {
  return { path: "/", httpOnly: true, sameSite: "Lax" as const, secure: isHttps(c), ...(maxAge ? { maxAge } : {}) };
}

/**
 * Sets the viewer from the session cookie, so members see the exempt papers of their own
 * committees on the public pages (the page cache then keeps those answers private).
 * An unknown or expired token is dropped from the browser.
 */
export function sessionViewer(): MiddlewareHandler<AppEnv> {
  return async function sessionViewer(c, next) {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const scope = new Scope(c.get("store"), c.get("authority").id, "web");
      const user = await userForSession(scope, token);
      if (user) {
        sessions.set(c.req.raw, { user, token });
        c.set("viewer", await viewerFor(scope, user, c.get("today")));
      } else {
        deleteCookie(c, SESSION_COOKIE, { path: "/" });
      }
    }
    await next();
  };
}

// One new pre-session cookie per response, however many forms the page has.
const freshPre = new WeakMap<Request, string>();
const digest = (s: string) => createHash("sha256").update(s).digest("base64url");

/**
 * The form token for this browser: derived from the session token when signed in (a
 * synchronizer token the attacker cannot compute without the httpOnly cookie), else from
 * the pre-session cookie, which it sets when missing.
 */
export function csrfToken(c: Context<AppEnv>): string {
  const who = signedIn(c);
  if (who) return digest(`moot-csrf|${who.token}`);
  let pre = freshPre.get(c.req.raw) ?? getCookie(c, PRE_COOKIE);
  if (!pre || pre.length < 20) {
    pre = randomBytes(24).toString("base64url");
    freshPre.set(c.req.raw, pre);
    setCookie(c, PRE_COOKIE, pre, cookieOptions(c));
  }
  return digest(`moot-pre|${pre}`);
}

function expectedToken(c: Context<AppEnv>): string | undefined {
  const who = signedIn(c);
  if (who) return digest(`moot-csrf|${who.token}`);
  const pre = getCookie(c, PRE_COOKIE);
  return pre ? digest(`moot-pre|${pre}`) : undefined;
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const ONE_CLICK = /\/alerts\/unsubscribe\/[A-Za-z0-9_-]{32,64}$/;

/**
 * Every state-changing request must carry the form token (field `_csrf` or header
 * `X-CSRF-Token`); otherwise 403 before any route runs. No route can forget it.
 */
export function csrfGuard(): MiddlewareHandler<AppEnv> {
  return async function csrfGuard(c, next) {
    if (SAFE.has(c.req.method)) return next();
    // RFC 8058 one-click unsubscribe: mail clients post without a form token; the secret token
    // in the path is the whole capability, and all it can do is stop that subscription's emails.
    if (ONE_CLICK.test(new URL(c.req.url).pathname)) return next();
    const expected = expectedToken(c);
    let given = c.req.header("x-csrf-token");
    if (!given) {
      const type = c.req.header("content-type") ?? "";
      if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
        const body = await c.req.parseBody({ all: true });
        const v = body[CSRF_FIELD];
        given = typeof v === "string" ? v : undefined;
      }
    }
    if (!expected || !given || !same(expected, given)) {
      return c.html(
        `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Form expired</title></head><body><main><h1>This form has expired</h1><p>The form was missing its security token, or it came from another site. Go back, reload the page and try again.</p></main></body></html>`,
        403,
        { "Cache-Control": "private, no-store" },
      );
    }
    await next();
  };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
