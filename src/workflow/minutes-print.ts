import type { Content } from "pdfmake/interfaces.js";
import type { MeetingDetail } from "../store/queries/meetings.js";
import { INTEREST_LABELS } from "../domain/declaration.js";
import { escapeHtml } from "./pack-html.js";
import { describeMeetingDate } from "./pack-data.js";
import { renderPdf } from "./pdf-render.js";

/**
 * The minutes as a council prints them: heading, who was present, then each minute with its
 * decisions under it. Built only from a MeetingDetail the store has already read for the
 * viewer, so a withheld minute prints as its notice and nothing unpublished can get in.
 */
export interface PrintedMinutes {
  title: string;
  when: string;
  venue: string | null;
  draft: boolean;
  present: string[];
  apologies: string[];
  officers: string[];
  declarations: string[];
  minutes: Array<{ number: string; title: string; text: string; decisions: string[] }>;
}

export function printedMinutes(d: MeetingDetail): PrintedMinutes {
  const name = (p: { honorific: string | null; name: string }) => [p.honorific, p.name].filter(Boolean).join(" ");
  const members = d.attendance.filter((a) => a.attendance.capacity !== "officer");
  return {
    title: `Minutes of the ${d.committee.name}`,
    when: describeMeetingDate(d.meeting),
    venue: d.meeting.venue,
    draft: d.minutes.some((m) => m.minute.status === "draft"),
    present: members
      .filter((a) => a.attendance.status === "present" || a.attendance.status === "substitute")
      .map(
        (a) =>
          `${name(a.person)}${a.substituteFor ? ` (substitute for ${a.substituteFor.name})` : ""}${a.attendance.note ? ` (${a.attendance.note})` : ""}`,
      ),
    apologies: members.filter((a) => a.attendance.status === "apologies").map((a) => name(a.person)),
    officers: d.attendance
      .filter((a) => a.attendance.capacity === "officer")
      .map((a) => (a.person.post ? `${a.person.name}, ${a.person.post}` : a.person.name)),
    declarations: d.declarations.map(
      (x) => `${name(x.person)}${x.item ? `, item ${x.item.number}` : ""}: ${INTEREST_LABELS[x.declaration.type]}. ${x.declaration.nature}`,
    ),
    minutes: d.minutes.map((m) => ({
      number: m.minute.number,
      title: m.minute.title,
      text: m.withheld ? m.withheld.notice : m.minute.text,
      decisions: m.withheld
        ? []
        : d.decisions.filter((x) => x.decision.minuteId === m.minute.id && !x.withheld).map((x) => x.decision.text),
    })),
  };
}

export function printedMinutesHtml(p: PrintedMinutes, authorityName: string): string {
  const list = (label: string, xs: string[]) =>
    xs.length ? `<h2>${label}</h2><ul>${xs.map((x) => `<li>${escapeHtml(x)}</li>`).join("")}</ul>` : "";
  return [
    "<!doctype html>",
    `<html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(p.title)}, ${escapeHtml(p.when)}</title>`,
    "<style>body{font:11pt/1.45 Georgia,serif;max-width:42rem;margin:2rem auto;padding:0 1rem}h1{font-size:1.5rem}h2{font-size:1.1rem}.resolved{margin-left:1.5rem}</style></head><body>",
    `<header><p>${escapeHtml(authorityName)}</p><h1>${escapeHtml(p.title)}${p.draft ? " (draft)" : ""}</h1>`,
    `<p>${escapeHtml(p.when)}${p.venue ? `, ${escapeHtml(p.venue)}` : ""}</p></header>`,
    list("Present", p.present),
    list("Apologies", p.apologies),
    list("Officers", p.officers),
    list("Declarations of interest", p.declarations),
    "<main>",
    ...p.minutes.map(
      (m) =>
        `<section><h2>${escapeHtml(m.number)} ${escapeHtml(m.title)}</h2>${m.text
          .split(/\n{2,}/)
          .map((t) => `<p>${escapeHtml(t)}</p>`)
          .join("")}${m.decisions.map((t) => `<p class="resolved"><strong>Resolved:</strong> ${escapeHtml(t)}</p>`).join("")}</section>`,
    ),
    "</main></body></html>",
  ].join("\n");
}

export function printedMinutesPdf(p: PrintedMinutes, authorityName: string): Promise<Uint8Array> {
  const list = (label: string, xs: string[]): Content[] =>
    xs.length ? [{ text: label, bold: true, margin: [0, 10, 0, 4] }, { ul: xs }] : [];
  const content: Content[] = [
    { text: authorityName, fontSize: 12 },
    { text: `${p.title}${p.draft ? " (draft)" : ""}`, fontSize: 18, bold: true, margin: [0, 6, 0, 4] },
    { text: `${p.when}${p.venue ? `, ${p.venue}` : ""}`, margin: [0, 0, 0, 8] },
    ...list("Present", p.present),
    ...list("Apologies", p.apologies),
    ...list("Officers", p.officers),
    ...list("Declarations of interest", p.declarations),
    ...p.minutes.flatMap((m): Content[] => [
      { text: `${m.number} ${m.title}`, bold: true, fontSize: 12, margin: [0, 14, 0, 4] },
      ...m.text.split(/\n{2,}/).map((t): Content => ({ text: t, margin: [0, 0, 0, 6] })),
      ...m.decisions.map((t): Content => ({ text: [{ text: "Resolved: ", bold: true }, t], margin: [20, 0, 0, 6] })),
    ]),
  ];
  return renderPdf({ info: { title: `${p.title}, ${p.when}` }, content });
}
