import { createHash } from "node:crypto";
import { gzipSync, brotliCompressSync, constants as zc } from "node:zlib";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.js";
import { dataVersion } from "../../store/queries/site.js";
import { SECURITY_HEADERS } from "./security.js";

interface Entry {
  etag: string;
  headers: Record<string, string>;
  identity: Uint8Array;
  gzip: Uint8Array | null;
  br: Uint8Array | null;
}

const CACHEABLE = /^(text\/|application\/(json|xml|atom\+xml|rss\+xml))/;

/**
 * Rendered public responses keyed by URL and data version, so a repeat request costs a map
 * lookup: ETag/Last-Modified with 304s, gzip and brotli done once per entry. Any write to the
 * authority's records changes the version, so a newly exempted paper is never served from
 * here. Only the public viewer's responses are kept.
 */
export function pageCache(opts: { freshnessMs: number; maxEntries: number }): MiddlewareHandler<AppEnv> {
  const entries = new Map<string, Entry>();
  let version: { authorityId: string; token: string; lastModified: string | null; at: number } | null = null;

  async function currentVersion(c: Parameters<MiddlewareHandler<AppEnv>>[0]) {
    const authorityId = c.get("authority").id;
    const now = Date.now();
    if (!version || version.authorityId !== authorityId || now - version.at >= opts.freshnessMs || opts.freshnessMs === 0) {
      const v = await dataVersion(c.get("store"), authorityId);
      if (version?.token !== v.token) entries.clear();
      version = { authorityId, ...v, at: now };
    }
    return version;
  }

  return async function pageCache(c, next) {
    const method = c.req.method;
    if ((method !== "GET" && method !== "HEAD") || c.get("viewer").kind !== "public") {
      await next();
      if (c.get("viewer").kind !== "public") c.res.headers.set("Cache-Control", "private, no-store");
      return;
    }
    const v = await currentVersion(c);
    const url = c.req.url;
    const key = `${c.get("today")} ${url.slice(url.indexOf("/", 8))}`;
    let e = entries.get(key);
    const hit = !!e;
    if (!e) {
      await next();
      const res = c.res;
      const type = res.headers.get("content-type") ?? "";
      if (res.status !== 200 || !CACHEABLE.test(type) || res.headers.has("cache-control")) return;
      const body = new Uint8Array(await res.arrayBuffer());
      e = makeEntry(body, type, v.lastModified);
      if (entries.size >= opts.maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, e);
    }
    const out = respond(c.req.header("if-none-match"), c.req.header("if-modified-since"), c.req.header("accept-encoding") ?? "", e, v.lastModified, method === "HEAD");
    if (hit) return out;
    // After next() the context is finalized and a returned response would be ignored; clearing
    // first stops Hono merging the uncompressed response's headers into this one.
    c.res = undefined;
    c.res = out;
  };
}

function makeEntry(body: Uint8Array, type: string, lastModified: string | null): Entry {
  const etag = `W/"${createHash("sha1").update(body).digest("base64url")}"`;
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    "Content-Type": type,
    ETag: etag,
    "Cache-Control": "public, max-age=60",
    Vary: "Accept-Encoding",
  };
  if (lastModified) headers["Last-Modified"] = new Date(lastModified).toUTCString();
  const big = body.byteLength > 1024;
  return {
    etag,
    headers,
    identity: body,
    gzip: big ? gzipSync(body, { level: 6 }) : null,
    br: big ? brotliCompressSync(body, { params: { [zc.BROTLI_PARAM_QUALITY]: 5 } }) : null,
  };
}

function respond(inm: string | undefined, ims: string | undefined, ae: string, e: Entry, lastModified: string | null, head: boolean): Response {
  const notModified = inm ? inm.split(",").some((t) => t.trim() === e.etag || t.trim() === "*") : !!(ims && lastModified && Date.parse(ims) >= Math.floor(Date.parse(lastModified) / 1000) * 1000);
  if (notModified) return new Response(null, { status: 304, headers: e.headers });
  let body = e.identity;
  let headers = e.headers;
  if (e.br && ae.includes("br")) {
    body = e.br;
    headers = { ...e.headers, "Content-Encoding": "br" };
  } else if (e.gzip && ae.includes("gzip")) {
    body = e.gzip;
    headers = { ...e.headers, "Content-Encoding": "gzip" };
  }
  return new Response(head ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers: { ...headers, "Content-Length": String(body.byteLength) } });
}
