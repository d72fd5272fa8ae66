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
  private cached: { at: number; all: Authority[] } | null = null;

  constructor(
    private readonly store: Store,
    private readonly opts: { freshnessMs: number; authorityId?: string },
  ) {}

  /** Forgets the cached list, after this process changed an authority. */
  invalidate(): void {
    this.cached = null;
  }

  /** Every authority, re-read at most once per freshness window (authorities are added rarely). */
  async all(): Promise<Authority[]> {
    const now = Date.now();
    if (this.cached && this.opts.freshnessMs > 0 && now - this.cached.at < this.opts.freshnessMs) return this.cached.all;
    const all = await listAuthorities(this.store);
    this.cached = { at: now, all };
    return all;
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
