import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync, brotliCompressSync, constants as zc } from "node:zlib";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.js";
import type { Store } from "../../store/open.js";
import { dataVersion, dataVersions } from "../../store/queries/site.js";
import { londonToday } from "../views/format.js";
import { SECURITY_HEADERS } from "./security.js";

interface Entry {
  authorityId: string;
  /** The data version the page was rendered under: it is served only while that is current. */
  token: string;
  etag: string;
  lastModified: string | null;
  headers: Record<string, string>;
  big: boolean;
  bodies: { identity: Uint8Array; gzip: Uint8Array | null; br: Uint8Array | null };
  usedAt: number;
}

/**
 * After a council's version moves, a server renders again (one page at a time, in the
 * background) up to this many of its pages asked for in the last RENDER_AHEAD_RECENT_MS: the
 * proxy asks for each of them again within seconds, and a page rendered ahead is answered from
 * memory instead of holding the visitor for a render behind the searches.
 */
const RENDER_AHEAD_MAX = 32;
const RENDER_AHEAD_RECENT_MS = 2 * 60_000;

/**
 * Search answers: the browser may keep one for a minute, shared caches (this one, a proxy)
 * none. Their addresses are any text, so kept they evicted the pages everyone reads.
 */
export const SEARCH_CACHE_CONTROL = "private, max-age=60";

const CACHEABLE = /^(text\/|application\/(json|xml|atom\+xml|rss\+xml))/;

/**
 * A reverse proxy that keeps pages by data version (see proxy-config.ts) asks this path, on the
 * page's own host, which key the page's authority is at now, sending the page's address in
 * ORIGINAL_URI_HEADER, and sends the answer back with the page request in CACHE_KEY_HEADER.
 */
export const PROXY_KEY_PATH = "/_moot/cache-key";
export const CACHE_KEY_HEADER = "x-moot-cache-key";
export const ORIGINAL_URI_HEADER = "x-moot-original-uri";
/**
 * How long the proxy keeps a page filed under a key that matched: the key changes with every
 * write and every day, so the page is never served past either; this only bounds the disk.
 */
export const PROXY_KEEP_SECONDS = 86_400;
/** The key of a shared host's list of councils or an unknown address: it never matches a page's. */
export const NO_SITE_KEY = "-";

/**
 * Rendered public responses keyed by day and URL, valid for one data version: a repeat
 * request costs a map lookup, with ETag/Last-Modified 304s, and gzip and brotli done once per
 * entry. Every write to the authority's records goes through the Scope and its audit row, so
 * the version changes and the cache empties: a newly exempted paper is never served from here.
 * Only responses for the public viewer are kept.
 */
export class PageCache {
  private entries = new Map<string, Entry>();
  /**
   * Per authority: one deployment serves many, and a write to one must not empty the others'
   * pages. `at` is when the read that found the version began: it is trusted for the freshness
   * window from then.
   */
  private versions = new Map<string, { token: string; lastModified: string | null; at: number }>();
  /** Authorities first asked for while a read was being set up (a new one has no version row yet). */
  private readonly wanted = new Set<string>();
  /** The one read of every authority's version in flight, and when it began. */
  private polling: { at: number; done: Promise<void> } | null = null;
  private day = { second: -1, value: "" };

  constructor(
    private readonly store: Store,
    private readonly opts: { freshnessMs: number; maxEntries: number; now: () => Date },
  ) {}

  /**
   * How long a shared cache in front (nginx's micro-cache, a CDN) may keep a public page: the
   * freshness window this process itself trusts its data version for, so a proxy adds no more
   * than that to how long a write (a paper made exempt) takes to show. Browsers keep theirs
   * for max-age and revalidate by ETag.
   */
  private sharedMaxAge(): number {
    return Math.floor(this.opts.freshnessMs / 1000);
  }

  /** Today in London, computed at most once a second. */
  today(): string {
    const t = this.opts.now();
    const second = Math.floor(t.getTime() / 1000);
    if (second !== this.day.second) this.day = { second, value: londonToday(t) };
    return this.day.value;
  }

