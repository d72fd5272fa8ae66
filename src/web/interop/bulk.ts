import JSZip from "jszip";
import { popolo } from "./popolo.js";
import type { PublicRecords } from "./public-records.js";

type Cell = string | number | boolean | null | undefined;

/** RFC 4180: every field quoted, quotes doubled, CRLF between records. */
export function csv(header: string[], rows: Cell[][]): string {
  const field = (v: Cell) => `"${v === null || v === undefined ? "" : String(v).replace(/"/g, '""')}"`;
  return `${[header, ...rows].map((r) => r.map(field).join(",")).join("\r\n")}\r\n`;
}

/** The public snapshot as plain JSON: what the site shows, nothing withheld. */
export function recordsJson(r: PublicRecords) {
  return {
    authority: { slug: r.authority.slug, name: r.authority.name, website: r.authority.website },
    version: r.version,
    lastModified: r.lastModified,
    committees: r.committees,
    people: r.people,
    memberships: r.memberships,
    meetings: r.meetings.map((d) => ({
      meeting: d.meeting,
      committeeId: d.committee.id,
      agendaItems: d.items.map((e) => ({
        ...e.item,
        withheld: e.withheld,
        documents: e.documents.filter((x) => !x.withheld).map((x) => x.document),
      })),
      documents: d.documents.filter((x) => !x.withheld).map((x) => x.document),
      minutes: d.minutes.map((x) => ({ ...x.minute, withheld: x.withheld })),
      decisions: d.decisions.map((x) => ({ ...x.decision, withheld: x.withheld })),
      attendance: d.attendance.map((a) => a.attendance),
      declarations: d.declarations.map((x) => x.declaration),
    })),
    votes: r.votes,
  };
}

const zips = new WeakMap<PublicRecords, Map<string, Promise<Buffer>>>();

/**
 * One archive per authority and data version: records.json, popolo.json and a CSV per kind.
 * Rebuilt when the records change (a new snapshot), byte-identical otherwise (fixed dates),
 * so its ETag is the data version.
 */
export function bulkArchive(r: PublicRecords, base: string): Promise<Buffer> {
  let byBase = zips.get(r);
  if (!byBase) zips.set(r, (byBase = new Map()));
  let hit = byBase.get(base);
  if (!hit) byBase.set(base, (hit = build(r, base)));
  return hit;
}

async function build(r: PublicRecords, base: string): Promise<Buffer> {
  const zip = new JSZip();
  const date = new Date(r.lastModified ?? r.authority.updatedAt);
  const add = (name: string, text: string) => zip.file(name, text, { date });
  const items = r.meetings.flatMap((d) => d.items.map((e) => ({ d, e })));
  add(
    "README.txt",
    `Public records of ${r.authority.name}, version ${r.version}.\r\nrecords.json: everything below as JSON. popolo.json: people, organizations, posts, memberships and motions (Popolo).\r\nCSV files: one per kind of record. Exempt (Schedule 12A) material is not included.\r\nSource: ${base}/\r\n`,
  );
  add("records.json", JSON.stringify(recordsJson(r), null, 2));
  add("popolo.json", JSON.stringify(popolo(r, base), null, 2));
  add(
    "committees.csv",
    csv(
      ["id", "slug", "name", "kind", "active_from", "active_to"],
      r.committees.map((c) => [c.id, c.slug, c.name, c.kind, c.activeFrom, c.activeTo]),
    ),
  );
  add(
    "people.csv",
    csv(
      ["id", "slug", "honorific", "name", "kind", "party", "ward", "post"],
      r.people.map((p) => [p.id, p.slug, p.honorific, p.name, p.kind, p.party, p.ward, p.post]),
    ),
  );
  add(
    "memberships.csv",
    csv(
      ["id", "person_id", "committee_id", "role", "kind", "representing", "from", "to"],
      r.memberships.map((m) => [m.id, m.personId, m.committeeId, m.role, m.kind, m.representing, m.fromDate, m.toDate]),
    ),
  );
  add(
    "meetings.csv",
    csv(
      ["id", "committee_id", "committee", "date", "time", "starts_at", "status", "venue", "web"],
      r.meetings.map(({ meeting: m, committee }) => [
        m.id,
        committee.id,
        committee.name,
        m.localDate,
        m.localTime,
        m.startsAt,
        m.status,
        m.venue,
        `${base}/meetings/${m.id}`,
      ]),
    ),
  );
  add(
    "agenda-items.csv",
    csv(
      ["id", "meeting_id", "number", "position", "title", "kind", "exempt_paragraph", "description"],
      items.map(({ d, e }) => [
        e.item.id,
        d.meeting.id,
        e.item.number,
        e.item.position,
        e.item.title,
        e.item.kind,
        e.item.exemptParagraph,
        e.item.description,
      ]),
    ),
  );
  add(
    "decisions.csv",
    csv(
      ["id", "meeting_id", "agenda_item_id", "decided_on", "kind", "text"],
      r.meetings.flatMap((d) =>
        d.decisions
          .filter((x) => !x.withheld)
          .map((x) => [x.decision.id, d.meeting.id, x.decision.agendaItemId, x.decision.decidedOn, x.decision.kind, x.decision.text]),
      ),
    ),
  );
  add(
    "documents.csv",
    csv(
      ["id", "meeting_id", "agenda_item_id", "kind", "title", "published_at", "pages", "sha256", "url"],
      r.meetings.flatMap((d) =>
        [...d.documents, ...d.items.flatMap((e) => e.documents)]
          .filter((x) => !x.withheld)
          .map(({ document: doc }) => [
            doc.id,
            d.meeting.id,
            doc.agendaItemId,
            doc.kind,
            doc.title,
            doc.publishedAt,
            doc.pageCount,
            doc.sha256,
            `${base}/documents/${doc.id}`,
          ]),
      ),
    ),
  );
  add(
    "attendance.csv",
    csv(
      ["meeting_id", "person_id", "person", "status", "capacity"],
      r.meetings.flatMap((d) =>
        d.attendance.map((a) => [d.meeting.id, a.person.id, a.person.name, a.attendance.status, a.attendance.capacity]),
      ),
    ),
  );
  add(
    "minutes.csv",
    csv(
      ["id", "meeting_id", "agenda_item_id", "number", "title", "status", "text"],
      r.meetings.flatMap((d) =>
        d.minutes
          .filter((x) => !x.withheld)
          .map((x) => [x.minute.id, d.meeting.id, x.minute.agendaItemId, x.minute.number, x.minute.title, x.minute.status, x.minute.text]),
      ),
    ),
  );
  add(
    "votes.csv",
    csv(
      ["id", "meeting_id", "minute_id", "question", "result", "method", "for", "against", "abstain"],
      r.votes.map((v) => [
        v.vote.id,
        v.meeting.id,
        v.vote.minuteId,
        v.vote.question,
        v.vote.result,
        v.vote.method,
        v.vote.forCount,
        v.vote.againstCount,
        v.vote.abstainCount,
      ]),
    ),
  );
  add(
    "vote-positions.csv",
    csv(
      ["vote_id", "person_id", "person", "position"],
      r.votes.flatMap((v) => v.positions.map((p) => [v.vote.id, p.person.id, p.person.name, p.position])),
    ),
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
