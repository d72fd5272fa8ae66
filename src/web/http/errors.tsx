import type { Context } from "hono";
import { ZodError } from "zod";
import { MootError, formatZodError } from "../../domain/errors.js";
import type { AppEnv } from "../context.js";
import { page } from "../views/render.js";

const STATUS: Record<string, 400 | 403 | 404 | 429 | 500 | 503> = {
  invalid: 400,
  bad_input: 400,
  not_found: 404,
  forbidden: 403,
  unauthenticated: 403,
  config: 503,
  rate_limited: 429,
  aborted: 503,
};

/** One mapping from error codes to HTTP (STYLE.md habit 7): JSON under /api, HTML elsewhere. */
export async function onError(err: Error, c: Context<AppEnv>) {
  const code = err instanceof MootError ? err.code : err instanceof ZodError ? "invalid" : "internal";
  const status = STATUS[code] ?? 500;
  const message = err instanceof ZodError ? formatZodError(err) : status === 500 ? "Something went wrong on our side." : err.message;
  if (status === 500) console.error(err);
  // Shed load (a full search queue): tell clients and proxies when to come back.
  if (status === 429) c.header("Retry-After", "1");
  if (c.req.path.startsWith("/api/")) return c.json({ error: { code, message } }, status);
  if (!c.get("authority")) return c.text(message, status);
  const heading =
    status === 404
      ? "Page not found"
      : status === 403
        ? "Not available"
        : status === 400
          ? "There is a problem with the request"
          : "Sorry, there is a problem";
  return page(
    c,
    { title: heading },
    <>
      <h1>{heading}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Go to the home page</a>
      </p>
    </>,
    status,
  );
}
