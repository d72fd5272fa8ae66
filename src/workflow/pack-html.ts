import { ROLE_LABELS } from "../domain/membership.js";
import { exemptNotice } from "../domain/viewer.js";
import type { Scope } from "../store/records.js";
import { describeMeetingDate, itemFlags, loadPackData, type PackOptions } from "./pack-data.js";

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]);
const para = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("\n");

/**
 * The agenda pack as one accessible HTML document (the PDF's twin): front sheet, agenda
 * with links to each paper, and each paper's text page by page. Exempt papers are
 * replaced by their restriction notice for the public exactly as in the PDF.
 */
export async function buildPackHtml(scope: Scope, meetingId: string, opts: PackOptions): Promise<string> {
  const data = await loadPackData(scope, meetingId, opts);
  const { meeting, committee } = data;
  const title = `${meeting.title ?? committee.name}: ${describeMeetingDate(meeting)}`;
  const out: string[] = [
    "<!doctype html>",
    `<html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>`,
    `<header><p>${escapeHtml(data.authorityName)}</p><h1>${escapeHtml(meeting.title ?? committee.name)}</h1>`,
    `<p><time datetime="${meeting.startsAt}">${escapeHtml(describeMeetingDate(meeting))}</time>${meeting.venue ? `, ${escapeHtml(meeting.venue)}` : ""}</p>`,
    meeting.status !== "scheduled"
      ? `<p><strong>${escapeHtml(meeting.status)}</strong>${meeting.statusNote ? `: ${escapeHtml(meeting.statusNote)}` : ""}</p>`
      : "",
    "</header>",
    `<section aria-labelledby="membership"><h2 id="membership">Membership</h2><ul>`,
    ...data.members.map(
      (m) =>
        `<li>${escapeHtml(m.name)}${m.role === "member" ? "" : ` (${escapeHtml(ROLE_LABELS[m.role])})`}${m.representing ? `, representing ${escapeHtml(m.representing)}` : ""}</li>`,
    ),
    "</ul></section>",
    `<section aria-labelledby="agenda"><h2 id="agenda">Agenda</h2><ol class="agenda">`,
  ];
  for (const { item, papers } of data.items) {
    const flags = itemFlags(item);
    out.push(
      `<li value="${Number.parseInt(item.number, 10) || ""}" id="item-${escapeHtml(item.number)}"><strong>${escapeHtml(item.number)}. ${escapeHtml(item.title)}</strong>`,
      flags.length ? ` <em>${escapeHtml(flags.join(" · "))}</em>` : "",
      item.description ? para(item.description) : "",
      papers.length ? `<ul>${papers.map((p) => `<li><a href="#doc-${p.doc.id}">${escapeHtml(p.doc.title)}</a></li>`).join("")}</ul>` : "",
      "</li>",
    );
  }
  out.push("</ol></section>");
  for (const { item, papers } of data.items) {
    for (const p of papers) {
      out.push(`<article id="doc-${p.doc.id}"><h2>${escapeHtml(item.number)}. ${escapeHtml(p.doc.title)}</h2>`);
      if (p.restrictedParagraph !== null) {
        out.push(
          `<p><strong>Document is restricted: paragraph ${p.restrictedParagraph}</strong></p><p>${escapeHtml(exemptNotice(p.restrictedParagraph))}</p>`,
        );
      } else {
        for (const page of await scope.list("document_page", { documentId: p.doc.id }, ["pageNumber"])) {
          // Pages of a shared original that an exempt paper covers stay out, as in the PDF.
          if (p.openPages && !p.openPages.includes(page.pageNumber)) continue;
          out.push(`<section class="page" id="doc-${p.doc.id}-page-${page.pageNumber}">${para(page.text)}</section>`);
        }
      }
      out.push("</article>");
    }
  }
  out.push("</body></html>");
  return out.filter(Boolean).join("\n");
}
