import type { ServerResponse } from "node:http";
import type { Context } from "hono";

/**
 * Fires when the client hangs up before its answer is written, so a search waiting for a slot
 * leaves the queue (store/search-gate.ts) and a running one is cancelled.
 *
 * Served by Node, the signal comes from the response's own `close`: reading `c.req.raw.signal`
 * makes @hono/node-server build the whole fetch Request (headers copied, an undici object),
 * which was a twentieth of a search's time in the web process. Elsewhere (app.request() in tests,
 * other runtimes) the Request's own signal serves.
 */
export function abandonedSignal(c: Context): AbortSignal {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (!outgoing || typeof outgoing.once !== "function") return c.req.raw.signal;
  const controller = new AbortController();
  if (outgoing.closed) controller.abort(gone());
  else
    outgoing.once("close", () => {
      if (!outgoing.writableFinished) controller.abort(gone());
    });
  return controller.signal;
}

const gone = () => new Error("the client closed the connection before its answer");
