import type { MiddlewareHandler } from "hono";

/**
 * Public pages run no script at all, so the policy can be strict. Routes that need more
 * (the editor) set their own Content-Security-Policy and this leaves it alone.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy":
    "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; connect-src 'self'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-site",
};

export function securityHeaders(): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    await next();
    const h = c.res.headers;
    if (h.has("content-security-policy")) return; // already set (cached entry or a route's own policy)
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) h.set(k, v);
  };
}
