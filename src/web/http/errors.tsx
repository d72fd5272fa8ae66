import type { Context } from "hono";
import { ZodError } from "zod";
import { MootError, formatZodError } from "../../domain/errors.js";
import { plainMessage } from "../../domain/plain-message.js";
import type { AppEnv } from "../context.js";
import { page } from "../views/render.js";

export type ErrorStatus = 400 | 403 | 404 | 409 | 413 | 422 | 423 | 429 | 500 | 503 | 504;

/** Every domain error code (src/domain/errors.ts) and the HTTP status it is answered with. */
export const STATUS: Record<string, ErrorStatus> = {
  invalid: 400,
  bad_input: 400,
  no_text_layer: 422,
  not_found: 404,
  forbidden: 403,
  unauthenticated: 403,
  conflict: 409,
  locked: 423,
  rule: 422,
  too_large: 413,
  rate_limited: 429,
  timeout: 504,
  config: 503,
  aborted: 503,
};

const HEADINGS: Partial<Record<ErrorStatus, string>> = {
  404: "Page not found",
  403: "Not available",
  400: "There is a problem with the request",
  409: "Someone else changed this first",
  413: "That was too large to send",
  423: "This record is locked",
  429: "Too many requests",
  504: "That took too long",
};

/**
 * An API error body: `code` for programs, `message` for people (field labels, dates as a clerk
 * writes them), and `detail`, the raw text with its ISO dates and field paths, when it differs.
 */
export function apiError(code: string, raw: string): { error: { code: string; message: string; detail?: string } } {
  const message = plainMessage(raw);
  return { error: message === raw ? { code, message } : { code, message, detail: raw } };
}

/** One mapping from error codes to HTTP (STYLE.md habit 7): JSON under /api, HTML elsewhere. */
export async function onError(err: Error, c: Context<AppEnv>) {
  const code = err instanceof MootError ? err.code : err instanceof ZodError ? "invalid" : "internal";
  const status = STATUS[code] ?? 500;
  const message = err instanceof ZodError ? formatZodError(err) : status === 500 ? "Something went wrong on our side." : err.message;
  if (status === 500) console.error(err);
  // Shed load (a full search queue): tell clients and proxies when to come back.
  if (status === 429) c.header("Retry-After", "1");
  if (c.req.path.startsWith("/api/")) return c.json(apiError(code, message), status);
  if (!c.get("authority")) return c.text(plainMessage(message), status);
  const heading = HEADINGS[status] ?? "Sorry, there is a problem";
  return page(
    c,
    { title: heading },
    <>
      <h1>{heading}</h1>
      <p>{plainMessage(message)}</p>
      <p>
        <a href="/">Go to the home page</a>
      </p>
    </>,
    status,
  );
}
