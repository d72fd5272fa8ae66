import type { IncomingMessage } from "node:http";
import { type Context, type ExecutionContext, Hono } from "hono";
import type { Store } from "../store/open.js";
import { MootError } from "../domain/errors.js";
import { PUBLIC } from "../domain/viewer.js";
import { type Resolution, stripBase, TenantDirectory } from "./http/tenants.js";
import { rebase } from "./http/base-path.js";
import { directoryPage } from "./pages/directory.js";
import type { App, AppEnv, AppOptions } from "./context.js";
import { securityHeaders } from "./http/security.js";
import { CACHE_KEY_HEADER, ORIGINAL_URI_HEADER, PageCache, PROXY_KEY_PATH } from "./http/page-cache.js";
import { keyAnswerer } from "./http/key-server.js";
import { onError } from "./http/errors.js";
import { bodyLimitsFromEnv, requestBodyLimit } from "./http/body-limit.js";
import { SITE_CSS, SITE_CSS_PATH } from "./views/styles.js";
import { registerHome } from "./pages/home.js";
import { registerCalendar } from "./pages/calendar.js";
import { registerCommittees } from "./pages/committees.js";
import { registerMeeting } from "./pages/meeting.js";
import { registerMeetingDownloads } from "./pages/meeting-downloads.js";
import { registerGlossary } from "./pages/glossary.js";
import { registerDocument } from "./pages/document.js";
import { registerPeople } from "./pages/people.js";
import { registerDecisions } from "./pages/decisions.js";
import { registerMatters } from "./pages/matters.js";
import { registerActions } from "./pages/actions.js";
import { registerSearch } from "./pages/search.js";
import { registerIcal } from "./feeds/ical.js";
import { registerSyndication } from "./feeds/syndication.js";
import { registerSitemap } from "./feeds/sitemap.js";
import { API_BASE, createApi } from "./api/index.js";
import { MIDDLEWARE, MOUNTS } from "./mounts.js";
import { createPlatformApp, PLATFORM_PATH } from "./platform/routes.js";

export type { App, AppEnv, AppOptions } from "./context.js";
export { Layout } from "./views/layout.js";
export { page as renderPage } from "./views/render.js";

const caches = new WeakMap<App, PageCache>();
/** Per app: settles a Node request's authority before Hono builds its Request (see settleIncoming). */
const settlers = new WeakMap<App, (incoming: IncomingMessage) => Promise<void>>();
/**
 * Pages a process keeps (MOOT_PAGE_CACHE_ENTRIES, default 10,000: a few tens of MB). One
 * deployment serves many councils, and a working set larger than the cache is evicted in turn
 * and rendered again on every request (2,000 held a tenth of 100 councils' pages).
 */