  /** The key a proxy files the authority's public pages under today: any write or a new day changes it. */
  keyOf(authorityId: string, token: string, today: string): string {
    return `${authorityId}.${token}.${today}`;
  }

  /**
   * The key for the proxy's version question: from a read of the database begun at most half
   * the freshness window ago (half a second under `moot serve`), not the whole window, so
   * the proxy keeping the answer adds its own second or two to how long a write (a paper made
   * exempt) takes to show, not a second window besides.
   */
  async proxyKey(authorityId: string): Promise<string> {
    const today = this.today();
    // Read by the background poll moments ago: answered from memory. Under load a read
    // waits behind the pages' queries in the pool, and every page of the council behind it.
    const known = this.versions.get(authorityId);
    const tolerance = this.pollEveryMs > 0 ? this.opts.freshnessMs / 2 : 0;
    if (tolerance > 0 && known && Date.now() - known.at <= tolerance) return this.keyOf(authorityId, known.token, today);
    // Else a read begun within the tolerance (one in flight is joined, not waited out) or a new one.
    const v = await this.reread(authorityId, Date.now() - tolerance);
    return this.keyOf(authorityId, v.token, today);
  }

  private pollEveryMs = 0;
  private poller: NodeJS.Timeout | null = null;

  /**
   * A server reads every authority's version in the background every quarter of the
   * freshness window (or more often if asked), one query for all of them, so a proxy's version
   * question is answered from memory while reads keep up.
   */
  startPolling(everyMs = this.opts.freshnessMs / 4): void {
    if (this.poller || this.opts.freshnessMs <= 0) return;
    this.pollEveryMs = Math.max(50, Math.floor(Math.min(everyMs, this.opts.freshnessMs / 4)));
    this.poller = setInterval(() => void this.poll().catch(() => undefined), this.pollEveryMs);
    this.poller.unref();
  }

  stopPolling(): void {
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
    this.pollEveryMs = 0;
  }

  /** The authority's version as read by a query begun at or after `since` (joined if one is in flight). */
  private async reread(authorityId: string, since: number): Promise<{ token: string; lastModified: string | null }> {
    if (!this.versions.has(authorityId)) this.wanted.add(authorityId);
    // Join the latest read if it began after `since`; else wait it out and look again (a timed
    // poll may have begun one since); with none in flight, begin one.
    for (;;) {
      const p = this.polling;
      if (p && p.at >= since) await p.done;
      else if (p) {
        await p.done.catch(() => undefined);
        continue;
      } else await this.read();
      break;
    }
    return this.versions.get(authorityId) ?? { token: "empty", lastModified: null };
  }

  /**
   * The authority's version while it is within the freshness window, else undefined. Past
   * half the window a read of every version starts in the background, so under steady traffic
   * the versions are renewed before they lapse and no request waits for the database.
   */
  private current(authorityId: string): { token: string; lastModified: string | null } | undefined {
    const v = this.versions.get(authorityId);
    if (!v || this.opts.freshnessMs <= 0) return undefined;
    const age = Date.now() - v.at;
    if (age >= this.opts.freshnessMs) return undefined;
    if (age >= this.opts.freshnessMs / 2) void this.poll().catch(() => undefined);
    return v;
  }

  /**
   * Reads every authority's version in one query, one read at a time: however many requests
   * and authorities find their versions stale at once, the process asks the database once
   * (the version check used to be a query per request per authority, queued behind searches
   * in the pool every second). Pages of an authority whose version moved are dropped.
   */
  private poll(): Promise<void> {
    const p = this.polling;
    // A server polling on a timer begins its next read on time even while an earlier one is still
    // out: under load one read took longer than the interval, the versions aged past what the
    // proxy's question accepts, and that question waited for a read of its own. Results landing
    // out of order are sorted by settle (a read begun earlier never overwrites a later one).
    // At most one read waits behind the one running (a store reads versions on one connection).
    if (p && (this.pollEveryMs <= 0 || Date.now() - p.at < this.pollEveryMs || this.outstanding >= 2)) return p.done;
    return this.read();
  }

