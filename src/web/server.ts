import { createServer } from "node:http";
import { getRequestListener } from "@hono/node-server";
import type { Store } from "../store/open.js";
import type { AppOptions } from "./context.js";
import { createApp, pageCacheOf, settleIncoming } from "./app.js";

/**
 * Serves the site over HTTP. The data version is rechecked at most once a second, so a cached
 * page costs no database round trip (a change shows within that second); cached public pages
 * are answered before Hono is involved at all.
 */
export function startServer(
  store: Store,
  opts: { port: number; hostname?: string } & AppOptions,
): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const { port, hostname, ...appOptions } = opts;
  const app = createApp(store, { freshnessMs: 1000, ...appOptions });
  const cache = pageCacheOf(app)!;
  cache.startPolling();
  cache.renderAheadWith(async (url) => app.fetch(new Request(url)));
  const viaHono = getRequestListener(app.fetch);
  const server = createServer((req, res) => {
    if (!cache.serveNode(req, res)) void settleIncoming(app, req).then(() => viaHono(req, res));
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve) => {
    server.listen(port, hostname ?? "127.0.0.1", () => {
      const actual = (server.address() as { port: number }).port;
      resolve({
        url: `http://${hostname === "0.0.0.0" || !hostname ? "127.0.0.1" : hostname}:${actual}`,
        port: actual,
        close: async () => {
          cache.stopPolling();
          // A page being rendered ahead still reads the store: let it finish before the caller closes that.
          const rendering = cache.renderAheadWith(null);
          await new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          });
          await rendering;
        },
      });
    });
  });
}
