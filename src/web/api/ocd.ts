import { createHash } from "node:crypto";
import { z } from "@hono/zod-openapi";
import type { MeetingDetail } from "../../store/queries/meetings.js";
import { Meeting } from "../../domain/meeting.js";

/**
 * The Open Civic Data Event shape (OCDEP 4), so existing civic-tech tools can read meetings.
 * This is an external standard, not a Moot record, so its fields are OCD's own.
 */
const Link = z.object({ media_type: z.string(), url: z.string() });
export const OcdEvent = z
  .object({
    _type: z.literal("event"),
    id: z.string().regex(/^ocd-event\/[0-9a-f-]{36}$/),
    name: z.string(),
    description: z.string(),
    classification: z.string(),
    start_date: z.string(),
    end_date: z.string(),
    all_day: z.boolean(),
    timezone: z.string(),
    status: z.enum(["confirmed", "tentative", "cancelled", "passed"]),
    location: z.object({ name: z.string(), url: z.string(), coordinates: z.null() }),
    media: z.array(z.object({ note: z.string(), date: z.string(), links: z.array(Link) })),
    links: z.array(z.object({ note: z.string(), url: z.string() })),
    participants: z.array(z.object({ entity_type: z.string(), name: z.string(), note: z.string() })),
    documents: z.array(z.object({ note: z.string(), date: z.string(), links: z.array(Link) })),
    agenda: z.array(
      z.object({
        description: z.string(),
        order: z.string(),
        subjects: z.array(z.string()),
        classification: z.array(z.string()),
        notes: z.array(z.string()),
        related_entities: z.array(z.object({ entity_type: z.string(), name: z.string(), note: z.string() })),
        media: z.array(z.object({ note: z.string(), date: z.string(), links: z.array(Link) })),
      }),
    ),
    sources: z.array(z.object({ note: z.string(), url: z.string() })),
    extras: z.object({ moot_id: Meeting.shape.id, local_date: Meeting.shape.localDate, local_time: Meeting.shape.localTime }),
  })
  .openapi("OcdEvent");
export type OcdEvent = z.infer<typeof OcdEvent>;

/** A stable UUID (v5 layout) from the meeting's id, so the OCD id never changes. */
function uuidFrom(id: string): string {
  const h = createHash("sha1").update(`moot:${id}`).digest("hex");
  const v = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${v}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** "2025-07-14T18:30:00+01:00": the printed local time with London's offset on that day. */
function localIso(localDate: string, localTime: string | null, startsAt: string): string {
  if (!localTime) return localDate;
  const local = Date.parse(`${localDate}T${localTime}:00Z`);
  const offsetMin = Math.round((local - Date.parse(startsAt)) / 60000);
  const sign = offsetMin < 0 ? "-" : "+";
  const abs = Math.abs(offsetMin);
  return `${localDate}T${localTime}:00${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

export function toOcdEvent(d: MeetingDetail, origin: string, timezone: string, today: string): OcdEvent {
  const m = d.meeting;
  const status =
    m.status === "cancelled"
      ? "cancelled"
      : m.status === "postponed"
        ? "tentative"
        : m.status === "held" || m.localDate < today
          ? "passed"
          : "confirmed";
  const docLinks = (id: string) => [{ media_type: "text/html", url: `${origin}/documents/${id}` }];
  return {
    _type: "event",
    id: `ocd-event/${uuidFrom(m.id)}`,
    name: m.title ? `${d.committee.name}: ${m.title}` : d.committee.name,
    description: m.statusNote ?? "",
    classification: "committee-meeting",
    start_date: localIso(m.localDate, m.localTime, m.startsAt),
    end_date: "",
    all_day: m.localTime === null,
    timezone,
    status,
    location: { name: m.venue ?? "", url: "", coordinates: null },
    media: m.webcastUrl ? [{ note: "Webcast", date: m.localDate, links: [{ media_type: "text/html", url: m.webcastUrl }] }] : [],
    links: [{ note: "Meeting page", url: `${origin}/meetings/${m.id}` }],
    participants: [{ entity_type: "organization", name: d.committee.name, note: "host" }],
    // Withheld papers are named with their exemption and carry no link.
    documents: [...d.documents, ...d.items.flatMap((i) => i.documents)].map((x) => ({
      note: x.withheld ? `${x.document.title} (${x.withheld.notice})` : x.document.title,
      date: (x.document.publishedAt ?? x.document.createdAt).slice(0, 10),
      links: x.withheld ? [] : docLinks(x.document.id),
    })),
    agenda: d.items.map((e) => ({
      description: e.item.title,
      order: e.item.number,
      subjects: [],
      classification: [e.item.kind],
      notes: e.withheld ? [e.withheld.notice] : e.item.description ? [e.item.description] : [],
      related_entities: [],
      media: [],
    })),
    sources: [{ note: "Moot", url: `${origin}/api/v1/meetings/${m.id}` }],
    extras: { moot_id: m.id, local_date: m.localDate, local_time: m.localTime },
  };
}
