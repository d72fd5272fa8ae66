import type { Content } from "pdfmake/interfaces.js";
import type { RecordOf } from "../domain/records.js";
import type { Scope } from "../store/records.js";
import { openActions, type ActionView } from "./actions.js";
import { addAgendaItem, agendaOf } from "./agenda.js";
import { escapeHtml } from "./pack-html.js";
import { readPdf, recordPdfDocument } from "./papers.js";
import { renderPdf } from "./pdf-render.js";

export const TRACKING_TITLE = "Tracking decisions";

const statusText = (v: ActionView) => `${v.action.status.replace("-", " ")}${v.overdue ? " (overdue)" : ""}`;

function rows(views: ActionView[]): string[][] {
  return views.map((v) => [
    v.action.ref ?? "",
    v.action.text,
    v.action.ownerText ?? "",
    v.action.dueDate ?? v.action.dueText ?? "",
    statusText(v),
    v.latestUpdate ? `${v.latestUpdate.onDate}: ${v.latestUpdate.text}` : "",
  ]);
}
const HEAD = ["Ref", "Action", "Owner", "Due", "Status", "Latest update"];

export function trackingHtml(committee: RecordOf<"committee">, views: ActionView[], today: string): string {
  const body = rows(views)
    .map((r, i) => `<tr${views[i].overdue ? ' class="overdue"' : ""}>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`)
    .join("\n");
  return [
    `<section class="tracking-decisions"><h2>${escapeHtml(TRACKING_TITLE)}: ${escapeHtml(committee.name)}</h2>`,
    `<p>Open actions at ${escapeHtml(today)}.</p>`,
    `<table><thead><tr>${HEAD.map((h) => `<th scope="col">${h}</th>`).join("")}</tr></thead><tbody>`,
    body || `<tr><td colspan="6">No open actions.</td></tr>`,
    "</tbody></table></section>",
  ].join("\n");
}

async function trackingPdf(committee: RecordOf<"committee">, views: ActionView[], today: string): Promise<Uint8Array> {
  const content: Content[] = [
    { text: `${TRACKING_TITLE}: ${committee.name}`, fontSize: 16, bold: true, margin: [0, 0, 0, 6] },
    { text: `Open actions at ${today}.`, margin: [0, 0, 0, 10] },
    views.length
      ? {
          table: { headerRows: 1, widths: [40, "*", 70, 55, 55, "*"], body: [HEAD.map((h) => ({ text: h, bold: true })), ...rows(views)] },
          fontSize: 9,
          layout: "lightHorizontalLines",
        }
      : { text: "No open actions." },
  ];
  return renderPdf({ pageOrientation: "landscape", content });
}

/**
 * Generates the "tracking decisions" paper for a meeting from the committee's open
 * actions: a PDF stored as a searchable document under a "Tracking decisions" agenda item
 * (added when missing), plus the same table as HTML.
 */
export async function generateTrackingPaper(
  scope: Scope,
  meetingId: string,
  today: string,
  opts: { urgencyReason?: string } = {},
): Promise<{ document: RecordOf<"document">; item: RecordOf<"agenda_item">; html: string; actions: ActionView[] }> {
  const meeting = await scope.require("meeting", meetingId);
  const committee = await scope.require("committee", meeting.committeeId);
  const views = await openActions(scope, committee.id, today);
  const pdf = await readPdf(scope, await trackingPdf(committee, views, today), `tracking-decisions-${today}.pdf`);
  return scope.transaction(async (s) => {
    const item =
      (await agendaOf(s, meetingId)).find((i) => i.title === TRACKING_TITLE) ??
      (await addAgendaItem(s, meetingId, { title: TRACKING_TITLE, kind: "information", urgencyReason: opts.urgencyReason }));
    // A regenerated paper replaces the previous one rather than sitting beside it.
    for (const old of await s.list("document", { agendaItemId: item.id }))
      if (old.title.startsWith(TRACKING_TITLE)) await s.delete("document", old.id);
    const document = await recordPdfDocument(s, pdf, {
      meetingId,
      agendaItemId: item.id,
      kind: "report",
      title: `${TRACKING_TITLE} at ${today}`,
      publishedAt: meeting.agendaPublishedAt ? new Date().toISOString() : null,
    });
    return { document, item, html: trackingHtml(committee, views, today), actions: views };
  });
}
