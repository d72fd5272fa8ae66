import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context.js";
import { formatZodError } from "../../domain/errors.js";
import { apiError } from "../http/errors.js";
import { registerRecordRoutes } from "./routes-records.js";
import { registerMoreRoutes } from "./routes-more.js";
import { registerVoteRoutes } from "./routes-votes.js";
import { registerMatterRoutes } from "./routes-matters.js";
import { page } from "../views/render.js";

export const API_BASE = "/api/v1";

const INFO = {
  openapi: "3.1.0",
  info: {
    title: "Moot open data API",
    version: "1.0.0",
    description:
      "Committees, meetings, agendas, papers, decisions and actions of the council, as JSON. Ids are stable across re-imports. Lists take `limit` (at most 100) and `offset` and return `next`. Exempt (Schedule 12A) material carries a `withheld` notice in place of its text.",
    license: { name: "Open Government Licence v3.0", url: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" },
  },
  servers: [{ url: API_BASE }],
};

/** The /api/v1 sub-app: routes declared with zod-openapi, their document and a reference page. */
export function createApi() {
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return c.json(apiError("invalid", formatZodError(result.error)), 400);
    },
  });
  registerRecordRoutes(api);
  registerMoreRoutes(api);
  registerVoteRoutes(api);
  registerMatterRoutes(api);
  api.doc31("/openapi.json", INFO);
  api.get("/", async (c) => {
    const doc = api.getOpenAPI31Document(INFO);
    const paths = Object.entries(doc.paths ?? {});
    return page(
      c,
      { title: "Open data API", section: "api", crumbs: [{ href: "/", label: "Home" }] },
      <>
        <h1>Open data API</h1>
        <p>
          <Prose text={INFO.info.description} />
        </p>
        <p>
          Machine-readable description: <a href={`${API_BASE}/openapi.json`}>OpenAPI 3.1 document</a>. Feeds:{" "}
          <a href="/calendar.ics">all meetings (iCal)</a>, <a href="/feeds/meetings.atom">new meetings</a>,{" "}
          <a href="/feeds/papers.atom">published papers</a>, <a href="/feeds/decisions.atom">decisions</a> (Atom; add
          <code>.rss</code> for RSS).
        </p>
        <p>
          Bulk download, Popolo, OParl and the ModernGov-compatible service: <a href="/open-data">open data</a>.
        </p>
        <h2>Endpoints</h2>
        {paths.map(([path, ops]) =>
          Object.entries(
            ops as Record<
              string,
              {
                summary?: string;
                parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
              }
            >,
          ).map(([method, op]) => (
            <section>
              <h3>
                <code>
                  {method.toUpperCase()} {API_BASE}
                  {path}
                </code>
              </h3>
              {op.summary && (
                <p>
                  <Prose text={op.summary} />
                </p>
              )}
              {op.parameters && op.parameters.length > 0 && (
                <table>
                  <caption class="muted">Parameters</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">In</th>
                      <th scope="col">Required</th>
                      <th scope="col">Type</th>
                    </tr>
                  </thead>
                  <tbody>
                    {op.parameters.map((p) => (
                      <tr>
                        <td>
                          <code>{p.name}</code>
                        </td>
                        <td>{p.in}</td>
                        <td>{p.required ? "yes" : "no"}</td>
                        <td>{typeName(p.schema)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          )),
        )}
      </>,
    );
  });
  return api;
}

interface Schema {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  format?: string;
}

/** A parameter's type in words: "integer", "date", "open | closed"; null is not a type a reader passes. */
function typeName(s: Schema | undefined): string {
  if (!s) return "";
  if (s.enum)
    return s.enum
      .filter((v) => v !== null)
      .map(String)
      .join(" | ");
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return [...new Set(alts.map(typeName).filter(Boolean))].join(" or ");
  const types = (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []).filter((t) => t !== "null");
  return types.map((t) => (t === "string" && s.format ? s.format : t)).join(" or ");
}

/** Text written with `code` spans in Markdown style (as the OpenAPI document carries it), shown as code. */
function Prose(props: { text: string }) {
  return <>{props.text.split("`").map((part, i) => (i % 2 ? <code>{part}</code> : part))}</>;
}
