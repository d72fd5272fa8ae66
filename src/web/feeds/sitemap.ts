import type { App } from "../context.js";
import { sitemapEntries } from "../../store/queries/site.js";
import { originOf } from "./origin.js";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

export function registerSitemap(app: App) {
  app.get("/sitemap.xml", async (c) => {
    const origin = originOf(c);
    const e = await sitemapEntries(c.get("store"), c.get("authority").id, c.get("viewer"));
    const urls: Array<[string, string | null]> = [
      ["/", null],
      ["/calendar", null],
      ["/committees", null],
      ["/decisions", null],
      ["/actions", null],
      ["/people", null],
      ...e.committees.map((x): [string, string] => [`/committees/${x.slug}`, x.updatedAt]),
      ...e.meetings.map((x): [string, string] => [`/meetings/${x.id}`, x.updatedAt]),
      ...e.documents.map((x): [string, string] => [`/documents/${x.id}`, x.updatedAt]),
      ...e.people.map((x): [string, string] => [`/people/${x.slug}`, x.updatedAt]),
    ];
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls
      .map(([u, m]) => `<url><loc>${esc(origin + u)}</loc>${m ? `<lastmod>${m.slice(0, 10)}</lastmod>` : ""}</url>`)
      .join("\n")}\n</urlset>\n`;
    return c.body(body, 200, { "Content-Type": "application/xml; charset=utf-8" });
  });
  app.get("/robots.txt", (c) => c.text(`User-agent: *\nAllow: /\nSitemap: ${originOf(c)}/sitemap.xml\n`));
}
