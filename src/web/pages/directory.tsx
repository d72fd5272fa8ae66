import type { Context } from "hono";
import type { Authority } from "../../domain/authority.js";
import type { AppEnv } from "../context.js";
import { SITE_CSS_PATH } from "../views/styles.js";

/**
 * The root of a shared host: the councils it serves, each linking to its own site under
 * `/<slug>/`. Also the answer, with 404, for a path under no council's prefix.
 */
export async function directoryPage(c: Context<AppEnv>, authorities: Authority[], status: 200 | 404 = 200) {
  const el = (
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{status === 404 ? "Page not found" : "Councils served here"}</title>
        <link rel="stylesheet" href={SITE_CSS_PATH} />
      </head>
      <body>
        <header class="site">
          <a class="name" href="/">
            Council meetings and decisions
          </a>
        </header>
        <main id="main">
          <h1>{status === 404 ? "Page not found" : "Councils"}</h1>
          {status === 404 && <p>No council's pages are at this address. These councils are served here:</p>}
          <ul class="plain">
            {authorities.map((a) => (
              <li>
                <a href={`/${a.slug}/`}>{a.name}</a>
                {a.hosts[0] && <span class="meta"> (also at {a.hosts[0]})</span>}
              </li>
            ))}
          </ul>
        </main>
      </body>
    </html>
  );
  return c.html(`<!doctype html>${await el.toString()}`, status, { "Cache-Control": "public, max-age=60" });
}
