import { TARGET_NOUN, type Subscription } from "../../domain/subscription.js";
import type { MeetingDetail } from "../../store/queries/meetings.js";
import type { MatterDetail, MatterStepEntry } from "../../store/queries/matters.js";
import type { AlertEvent } from "../../store/queries/alert-events.js";
import type { OutgoingMail } from "./mailer.js";

/**
 * The messages alerts send. Every one says why it was sent and carries a one-click
 * unsubscribe (RFC 8058: List-Unsubscribe with an https URL, and List-Unsubscribe-Post).
 * Content comes only from `MeetingDetail` read with the public viewer, so exempt and
 * unpublished text is never in a message: it was never read.
 */

export interface Site {
  name: string;
  /** Origin of the public site, e.g. https://democracy.example.gov.uk (no trailing slash). */
  url: string;
}

const dayFmt = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const longDate = (iso: string) => dayFmt.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)).replace(",", "");
function clock(hhmm: string | null): string {
  if (!hhmm) return "";
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  const suffix = h < 12 ? "am" : "pm";
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return m === 0 ? `${h12}${suffix}` : `${h12}:${String(m).padStart(2, "0")}${suffix}`;
}
const when = (m: { localDate: string; localTime: string | null }) =>
  m.localTime ? `${longDate(m.localDate)}, ${clock(m.localTime)}` : longDate(m.localDate);

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const unsubscribeUrl = (site: Site, sub: Pick<Subscription, "unsubscribeToken">) =>
  `${site.url}/alerts/unsubscribe/${sub.unsubscribeToken}`;

function reason(site: Site, sub: Subscription): string {
  return `You are getting this because ${sub.email} subscribed to ${sub.frequency === "daily" ? "a daily digest of " : ""}alerts about ${sub.label} (${TARGET_NOUN[sub.target]}) from ${site.name}, and confirmed it.`;
}

/** Plain text and HTML from the same lines: paragraphs, with bare URLs linked in HTML. */
function render(lines: string[]): { text: string; html: string } {
  const text = `${lines.join("\n\n")}\n`;
  const html = `<!doctype html><html lang="en-GB"><body>${lines
    .map(
      (l) =>
        `<p>${esc(l)
          .replace(/https?:\/\/[^\s<]+/g, (u) => `<a href="${u}">${u}</a>`)
          .replace(/\n/g, "<br>")}</p>`,
    )
    .join("")}</body></html>`;
  return { text, html };
}

function withUnsubscribe(site: Site, sub: Subscription, mail: Omit<OutgoingMail, "headers" | "to">): OutgoingMail {
  return {
    ...mail,
    to: sub.email,
    headers: {
      "List-Unsubscribe": `<${unsubscribeUrl(site, sub)}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "Auto-Submitted": "auto-generated",
    },
  };
}

export function confirmationMail(site: Site, sub: Subscription, confirmToken: string): OutgoingMail {
  const link = `${site.url}/alerts/confirm/${confirmToken}`;
  const body = render([
    `Someone, probably you, asked ${site.name} to email ${sub.email} ${sub.frequency === "daily" ? "a daily digest" : "alerts"} about ${sub.label} (${TARGET_NOUN[sub.target]}).`,
    `To start the alerts, confirm here:\n${link}`,
    "If you did not ask for this, ignore this message: nothing will be sent to you unless the link is used.",
  ]);
  return { to: sub.email, subject: `Confirm your alerts about ${sub.label}`, ...body, headers: { "Auto-Submitted": "auto-generated" } };
}

/** One event, as the lines of a message; read from the public meeting detail only. */
export function eventLines(site: Site, event: AlertEvent, d: MeetingDetail): { title: string; lines: string[] } {
  const meeting = `${d.committee.name}, ${when(d.meeting)}`;
  const link = `${site.url}/meetings/${d.meeting.id}`;
  if (event.kind === "agenda") {
    const items = d.items.map((e) => `${e.item.number}. ${e.item.title}${e.withheld ? " (not for publication)" : ""}`);
    return {
      title: `Agenda published: ${meeting}`,
      lines: [
        `The agenda for ${meeting} has been published${d.meeting.venue ? `. Venue: ${d.meeting.venue}` : ""}.`,
        ...(items.length ? [`Items:\n${items.join("\n")}`] : []),
        `Read the agenda and papers: ${link}`,
      ],
    };
  }
  const decisions = d.decisions.map((x) => `${x.item ? `Item ${x.item.number}: ` : ""}${x.decision.text}`);
  const label = event.kind === "minutes-approved" ? "Minutes approved" : "Draft minutes published";
  return {
    title: `${label}: ${meeting}`,
    lines: [
      `${event.kind === "minutes-approved" ? "The minutes of" : "The draft minutes of"} ${meeting} ${event.kind === "minutes-approved" ? "have been approved" : "have been published"}.`,
      ...(decisions.length ? [`Decisions:\n${decisions.join("\n")}`] : []),
      `Read the minutes: ${link}#minutes`,
    ],
  };
}

/** A followed matter moved: the step, as the public matter page shows it. */
export function matterLines(site: Site, event: AlertEvent, m: MatterDetail, s: MatterStepEntry): { title: string; lines: string[] } {
  const name = `${m.matter.reference}: ${m.matter.title}`;
  const meeting = `${s.meeting.committee.name}, ${when(s.meeting)}`;
  const calledIn = event.key.startsWith("call-in:");
  const decision = s.decision && !s.decision.withheld ? s.decision.decision : null;
  return {
    title: calledIn ? `Decision called in: ${name}` : `Matter moved: ${name}`,
    lines: [
      calledIn
        ? `A decision on ${name} taken at ${meeting} has been called in for scrutiny; it cannot be implemented until the call-in ends.`
        : `${name} is now part of ${meeting}${s.item ? `, item ${s.item.number}: ${s.item.title}` : ""}.`,
      ...(s.step.note ? [s.step.note] : []),
      ...(s.document ? [`Report: ${s.document.title}`] : []),
      ...(decision ? [`Decision: ${decision.text}`] : []),
      ...(calledIn && decision?.callInReason ? [`Reason: ${decision.callInReason}`] : []),
      `Read its history: ${site.url}/matters/${m.matter.id}`,
    ],
  };
}

export function alertMail(site: Site, sub: Subscription, event: { title: string; lines: string[] }): OutgoingMail {
  const body = render([...event.lines, reason(site, sub), `Unsubscribe with one click: ${unsubscribeUrl(site, sub)}`]);
  return withUnsubscribe(site, sub, { subject: event.title, ...body });
}

export function digestMail(site: Site, sub: Subscription, day: string, events: Array<{ title: string; lines: string[] }>): OutgoingMail {
  const body = render([
    `${events.length} update${events.length === 1 ? "" : "s"} about ${sub.label} from ${site.name} (${longDate(day)}):`,
    ...events.flatMap((e) => [`— ${e.title}`, ...e.lines]),
    reason(site, sub),
    `Unsubscribe with one click: ${unsubscribeUrl(site, sub)}`,
  ]);
  return withUnsubscribe(site, sub, {
    subject: `Daily digest: ${sub.label} (${events.length} update${events.length === 1 ? "" : "s"})`,
    ...body,
  });
}
