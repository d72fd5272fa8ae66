import type { Context } from "hono";
import type { App, AppEnv } from "../context.js";
import { MootError } from "../../domain/errors.js";
import { meetingDetail } from "../../store/queries/meetings.js";
import { Scope } from "../../store/records.js";
import { buildPack } from "../../workflow/pack.js";
import { buildPackHtml } from "../../workflow/pack-html.js";
import { printedMinutes, printedMinutesHtml, printedMinutesPdf } from "../../workflow/minutes-print.js";

/**
 * The meeting page's downloads: the public agenda pack (exempt papers replaced by their
 * notice, as the pack rules say) once the agenda is visible to this viewer, and the printed
 * minutes once the minutes are. Built on each request and never kept by a shared cache, so
 * a paper made exempt is out of the next download.
 */
const PRIVATE = { "Cache-Control": "private, no-cache" };

async function detail(c: Context<AppEnv>) {
  const d = await meetingDetail(c.get("store"), c.get("authority").id, c.req.param("id") ?? "", c.get("viewer"));
  if (!d) throw new MootError("not_found", "no such meeting");
  return d;
}

function fileName(d: { committee: { slug: string }; meeting: { localDate: string } }, what: string, ext: string): string {
  return `${d.committee.slug}-${d.meeting.localDate}-${what}.${ext}`;
}

export function registerMeetingDownloads(app: App) {
  const pack = async (c: Context<AppEnv>, html: boolean) => {
    const d = await detail(c);
    if (d.items.length === 0) throw new MootError("not_found", "this meeting's agenda is not published");
    const scope = new Scope(c.get("store"), c.get("authority").id, "web");
    if (html)
      return c.body(await buildPackHtml(scope, d.meeting.id, { audience: "public" }), 200, {
        ...PRIVATE,
        "Content-Type": "text/html; charset=utf-8",
      });
    const bytes = await buildPack(scope, d.meeting.id, { audience: "public" });
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      ...PRIVATE,
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${fileName(d, "agenda-pack", "pdf")}"`,
    });
  };
  app.get("/meetings/:id/agenda-pack.pdf", (c) => pack(c, false));
  app.get("/meetings/:id/agenda-pack.html", (c) => pack(c, true));

  const minutes = async (c: Context<AppEnv>, html: boolean) => {
    const d = await detail(c);
    if (d.minutes.length === 0) throw new MootError("not_found", "this meeting's minutes are not published");
    const printed = printedMinutes(d);
    const name = c.get("authority").name;
    if (html) return c.body(printedMinutesHtml(printed, name), 200, { ...PRIVATE, "Content-Type": "text/html; charset=utf-8" });
    return c.body((await printedMinutesPdf(printed, name)) as Uint8Array<ArrayBuffer>, 200, {
      ...PRIVATE,
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${fileName(d, "minutes", "pdf")}"`,
    });
  };
  app.get("/meetings/:id/minutes.pdf", (c) => minutes(c, false));
  app.get("/meetings/:id/minutes.html", (c) => minutes(c, true));
}
