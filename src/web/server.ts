import { serve } from "@hono/node-server";
import type { Store } from "../store/open.js";
import type { AppOptions } from "./context.js";
import { createApp } from "./app.js";

/**
 * Serves the site over HTTP. A data-version check is reused for a second, so a cached page
 * costs no database round trip; a change is visible within that second.
 */
export function startServer(
  store: Store,
  opts: { port: number; hostname?: string } & AppOptions,
): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const { port, hostname, ...appOptions } = opts;
  const app = createApp(store, { freshnessMs: 1000, ...appOptions });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname: hostname ?? "127.0.0.1" }, (info) => {
      resolve({
        url: `http://${hostname === "0.0.0.0" || !hostname ? "127.0.0.1" : hostname}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((r) => {
            if ("closeAllConnections" in server) (server as { closeAllConnections(): void }).closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
