import type { Context } from "hono";
import type { AppEnv } from "../context.js";
import { siteRoot } from "../http/base-path.js";

/** Absolute links in feeds and sitemaps: the origin the request came in on, plus the authority's path prefix. */
export function originOf(c: Context<AppEnv>): string {
  return siteRoot(c);
}
