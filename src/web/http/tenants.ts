import type { Authority } from "../../domain/authority.js";
import { MootError } from "../../domain/errors.js";
import { listAuthorities } from "../../store/authorities.js";
import type { Store } from "../../store/open.js";

/**
 * Which authority a request is for, and the path prefix its site lives under:
 * - a host name one authority lists serves that authority at `/`;
 * - with one authority stored (or the app pinned to one), it is served at `/` on any host;
 * - otherwise, on a shared host, `/<slug>/…` is that authority's site and `/` lists them all.
 */
export type Resolution =
  | { kind: "site"; authority: Authority; base: string; path: string }
  | { kind: "directory"; authorities: Authority[] }
  | { kind: "unknown"; authorities: Authority[] };

export class TenantDirectory {
  /** The list, and when the read that found it began: it is trusted for the freshness window from then. */
  private cached: { at: number; all: Authority[] } | null = null;
  /** The one read in flight (a freshness window is set), when it began, and under which invalidation. */
  private reading: { at: number; generation: number; done: Promise<Authority[]> } | null = null;
  private generation = 0;

  constructor(
    private readonly store: Store,
    private readonly opts: { freshnessMs: number; authorityId?: string },
  ) {}

  /** Forgets the cached list, after this process changed an authority; a read begun before is not kept. */
  invalidate(): void {
    this.cached = null;
    this.reading = null;
    this.generation++;
  }

  /**
   * Every authority, re-read at most once per freshness window (authorities are added rarely),
   * by one read however many requests find the list old. Past half the window the read starts
   * in the background, so under steady traffic the list is renewed before it lapses and no
   * request waits for it: every request on a shared host resolves its authority here, and under
   * load a read waited behind the pages' queries in the pool (p99 370 ms for searches).
   */
  async all(): Promise<Authority[]> {
    const window = this.opts.freshnessMs;
    if (window <= 0) return listAuthorities(this.store);
    const now = Date.now();
    const c = this.cached;
    if (c && now - c.at < window) {
      if (now - c.at >= window / 2) void this.read().catch(() => undefined);
      return c.all;
    }
    return this.read();
  }

  /** Joins the read in flight if it began within the window and since the last invalidation, else starts one. */
  private read(): Promise<Authority[]> {
    const at = Date.now();
    const r = this.reading;
    if (r && r.generation === this.generation && at - r.at < this.opts.freshnessMs) return r.done;
    const generation = this.generation;
    const done = listAuthorities(this.store)
      .then((all) => {
        if (generation === this.generation && (!this.cached || this.cached.at <= at)) this.cached = { at, all };
        return all;
      })
      .finally(() => {
        if (this.reading?.done === done) this.reading = null;
      });
    this.reading = { at, generation, done };
    return done;
  }

  async resolve(hostHeader: string, path: string): Promise<Resolution> {
    const all = await this.all();
    if (this.opts.authorityId) {
      const pinned = all.find((a) => a.id === this.opts.authorityId);
      if (!pinned) throw new MootError("config", `authority ${this.opts.authorityId} is not stored`);
      return { kind: "site", authority: pinned, base: "", path };
    }
    if (all.length === 0)
      throw new MootError("config", "no authority is stored yet: run `moot demo`, `moot authority add` or `moot import`");
    const host = hostHeader.toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
    const own = all.find((a) => a.hosts.includes(host));
    if (own) return { kind: "site", authority: own, base: "", path };
    if (all.length === 1) return { kind: "site", authority: all[0]!, base: "", path };
    const m = /^\/([a-z0-9-]+)(\/.*)?$/.exec(path);
    const bySlug = m ? all.find((a) => a.slug === m[1]) : undefined;
    if (bySlug) return { kind: "site", authority: bySlug, base: `/${bySlug.slug}`, path: m![2] ?? "/" };
    return path === "/" ? { kind: "directory", authorities: all } : { kind: "unknown", authorities: all };
  }
}

/** The request as the authority's site sees it: its own path, with the prefix taken off. */
export function stripBase(req: Request, path: string): Request {
  const url = new URL(req.url);
  if (url.pathname === path) return req;
  url.pathname = path;
  return new Request(url, req);
}
