import type { MiddlewareHandler } from "hono";
import type { App, AppEnv } from "./context.js";
import { AUTH_MIDDLEWARE, mountAuth } from "./auth/index.js";
import { mountEditor } from "./editor/index.js";
import { registerVoteEditor } from "./editor/votes.js";
import { modernGovPosts, mountModernGov } from "./interop/moderngov/routes.js";
import { mountOParl } from "./interop/oparl/routes.js";
import { mountOpenData } from "./interop/open-data.js";
import { alertKick, mountAlerts } from "./alerts/index.js";

/**
 * What other modules add to the public app (the editor, sign-in), in one place so the server,
 * the CLI and the tests all build the same app; the leak test enumerates these routes too.
 * Add a mount function here: `MOUNTS.push(mountEditor)` style entries, listed statically.
 *
 * - MIDDLEWARE runs before every route: set `c.set("viewer", …)` from a session there.
 * - MOUNTS receive the app: `app.get("/editor/…", …)`. Reuse `Layout`/`renderPage` from app.ts.
 * Public GET answers are cached and shared unless they set Cache-Control or a cookie.
 */
export const MIDDLEWARE: MiddlewareHandler<AppEnv>[] = [modernGovPosts(), ...AUTH_MIDDLEWARE, alertKick()];
export const MOUNTS: Array<(app: App) => void> = [
  mountAuth,
  mountEditor,
  registerVoteEditor,
  mountModernGov,
  mountOParl,
  mountOpenData,
  mountAlerts,
];
