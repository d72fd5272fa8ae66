import type { Context, MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../context.js";

/**
 * On a shared host an authority's site lives under `/<slug>`. Routes are written for `/` and
 * never see the prefix (the request reaches them with it taken off, see tenants.ts); this one
 * mechanism puts it back on everything that leaves, so no link is edited by hand:
 * root-relative `href`, `src`, `action` and `formaction` attributes in HTML, the link fields
 * `next`, `url` and `href` in JSON, `Location` headers and cookie paths. Absolute links in
 * feeds, sitemaps and the API come from originOf(c), which includes the prefix.
 * It runs inside the page cache, so cached bodies are stored already rebased.
 */
const HTML_ATTR = String.raw`(\s(?:href|src|action|formaction)=["'])`;
const JSON_LINK = String.raw`("(?:next|url|href)":\s*")`;
const patterns = new Map<string, { html: RegExp; json: RegExp }>();
/**
 * Root-relative links not yet under `base`. A link already under it is left, so putting the
 * prefix on twice changes nothing: a route that builds its own response from a rendered page
 * (the alerts pages) had its links prefixed at render and again here ("/kent/kent/…"). No
 * site path begins with an authority's slug, so a link that does is already prefixed.
 */
function linkPatterns(base: string): { html: RegExp; json: RegExp } {
  let p = patterns.get(base);
  if (!p) {
    const slug = base.slice(1).replace(/[.*+?^$()|[\]{}\\]/g, "\\$&");
    const rest = String.raw`\/(?![/\\])(?!${slug}(?:[/?#"']|$))`;
    p = { html: new RegExp(HTML_ATTR + rest, "g"), json: new RegExp(JSON_LINK + rest, "g") };
    if (patterns.size < 10_000) patterns.set(base, p);
  }
  return p;
}

/** Responses whose body already carries the prefix (see htmlWithBase): rebase() leaves their body alone. */
const bodyRebased = new WeakSet<Response>();

/**
 * An HTML page with the prefix put on its links while it is still a string, its response marked
 * so rebase() does not read the body back: for a search on a shared host, reading the rendered
 * response back through a stream and building it again was a seventh of the web process's time.
 */
export async function htmlWithBase(c: Context<AppEnv>, html: string, status: ContentfulStatusCode): Promise<Response> {
  const base = c.get("base");
  const res = await c.html(base ? html.replace(linkPatterns(base).html, `$1${base}/`) : html, status);
  bodyRebased.add(res);
  return res;
}

export function rebase(): MiddlewareHandler<AppEnv> {
  return async function rebase(c, next) {
    await next();
    const base = c.get("base");
    if (!base) return;
    const res = c.res;
    if (bodyRebased.has(res) && !res.headers.has("location") && !res.headers.has("set-cookie")) return;
    const headers = new Headers(res.headers);
    const location = headers.get("location");
    if (location?.startsWith("/") && !/^\/[/\\]/.test(location)) headers.set("location", base + location);
    const cookies = headers.getSetCookie();
    if (cookies.length) {
      headers.delete("set-cookie");
      for (const k of cookies) headers.append("set-cookie", k.replace(/;\s*Path=\/(?=;|$)/i, `; Path=${base}`));
    }
    const type = headers.get("content-type") ?? "";
    let body: BodyInit | null = res.body;
    const pattern = bodyRebased.has(res)
      ? null
      : type.startsWith("text/html")
        ? linkPatterns(base).html
        : type.startsWith("application/json")
          ? linkPatterns(base).json
          : null;
    if (pattern && res.body) {
      body = (await res.text()).replace(pattern, `$1${base}/`);
      headers.delete("content-length");
    }
    // As in the page cache: clear first so Hono does not merge the old headers into the new response.
    c.res = undefined;
    c.res = new Response(body, { status: res.status, statusText: res.statusText, headers });
  };
}

/** The site's own root as an absolute URL, prefix included: `https://democracy.example/kent`. */
export function siteRoot(c: Context<AppEnv>): string {
  return new URL(c.req.url).origin + (c.get("base") ?? "");
}
