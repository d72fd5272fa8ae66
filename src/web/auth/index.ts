import type { MiddlewareHandler } from "hono";
import type { App, AppEnv } from "../context.js";
import { csrfGuard, sessionViewer } from "./session.js";
import { registerSignIn } from "./sign-in.js";

/** Session → viewer, then the CSRF check on every state-changing request (in this order). */
export const AUTH_MIDDLEWARE: MiddlewareHandler<AppEnv>[] = [sessionViewer(), csrfGuard()];

export function mountAuth(app: App): void {
  registerSignIn(app);
}
