import type { App } from "../context.js";
import { originOf } from "../feeds/origin.js";
import { page } from "../views/render.js";
import { bulkArchive } from "./bulk.js";
import { SERVICE_PATH } from "./moderngov/routes.js";
import { OPARL_BASE } from "./oparl/routes.js";
import { popolo } from "./popolo.js";
import { publicRecords } from "./public-records.js";

export const OPEN_DATA_PATH = "/open-data";
export const BULK_PATH = `${OPEN_DATA_PATH}/public-records.zip`;
export const POPOLO_PATH = `${OPEN_DATA_PATH}/popolo.json`;

/** The open-data page and its downloads: the bulk archive and the Popolo export. */
export function mountOpenData(app: App): void {
  app.get(OPEN_DATA_PATH, (c) =>
    page(
      c,
      { title: "Open data", section: "api", crumbs: [{ href: "/", label: "Home" }] },
      <>
        <h1>Open data</h1>
        <p>Everything on this site is published as open data, in the formats other civic tools already read.</p>
        <ul>
          <li>
            <a href={BULK_PATH}>Download all public records</a> (ZIP: JSON and one CSV per kind of record; rebuilt whenever the records
            change).
          </li>
          <li>
            <a href={POPOLO_PATH}>Popolo</a>: people, organisations, wards (posts), memberships and motions.
          </li>
          <li>
            <a href={OPARL_BASE}>OParl 1.1</a>: bodies, organisations, people, meetings, agenda items, papers and files, with paging and{" "}
            <code>modified_since</code>.
          </li>
          <li>
            <a href={SERVICE_PATH}>ModernGov-compatible web service</a> (<code>mgWebService.asmx</code>, GET and SOAP;{" "}
            <a href={`${SERVICE_PATH}?WSDL`}>WSDL</a>) for apps and scrapers written for ModernGov.
          </li>
          <li>
            <a href="/api/v1">Moot's own API</a> (OpenAPI 3.1) and feeds.
          </li>
        </ul>
        <p class="muted">Exempt papers (Schedule 12A to the Local Government Act 1972) are not included in any of these.</p>
      </>,
    ),
  );
  app.get(POPOLO_PATH, async (c) => c.json(popolo(await publicRecords(c.get("store"), c.get("authority")), originOf(c))));
  app.get(BULK_PATH, async (c) => {
    const r = await publicRecords(c.get("store"), c.get("authority"));
    const etag = `"${r.version}"`;
    if (c.req.header("if-none-match") === etag) return c.body(null, 304);
    const zip = await bulkArchive(r, originOf(c));
    return c.body(new Uint8Array(zip), 200, {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${r.authority.slug}-public-records.zip"`,
      ETag: etag,
      ...(r.lastModified ? { "Last-Modified": new Date(r.lastModified).toUTCString() } : {}),
    });
  });
}
