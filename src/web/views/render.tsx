import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../context.js";
import { Layout, type LayoutProps } from "./layout.js";
import { htmlWithBase } from "../http/base-path.js";

/** Renders a page inside the shared Layout with a doctype; status defaults to 200. */
export async function page(
  c: Context<AppEnv>,
  props: Omit<LayoutProps, "site" | "children">,
  children: Child,
  status: 200 | 400 | 403 | 404 | 409 | 413 | 422 | 423 | 429 | 500 | 503 | 504 = 200,
) {
  const el = (
    <Layout {...props} site={c.get("authority")?.name ?? "Moot"} wordmark={c.get("authority")?.logoText ?? undefined}>
      {children}
    </Layout>
  );
  return htmlWithBase(c, `<!doctype html>${await el.toString()}`, status);
}
