import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.js";
import { alertDeliveryFor } from "../../workflow/alerts/runner.js";

export { mountAlerts } from "./routes.js";

/**
 * After a clerk's change (any successful write under /editor: publishing an agenda, approving
 * minutes), asks the store's alert delivery for a run, so subscribers hear promptly. The run
 * itself decides what is owed; a kick with nothing to send costs one query.
 */
export function alertKick(): MiddlewareHandler<AppEnv> {
  return async function alertKick(c, next) {
    await next();
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.res.status >= 400) return;
    if (!new URL(c.req.url).pathname.includes("/editor/")) return;
    alertDeliveryFor(c.get("store"))?.kick();
  };
}