  /** Reads begun and not yet ended. */
  private outstanding = 0;

  /** Begins a read of every version now; it is the latest in flight until it ends or a newer one begins. */
  private read(): Promise<void> {
    const at = Date.now();
    const entry: { at: number; done: Promise<void> } = { at, done: Promise.resolve() };
    this.outstanding++;
    entry.done = dataVersions(this.store)
      .then((all) => {
        for (const id of new Set([...this.versions.keys(), ...this.wanted, ...all.keys()]))
          this.settle(id, all.get(id) ?? { token: "empty", lastModified: null }, at);
        this.wanted.clear();
      })
      .finally(() => {
        this.outstanding--;
        if (this.polling === entry) this.polling = null;
      });
    this.polling = entry;
    return entry.done;
  }

  private settle(authorityId: string, v: { token: string; lastModified: string | null }, at: number) {
    const before = this.versions.get(authorityId);
    if (before && before.at > at) return;
    if (before && before.token !== v.token) {
      const again: string[] = [];
      const recent = Date.now() - RENDER_AHEAD_RECENT_MS;
      for (const [k, e] of this.entries)
        if (e.authorityId === authorityId) {
          this.entries.delete(k);
          if (e.usedAt >= recent) again.push(k);
        }
      // Most recently used first. Started after this version is set (the loop runs later).
      if (this.renderer && again.length) this.renderAhead(again.slice(-RENDER_AHEAD_MAX).reverse());
    }
    this.versions.set(authorityId, { ...v, at });
  }

  /** Renders a page as a visitor's request would (the app's own fetch); set by a server. */
  private renderer: ((url: string) => Promise<Response>) | null = null;
  private ahead = new Set<string>();
  private aheadDone: Promise<void> | null = null;
  /** Renders in flight by key, so concurrent misses for one page (nginx sends them all) wait for one render. */
  private readonly inflight = new Map<string, { token: string; done: Promise<Entry | undefined> }>();

  /** Sets the renderer; with null, stops rendering ahead and resolves once the render under way is done (a server closing its store). */
  renderAheadWith(renderer: ((url: string) => Promise<Response>) | null): Promise<void> {
    this.renderer = renderer;
    if (!renderer) this.ahead.clear();
    return this.aheadDone ?? Promise.resolve();
  }

  private renderAhead(keys: string[]): void {
    for (const k of keys) if (this.ahead.size < 4 * RENDER_AHEAD_MAX) this.ahead.add(k);
    this.aheadDone ??= this.drainAhead().finally(() => {
      this.aheadDone = null;
      // Pages queued between the loop's last look and now.
      if (this.renderer && this.ahead.size > 0) this.renderAhead([]);
    });
  }

  private async drainAhead(): Promise<void> {
    while (this.renderer && this.ahead.size > 0) {
      const key = this.ahead.values().next().value as string;
      this.ahead.delete(key);
      // A page from another day, or one a visitor has had rendered meanwhile, is left.
      const space = key.indexOf(" ");
      if (key.slice(0, space) !== this.today() || this.entries.has(key) || this.inflight.has(key)) continue;
      const res = await this.renderer(`http://${key.slice(space + 1)}`).catch(() => null);
      await res?.arrayBuffer().catch(() => undefined);
    }
  }

