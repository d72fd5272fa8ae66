import type { Hono, MiddlewareHandler } from "hono";
import type { Authority } from "../domain/authority.js";
import type { Viewer } from "../domain/viewer.js";
import type { Store } from "../store/open.js";

/** Hono variables every route can read: who is looking, for which authority, and today in London. */
export interface AppEnv {
  Variables: {
    viewer: Viewer;
    authority: Authority;
    today: string;
    /** The app's clock (AppOptions.now): workflow rules that judge time (publication deadlines) read it. */
    now: () => Date;
    store: Store;
    /**
     * The path prefix this authority's site lives under on a shared host ("/kent"), or "".
     * Routes write root-relative links as usual; http/base-path.ts adds the prefix to what leaves.
     */
    base: string;
  };
}
export type App = Hono<AppEnv>;

export interface AppOptions {
  /** Serve this authority; default: the only one stored. */
  authorityId?: string;
  /** Clock for "upcoming" and "overdue"; tests pin it. */
  now?: () => Date;
  /**
   * Runs before every route, e.g. the auth module setting `c.set("viewer", …)` from a session.
   * Responses for any viewer other than the public are never cached. Default: MIDDLEWARE
   * in mounts.ts.
   */
  middleware?: MiddlewareHandler<AppEnv>[];
  /**
   * Mount further routes (editor, auth) on the same app, sharing Layout and middleware.
   * Public GET responses are cached and shared unless they set Cache-Control or a cookie,
   * or the viewer is not the public. Default: MOUNTS in mounts.ts.
   */
  extraRoutes?: Array<(app: App) => void>;
  /**
   * How long a data-version check may be reused, in ms. 0 (default) checks every request;
   * the server uses a short window so cached pages cost no database round trip.
   */
  freshnessMs?: number;
  /** Entries kept in the rendered-page cache. */
  cacheEntries?: number;
  /** Largest request bodies, anonymous and signed in; default from MOOT_MAX_FORM_KB / MOOT_MAX_UPLOAD_MB. */
  bodyLimits?: { formBytes: number; uploadBytes: number };
}