const pageCacheEntries = () => {
  const n = Number(process.env.MOOT_PAGE_CACHE_ENTRIES ?? 10_000);
  return Number.isInteger(n) && n > 0 ? n : 10_000;
};
const css = (c: Context) =>
  c.body(SITE_CSS, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=31536000, immutable" });
/** The app's rendered-page cache, for the server's fast path. */
export const pageCacheOf = (app: App): PageCache | undefined => caches.get(app);

/**
 * For the Node server, before @hono/node-server builds the Request: settles which authority the
 * request is for and takes a shared host's prefix off the raw path, so the site's routes see
 * their own path without a second Request being built from the first (stripBase): for a search
 * on a shared host that rebuild was a tenth of the web process's time. A request it cannot
 * settle (an error, the proxy's key question, the platform's pages) is left to app.fetch.
 */
export const settleIncoming = (app: App, incoming: IncomingMessage): Promise<void> => settlers.get(app)?.(incoming) ?? Promise.resolve();

/**
 * The public site, feeds and open API over one store. Other modules add their routes with
 * `extraRoutes` and set the viewer with `middleware`; both run inside the same error
 * handling, security headers and caching.
 */
export function createApp(store: Store, options: AppOptions = {}): App {
  const app = new Hono<AppEnv>();
  const now = options.now ?? (() => new Date());
  const cache = new PageCache(store, {
    freshnessMs: options.freshnessMs ?? 0,
    maxEntries: options.cacheEntries ?? pageCacheEntries(),
    now,
  });
  const tenants = new TenantDirectory(store, { freshnessMs: options.freshnessMs ?? 0, authorityId: options.authorityId });
  caches.set(app, cache);

  // Which authority a request is for is settled before Hono routes it, because on a shared host
  // the route is the path after the authority's prefix. Routes, the page cache, the tests and
  // the leak test's route list all still see this one app.
  const resolved = new WeakMap<Request, Resolution | { kind: "error"; error: unknown }>();
  const dispatch = app.fetch;
  // The deployment's administration is no council's: it is answered before any is chosen.
  const platform = createPlatformApp(store, { onChange: () => tenants.invalidate() });
  // A reverse proxy's question (see key-server.ts), when no `moot keys` process answers it.
  const answerKey = keyAnswerer(tenants, cache, options.freshnessMs ?? 0);
  const proxyKey = async (request: Request, url: URL): Promise<Response> => {
    const a = await answerKey(request.headers.get("host") ?? url.host, request.headers.get(ORIGINAL_URI_HEADER));
    return new Response(null, { status: 200, headers: { [CACHE_KEY_HEADER]: a.key, "Cache-Control": a.cacheControl } });
  };
  /** The deployment's own paths, answered before (and without) any authority. */
  const isPlatform = (path: string) => path === PLATFORM_PATH || path.startsWith(`${PLATFORM_PATH}/`);
  // Settled by settleIncoming, by the Node request (node-server passes it as env.incoming).
  const settled = new WeakMap<IncomingMessage, Resolution>();
  settlers.set(app, async (incoming) => {
    const raw = incoming.url ?? "/";
    const q = raw.indexOf("?");
    const path = q < 0 ? raw : raw.slice(0, q);
    if (!path.startsWith("/") || path === PROXY_KEY_PATH || isPlatform(path)) return;
    const r = await tenants.resolve(incoming.headers.host ?? "", path).catch(() => null);
    if (r?.kind !== "site") return;
    settled.set(incoming, r);
    if (r.base) incoming.url = r.path + (q < 0 ? "" : raw.slice(q));
  });
  app.fetch = async (request: Request, env?: unknown, ctx?: ExecutionContext) => {
    const incoming = (env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const early = incoming && settled.get(incoming);
    if (early) {
      resolved.set(request, early);
      return dispatch(request, env, ctx);
    }
    const url = new URL(request.url);
    if (url.pathname === PROXY_KEY_PATH) return proxyKey(request, url);
    if (isPlatform(url.pathname)) return platform.fetch(request, env, ctx);
    let r: Resolution | { kind: "error"; error: unknown };
    try {
      r = await tenants.resolve(request.headers.get("host") ?? url.host, url.pathname);
    } catch (error) {
      r = { kind: "error", error };
    }
    const req = r.kind === "site" ? stripBase(request, r.path) : request;
    resolved.set(req, r);
    return dispatch(req, env, ctx);
  };

  app.onError(onError);
  app.use("*", securityHeaders());
  app.use("*", async function context(c, next) {
    const r = resolved.get(c.req.raw);
    if (!r) throw new MootError("config", "request reached the site without its authority");
    if (r.kind === "error") throw r.error;
    if (r.kind !== "site") {
      if (c.req.path === SITE_CSS_PATH) return css(c);
      return directoryPage(c, r.authorities, r.kind === "directory" ? 200 : 404);
    }
    c.set("store", store);
    c.set("authority", r.authority);
    c.set("base", r.base);
    c.set("today", cache.today());
    c.set("now", now);
    c.set("viewer", PUBLIC);
    await next();
  });
  // Before anything reads a body (SOAP posts, the CSRF check, forms). It may replace the raw
  // Request (a streamed body is buffered up to the limit), so it runs after the authority is read.
  app.use("*", requestBodyLimit(store, options.bodyLimits ?? bodyLimitsFromEnv()));
  for (const mw of options.middleware ?? MIDDLEWARE) app.use("*", mw);
  app.use("*", cache.middleware());
  app.use("*", rebase());

  app.get(SITE_CSS_PATH, css);
  registerHome(app);
  registerCalendar(app);
  registerCommittees(app);
  registerMeeting(app);
  registerMeetingDownloads(app);
  registerGlossary(app);
  registerDocument(app);
  registerPeople(app);
  registerDecisions(app);
  registerMatters(app);
  registerActions(app);
  registerSearch(app);
  registerIcal(app);
  registerSyndication(app);
  registerSitemap(app);
  app.route(API_BASE, createApi());
  for (const mount of options.extraRoutes ?? MOUNTS) mount(app);
  app.notFound(() => {
    throw new MootError("not_found", "There is no page at this address.");
  });
  return app;
}