  /** The entry, moved to the back of the eviction order: the least recently used page goes first. */
  private touch(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e) {
      this.entries.delete(key);
      this.entries.set(key, e);
      e.usedAt = Date.now();
    }
    return e;
  }

  private async refresh(authorityId: string): Promise<{ token: string; lastModified: string | null }> {
    const known = this.current(authorityId);
    if (known) return known;
    // No freshness window (tests, a single clerk's laptop): every request reads its own version.
    if (this.opts.freshnessMs <= 0) {
      const at = Date.now();
      const v = await dataVersion(this.store, authorityId);
      this.settle(authorityId, v, at);
      return v;
    }
    // A read begun within the window serves; an older one in flight is waited out first.
    return this.reread(authorityId, Date.now() - this.opts.freshnessMs);
  }

  middleware(): MiddlewareHandler<AppEnv> {
    const cache = this;
    return async function pageCache(c, next) {
      const method = c.req.method;
      if ((method !== "GET" && method !== "HEAD") || c.get("viewer").kind !== "public") {
        await next();
        if (c.get("viewer").kind !== "public") c.res.headers.set("Cache-Control", "private, no-store");
        return;
      }
      const since = Date.now();
      const authorityId = c.get("authority").id;
      const today = c.get("today");
      let v = await cache.refresh(authorityId);
      // The proxy read a newer version than this process trusts (or an older one, or another
      // authority's): read it again, so the page is rendered at the version it will be filed under.
      const proxyKey = c.req.header(CACHE_KEY_HEADER);
      if (proxyKey !== undefined && proxyKey !== cache.keyOf(authorityId, v.token, today)) v = await cache.reread(authorityId, since);
      const url = c.req.url;
      // The full path as the browser sent it (prefix included), as the Node fast path looks it up.
      // The URL's host is the Host header on a server, and still set for app.request() in tests.
      const path = url.indexOf("/", 8);
      const key = `${c.get("today")} ${url.slice(url.indexOf("//") + 2, path)}${c.get("base") ?? ""}${url.slice(path)}`;
      let e = cache.touch(key);
      if (e && e.token !== v.token) e = undefined;
      if (!e) {
        const pending = cache.inflight.get(key);
        if (pending?.token === v.token) e = await pending.done;
      }
      const hit = !!e;
      if (!e) {
        let finish: (e: Entry | undefined) => void = () => undefined;
        const mine = { token: v.token, done: new Promise<Entry | undefined>((r) => (finish = r)) };
        cache.inflight.set(key, mine);
        try {
          await next();
          e = await cache.store_(key, c, v, authorityId);
        } finally {
          finish(e);
          if (cache.inflight.get(key) === mine) cache.inflight.delete(key);
        }
        if (!e) {
          // Not a page to share (an error, a form, a download with its own rules): a proxy that
          // asked keeps it under no key.
          if (proxyKey !== undefined && !c.res.headers.has("cache-control")) c.res.headers.set("X-Accel-Expires", "0");
          return;
        }
      }
      const keep = proxyKey === undefined ? undefined : proxyKey === cache.keyOf(authorityId, e.token, today);
      const out = toResponse(c, e, method === "HEAD", keep);
      if (hit) return out;
      // After next() the context is finalized and a returned response would be ignored; clearing
      // first stops Hono merging the uncompressed response's headers into this one.
      c.res = undefined;
      c.res = out;
    };
  }

  private async store_(
    key: string,
    c: Context<AppEnv>,
    v: { token: string; lastModified: string | null },
    authorityId: string,
  ): Promise<Entry | undefined> {
    const res = c.res;
    const type = res.headers.get("content-type") ?? "";
    // A route that sets its own Cache-Control or a cookie (sign-in, forms) is never shared.
    if (res.status !== 200 || !CACHEABLE.test(type) || res.headers.has("cache-control") || res.headers.has("set-cookie")) return undefined;
    const e = makeEntry(new Uint8Array(await res.arrayBuffer()), type, v, authorityId, this.sharedMaxAge());
    if (this.entries.size >= this.opts.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, e);
    return e;
  }

  /**
   * Node fast path, ahead of Hono: answers a cached public page straight from memory. Only
   * for requests with no credentials (so no sign-in module can make them non-public) and
   * while the data version was checked within the freshness window; anything else returns
   * false and goes through the app.
   */
  serveNode(req: IncomingMessage, res: ServerResponse): boolean {
    if ((req.method !== "GET" && req.method !== "HEAD") || req.headers.cookie || req.headers.authorization) return false;
    const today = this.today();
    const e = this.touch(`${today} ${req.headers.host ?? ""}${req.url}`);
    if (!e || this.current(e.authorityId)?.token !== e.token) return false;
    // A proxy asking for another key goes through the app, which reads the version again.
    const proxyKey = req.headers[CACHE_KEY_HEADER];
    if (proxyKey !== undefined && proxyKey !== this.keyOf(e.authorityId, e.token, today)) return false;
    const w = choose(e, req.headers["if-none-match"], req.headers["if-modified-since"], req.headers["accept-encoding"] ?? "");
    res.writeHead(w.status, proxyKey === undefined ? w.headers : { ...w.headers, "X-Accel-Expires": String(PROXY_KEEP_SECONDS) });
    res.end(req.method === "HEAD" || !w.body ? undefined : w.body);
    return true;
  }
}

