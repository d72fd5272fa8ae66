import type { Context, Handler, MiddlewareHandler } from "hono";
import type { PublicUser } from "../../domain/account.js";
import type { App, AppEnv } from "../context.js";
import { signedIn } from "./session.js";

/**
 * Who may use a route. staff: clerks and admins. signed-in: any account (members get a
 * small dashboard). own-person: staff, or the member whose person id is the `:personId`
 * parameter (their own register of interests). admin: administrators only (accounts and
 * roles), so a clerk cannot give themselves more rights.
 */
export type Access = "staff" | "signed-in" | "own-person" | "admin";

function allowed(access: Access, user: PublicUser, c: Context<AppEnv>): boolean {
  if (access === "admin") return user.role === "admin";
  if (user.role === "admin" || user.role === "clerk") return true;
  if (access === "signed-in") return true;
  if (access === "own-person") return !!user.personId && c.req.param("personId") === user.personId;
  return false;
}

const denied = (c: Context<AppEnv>) =>
  c.html(
    `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Not allowed</title></head><body><main><h1>You cannot do this</h1><p>Your account does not give you access to this page. <a href="/editor">Go to the editor home</a>.</p></main></body></html>`,
    403,
    { "Cache-Control": "private, no-store" },
  );

/** Signed-out GETs are sent to sign in (and back); anything else without the right is 403. */
export function requireAccess(access: Access): MiddlewareHandler<AppEnv> {
  return async function requireAccess(c, next) {
    const who = signedIn(c);
    if (!who) {
      if (c.req.method === "GET" || c.req.method === "HEAD") {
        const url = new URL(c.req.url);
        return c.redirect(`/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
      }
      return denied(c);
    }
    if (!allowed(access, who.user, c)) return denied(c);
    await next();
  };
}

/** Registers a route with its access rule; every editor route goes through here. */
export function guarded(app: App, method: "get" | "post", path: string, access: Access, handler: Handler<AppEnv>): void {
  app[method](path, requireAccess(access), handler);
}
