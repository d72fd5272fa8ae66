import type { Context } from "hono";

/** Absolute links in feeds and sitemaps use the origin the request came in on. */
export function originOf(c: Context): string {
  return new URL(c.req.url).origin;
}
