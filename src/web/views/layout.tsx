import type { Child } from "hono/jsx";
import { SITE_CSS_PATH } from "./styles.js";

export interface Crumb {
  href: string;
  label: string;
}

export interface LayoutProps {
  title: string;
  /** The council's name, shown in the header and the <title>. */
  site: string;
  /** The header's wordmark: the authority's logo text when it has one, else its name. */
  wordmark?: string;
  /** Which primary navigation entry is current. */
  section?: "home" | "calendar" | "committees" | "decisions" | "actions" | "search" | "people" | "api";
  crumbs?: Crumb[];
  /** <link rel=alternate> feeds for this page. */
  feeds?: Array<{ href: string; type: string; title: string }>;
  children?: Child;
}

const NAV: Array<[LayoutProps["section"], string, string]> = [
  ["home", "/", "Home"],
  ["calendar", "/calendar", "Calendar"],
  ["committees", "/committees", "Committees"],
  ["decisions", "/decisions", "Decisions"],
  ["actions", "/actions", "Actions"],
  ["people", "/people", "People"],
  ["search", "/search", "Search"],
  ["api", "/api/v1", "Open data"],
];

/** The shared page shell (also used by the editor and sign-in pages): skip link, header, nav, main. */
export function Layout(props: LayoutProps) {
  return (
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} – ${props.site}`}</title>
        <link rel="stylesheet" href={SITE_CSS_PATH} />
        {(props.feeds ?? []).map((f) => (
          <link rel="alternate" type={f.type} title={f.title} href={f.href} />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to main content
        </a>
        <header class="site">
          <a class="name" href="/">
            {props.wordmark ?? props.site}
          </a>
          <nav class="primary" aria-label="Main">
            <ul>
              {NAV.map(([key, href, label]) => (
                <li>
                  <a href={href} aria-current={props.section === key ? "page" : undefined}>
                    {label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" tabindex={-1}>
          {props.crumbs && props.crumbs.length > 0 && (
            <nav class="crumbs" aria-label="Breadcrumb">
              <ol>
                {props.crumbs.map((c) => (
                  <li>
                    <a href={c.href}>{c.label}</a>
                  </li>
                ))}
              </ol>
            </nav>
          )}
          {props.children}
        </main>
        <footer class="site">
          <p>
            Published by {props.site} with Moot. <a href="/api/v1">Open data and API</a> ·{" "}
            <a href="/calendar.ics">Meetings calendar (iCal)</a> · <a href="/feeds/meetings.atom">Feeds</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