function makeEntry(
  body: Uint8Array,
  type: string,
  { token, lastModified }: { token: string; lastModified: string | null },
  authorityId: string,
  sMaxAge: number,
): Entry {
  const etag = `W/"${createHash("sha1").update(body).digest("base64url")}"`;
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    "Content-Type": type,
    ETag: etag,
    "Cache-Control": `public, max-age=60, s-maxage=${sMaxAge}`,
    Vary: "Accept-Encoding",
  };
  if (lastModified) headers["Last-Modified"] = new Date(lastModified).toUTCString();
  return {
    authorityId,
    token,
    etag,
    lastModified,
    headers,
    big: body.byteLength > 1024,
    bodies: { identity: body, gzip: null, br: null },
    usedAt: Date.now(),
  };
}

/** Compressed once, on the first request that accepts the encoding. */
function encoded(e: Entry, enc: "gzip" | "br"): Uint8Array {
  return (e.bodies[enc] ??=
    enc === "gzip"
      ? gzipSync(e.bodies.identity, { level: 6 })
      : brotliCompressSync(e.bodies.identity, { params: { [zc.BROTLI_PARAM_QUALITY]: 5 } }));
}

const withEncoding = new WeakMap<Entry, Record<string, Record<string, string>>>();

function choose(
  e: Entry,
  inm: string | undefined,
  ims: string | undefined,
  ae: string,
): { status: 200 | 304; headers: Record<string, string>; body: Uint8Array | null } {
  const notModified = inm
    ? inm.split(",").some((t) => t.trim() === e.etag || t.trim() === "*")
    : !!(ims && e.lastModified && Date.parse(ims) >= Math.floor(Date.parse(e.lastModified) / 1000) * 1000);
  if (notModified) return { status: 304, headers: e.headers, body: null };
  const enc = e.big && ae.includes("br") ? "br" : e.big && ae.includes("gzip") ? "gzip" : "identity";
  let cached = withEncoding.get(e);
  if (!cached) withEncoding.set(e, (cached = {}));
  const body = enc === "identity" ? e.bodies.identity : encoded(e, enc);
  const headers = (cached[enc] ??= {
    ...e.headers,
    ...(enc === "identity" ? {} : { "Content-Encoding": enc }),
    "Content-Length": String(body.byteLength),
  });
  return { status: 200, headers, body };
}

/**
 * `keep`: whether a proxy that sent its key may keep the page (the page was rendered at the
 * version the key names) for PROXY_KEEP_SECONDS, or must not keep it at all; undefined when no
 * proxy asked. nginx reads X-Accel-Expires over Cache-Control and never passes it on.
 */
function toResponse(c: Context, e: Entry, head: boolean, keep: boolean | undefined): Response {
  const w = choose(e, c.req.header("if-none-match"), c.req.header("if-modified-since"), c.req.header("accept-encoding") ?? "");
  const headers = keep === undefined ? w.headers : { ...w.headers, "X-Accel-Expires": keep ? String(PROXY_KEEP_SECONDS) : "0" };
  return new Response(head || !w.body ? null : (w.body as Uint8Array<ArrayBuffer>), { status: w.status, headers });
}
