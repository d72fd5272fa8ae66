import { Hono } from "hono";
import type { Store } from "../store/open.js";
import { listAuthorities } from "../store/authorities.js";
import { MootError } from "../domain/errors.js";
import { PUBLIC } from "../domain/viewer.js";
import type { Authority } from "../domain/authority.js";
import type { App, AppEnv, AppOptions } from "./context.js";
import { securityHeaders } from "./http/security.js";
import { PageCache } from "./http/page-cache.js";
import { onError } from "./http/errors.js";
import { SITE_CSS, SITE_CSS_PATH } from "./views/styles.js";
import { registerHome } from "./pages/home.js";
import { registerCalendar } from "./pages/calendar.js";
import { registerCommittees } from "./pages/committees.js";
import { registerMeeting } from "./pages/meeting.js";
import { registerDocument } from "./pages/document.js";
import { registerPeople } from "./pages/people.js";
import { registerDecisions } from "./pages/decisions.js";
import { registerActions } from "./pages/actions.js";
import { registerSearch } from "./pages/search.js";
import { registerIcal } from "./feeds/ical.js";
import { registerSyndication } from "./feeds/syndication.js";
import { registerSitemap } from "./feeds/sitemap.js";
import { API_BASE, createApi } from "./api/index.js";
import { MIDDLEWARE, MOUNTS } from "./mounts.js";

export type { App, AppEnv, AppOptions } from "./context.js";
export { Layout } from "./views/layout.js";
export { page as renderPage } from "./views/render.js";

const caches = new WeakMap<App, PageCache>();
/** The app's rendered-page cache, for the server's fast path. */
export const pageCacheOf = (app: App): PageCache | undefined => caches.get(app);

/**
 * The public site, feeds and open API over one store. Other modules add their routes with
 * `extraRoutes` and set the viewer with `middleware`; both run inside the same error
 * handling, security headers and caching.
 */
export function createApp(store: Store, options: AppOptions = {}): App {
  const app = new Hono<AppEnv>();
  const now = options.now ?? (() => new Date());
  let authority: Authority | undefined;
  const cache = new PageCache(store, { freshnessMs: options.freshnessMs ?? 0, maxEntries: options.cacheEntries ?? 2000, now });
  caches.set(app, cache);

  app.onError(onError);
  app.use("*", securityHeaders());
  app.use("*", async function context(c, next) {
    if (!authority) {
      const all = await listAuthorities(store);
      authority = options.authorityId ? all.find((a) => a.id === options.authorityId) : all.length === 1 ? all[0] : undefined;
      if (!authority)
        throw new MootError(
          "config",
          all.length
            ? "several authorities are stored: start the site with one authority id"
            : "no authority is stored yet: run `moot demo` or `moot import`",
        );
    }
    c.set("store", store);
    c.set("authority", authority);
    c.set("today", cache.today());
    c.set("viewer", PUBLIC);
    await next();
  });
  for (const mw of options.middleware ?? MIDDLEWARE) app.use("*", mw);
  app.use("*", cache.middleware());

  app.get(SITE_CSS_PATH, (c) =>
    c.body(SITE_CSS, 200, { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=31536000, immutable" }),
  );
  registerHome(app);
  registerCalendar(app);
  registerCommittees(app);
  registerMeeting(app);
  registerDocument(app);
  registerPeople(app);
  registerDecisions(app);
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
