import { CACHE_KEY_HEADER, ORIGINAL_URI_HEADER, PROXY_KEY_PATH } from "./page-cache.js";

export interface NginxOptions {
  /** The web processes, as host:port. */
  upstreams: string[];
  /** nginx's `listen`: a port, or address:port. */
  listen: string;
  /** Host names served; none: any. */
  serverNames: string[];
  /** Where nginx keeps public pages; null keeps none (every page from the web processes). */
  cacheDir: string | null;
  /** The most disk the kept pages may take (nginx size: "1g", "512m"). */
  cacheSize: string;
  /**
   * `moot keys` processes, as host:port, that answer the version question in the web processes'
   * stead (see key-server.ts); none: the web processes answer it.
   */
  keyServers?: string[];
}

/** Header names as nginx spells their variables, and as people write them. */
const nginxVar = (header: string) => header.toLowerCase().replaceAll("-", "_");
const titled = (header: string) => header.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());

/**
 * nginx in front of Moot's web processes: the part of nginx.conf that goes inside `http { }`
 * (a file in /etc/nginx/conf.d). The benchmark and the proxy tests run this text, so what is
 * measured and tested is what `moot proxy-config` prints.
 *
 * - Each council's pages go to one web process (by host, and on a shared host by its first
 *   path segment), so one process renders and keeps them; searches go to the least busy.
 * - Public pages are kept by nginx under the council's data version: before a page, nginx asks
 *   a web process (PROXY_KEY_PATH, an internal subrequest that nginx itself keeps for the
 *   freshness window, one second) for the key the council's pages are at, and files and finds
 *   the page under its address plus that key. A write (a paper made exempt, a new meeting) or a
 *   new day changes the key, so no page from before it is served once the key's second is out,
 *   however long nginx keeps pages. The web process renders a page for the key nginx sends and
 *   lets nginx keep it (X-Accel-Expires) only if it was rendered at that version.
 * - With `moot keys` processes named (keyServers), they answer the version question, so pages
 *   nginx keeps are still served under a current key while the web processes restart.
 * - Nothing asked with a cookie or credentials is kept or answered from what was kept: a clerk's
 *   draft never enters the cache and a clerk never sees a public copy.
 */
export function nginxConfig(o: NginxOptions): string {
  if (o.upstreams.length === 0) throw new Error("nginx config: name at least one web process");
  const servers = o.upstreams.map((u) => `server ${u};`).join(" ");
  const keys = o.keyServers ?? [];
  const keyVar = "$moot_cache_key";
  const headers = [
    "proxy_http_version 1.1;",
    'proxy_set_header Connection "";',
    "proxy_set_header Host $http_host;",
    "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
    "proxy_set_header X-Forwarded-Proto $scheme;",
    ...(o.cacheDir
      ? [`proxy_set_header ${titled(ORIGINAL_URI_HEADER)} $request_uri;`, `proxy_set_header ${titled(CACHE_KEY_HEADER)} ${keyVar};`]
      : []),
  ];
  const noCookies = "proxy_cache_bypass $http_cookie $http_authorization; proxy_no_cache $http_cookie $http_authorization;";
  const cache = o.cacheDir
    ? `
# Public pages, kept under the council's data version (see the version location below).
proxy_cache_path ${o.cacheDir}/pages levels=1:2 keys_zone=moot_pages:32m max_size=${o.cacheSize} inactive=1h use_temp_path=off;
proxy_cache_path ${o.cacheDir}/versions levels=1:2 keys_zone=moot_versions:4m max_size=64m inactive=1m use_temp_path=off;`
    : "";
  const pages = o.cacheDir
    ? `
    location / {
      auth_request ${PROXY_KEY_PATH};
      auth_request_set ${keyVar} $upstream_http_${nginxVar(CACHE_KEY_HEADER)};
      auth_request_set $moot_version_status $upstream_cache_status;
      proxy_cache moot_pages; proxy_cache_key $scheme$host$request_uri|${keyVar};
      ${noCookies}
      add_header X-Cache-Status $upstream_cache_status always; add_header X-Version-Status $moot_version_status always;
      proxy_pass http://moot;
    }
    # Which key a council's pages are at now, kept for a second per council (or address
    # prefix). For one second more, and only that (the answer's stale-while-revalidate; never
    # proxy_cache_use_stale, which has no limit: the first visitor an hour after a paper was
    # made exempt would get the hour-old key), the old answer serves while one request asks
    # again in the background, so pages don't queue behind a busy web process every second.
    location = ${PROXY_KEY_PATH} {
      internal;
      proxy_pass_request_body off; proxy_set_header Content-Length "";
      ${headers.join(" ")}
      proxy_cache moot_versions; proxy_cache_key $scheme$host/$moot_council;
      proxy_cache_background_update on;
      proxy_pass http://${keys.length ? "moot_keys" : "moot"};
    }`
    : `
    location / { proxy_pass http://moot; }`;
  return `# Moot behind nginx (moot proxy-config): include inside http { }.
map $request_uri $moot_council { ~^/(?<first>[^/?]*) $first; }
upstream moot { hash $host/$moot_council consistent; ${servers} keepalive 32; }
upstream moot_search { least_conn; ${servers} keepalive 32; }${keys.length && o.cacheDir ? `\nupstream moot_keys { ${keys.map((k) => `server ${k};`).join(" ")} keepalive 8; }` : ""}${cache}
server {
    listen ${o.listen};${o.serverNames.length ? ` server_name ${o.serverNames.join(" ")};` : ""}
    ${headers.join("\n    ")}${pages}
    # Searches are never kept: any words make a new address.
    location ~ /search$ { proxy_pass http://moot_search; }
}
`;
}
