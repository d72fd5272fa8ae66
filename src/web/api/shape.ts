import type { DocumentEntry, ItemEntry, MeetingDetail } from "../../store/queries/meetings.js";
import type { Page } from "../../store/queries/decode.js";
import type { Person } from "../../domain/person.js";

/** Query results into API shapes: flattening only, never filtering (the store did that). */
export const personRef = (p: Person) => ({ id: p.id, slug: p.slug, name: p.name });
export const docOut = (d: DocumentEntry) => ({ ...d.document, withheld: d.withheld });
export const itemOut = (e: ItemEntry) => ({ ...e.item, withheld: e.withheld, documents: e.documents.map(docOut) });

export function meetingOut(d: MeetingDetail) {
  return {
    ...d.meeting,
    committee: { id: d.committee.id, slug: d.committee.slug, name: d.committee.name },
    items: d.items.map(itemOut),
    documents: d.documents.map(docOut),
    minutes: d.minutes.map((m) => ({ ...m.minute, withheld: m.withheld })),
    attendance: d.attendance.map((a) => ({ ...a.attendance, person: personRef(a.person) })),
    declarations: d.declarations.map((x) => ({ ...x.declaration, person: personRef(x.person) })),
    decisions: d.decisions.map((x) => ({ ...x.decision, withheld: x.withheld })),
  };
}

/** A page of results plus the path of the next page, keeping the other query parameters. */
export function pageOut<T, U>(page: Page<T>, url: string, map: (t: T) => U) {
  let next: string | null = null;
  if (page.offset + page.limit < page.total) {
    const u = new URL(url);
    u.searchParams.set("offset", String(page.offset + page.limit));
    u.searchParams.set("limit", String(page.limit));
    next = `${u.pathname}${u.search}`;
  }
  return { items: page.items.map(map), total: page.total, limit: page.limit, offset: page.offset, next };
}
