import { createServer, type IncomingMessage } from "node:http";
import type { Store } from "../../store/open.js";
import { CACHE_KEY_HEADER, NO_SITE_KEY, ORIGINAL_URI_HEADER, PageCache, PROXY_KEY_PATH } from "./page-cache.js";
import { TenantDirectory } from "./tenants.js";

/** A proxy's version question, answered: the key and how long the proxy may keep it. */
export interface KeyAnswer {
  key: string;
  cacheControl: string;
}

/**
 * The answer to a reverse proxy's question (see proxy-config.ts): under which key are the public
 * pages at this address now? It names the authority and its data version; the proxy keeps the
 * answer for the freshness window, as a web process trusts its own, then serves it for one window
 * more while it asks again in the background (never longer). Only Cache-Control: with a no-store
 * there beside X-Accel-Expires, nginx kept nothing and every page waited for a busy process.
 */
export function keyAnswerer(tenants: TenantDirectory, cache: PageCache, freshnessMs: number) {
  const window = Math.floor(freshnessMs / 1000);
  const cacheControl = window > 0 ? `max-age=${window}, stale-while-revalidate=${window}` : "no-store";
  return async (host: string, originalUri: string | null): Promise<KeyAnswer> => {
    const original = new URL(originalUri ?? "/", "http://proxy.invalid");
    const r = await tenants.resolve(host, original.pathname).catch(() => null);
    const key = r?.kind === "site" ? await cache.proxyKey(r.authority.id) : NO_SITE_KEY;
    return { key, cacheControl };
  };
}

const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
};

/**
 * `moot keys`: a process that answers only the proxy's version question, from its own poll of
 * the data versions, so nginx can go on serving the pages it keeps, each under its council's
 * current key, while the web processes are restarted or down; a write still moves the key, and
 * no kept page of that council is served after it. Those waits are mostly waits for the CPU: at
 * 100 councils on two saturated cores the requests that set off nginx's renewal of a key waited
 * p50 79-92 ms for a web process, 30 ms for this process at the same priority and 6-16 ms for it
 * at niceness -10 (`moot keys --nice -10`).
 */
export function startKeyServer(
  store: Store,
  opts: { port: number; hostname?: string; freshnessMs?: number; now?: () => Date; authorityId?: string },
): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const freshnessMs = opts.freshnessMs ?? 1000;
  const cache = new PageCache(store, { freshnessMs, maxEntries: 0, now: opts.now ?? (() => new Date()) });
  cache.startPolling();
  const answer = keyAnswerer(new TenantDirectory(store, { freshnessMs, authorityId: opts.authorityId }), cache, freshnessMs);
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== PROXY_KEY_PATH || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("This process answers only the proxy's version question.\n");
      return;
    }
    void answer(header(req, "host") ?? "", header(req, ORIGINAL_URI_HEADER)).then(
      (a) => res.writeHead(200, { [CACHE_KEY_HEADER]: a.key, "cache-control": a.cacheControl, "content-length": "0" }).end(),
      () => res.writeHead(500, { "cache-control": "no-store", "content-length": "0" }).end(),
    );
  });
  server.keepAliveTimeout = 65_000;
  const hostname = opts.hostname ?? "127.0.0.1";
  return new Promise((resolve) => {
    server.listen(opts.port, hostname, () => {
      const port = (server.address() as { port: number }).port;
      resolve({
        url: `http://${hostname === "0.0.0.0" ? "127.0.0.1" : hostname}:${port}`,
        port,
        close: async () => {
          cache.stopPolling();
          await new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          });
        },
      });
    });
  });
}
