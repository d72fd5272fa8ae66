import { serve } from "@hono/node-server";
import type { Store } from "../store/open.js";
import { createApp } from "./app.js";

export function startServer(store: Store, opts: { port: number; hostname?: string }): Promise<{ url: string; close(): Promise<void> }> {
  const app = createApp(store);
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: opts.port, hostname: opts.hostname ?? "127.0.0.1" }, (info) => {
      resolve({
        url: `http://${opts.hostname === "0.0.0.0" ? "localhost" : opts.hostname ?? "localhost"}:${info.port}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}
