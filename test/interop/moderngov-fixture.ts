import { createAuthority } from "../../src/store/authorities.js";
import { londonToInstant } from "../../src/domain/time.js";
import type { Store } from "../../src/store/open.js";
import { Scope } from "../../src/store/records.js";

/**
 * A made-up council shaped like the captured Manchester responses: one committee with a
 * cancelled meeting (no agenda) and a held one (two items, each with a paper and a published
 * minute), a member with photos and a key post expected at the first, and one without at the
 * second. Text is invented; only the shape follows the captures.
 */
/** `withAttendance` records Oak present and Hardy's apologies at the held meeting, before its minutes are approved (after that, attendance is locked). */
export async function buildModernGovFixture(store: Store, slug = "wessex", withAttendance = false) {
  const a = await createAuthority(store, { slug, name: "Wessex City Council" });
  const s = new Scope(store, a.id, "fixture");
  const audit = await s.create("committee", { slug: "audit", name: "Audit Committee", kind: "other" });
  const art = await s.create("committee", { slug: "galleries", name: "Art Galleries Committee", kind: "other" });
  const old = await s.create("committee", { slug: "appointments", name: "Appointments Panel", kind: "other", activeTo: "2020-03-31" });
  const hardy = await s.create("person", {
    slug: "tess-hardy",
    name: "Tess Hardy",
    honorific: "Councillor",
    kind: "councillor",
    party: "LAB",
    ward: "Casterbridge",
  });
  await s.create("person_profile", {
    personId: hardy.id,
    photoSmallUrl: "https://wessex.example/photos/hardy-small.jpg",
    photoBigUrl: "https://wessex.example/photos/hardy-big.jpg",
    keyPosts: "Chair of Health Scrutiny Committee",
  });
  const oak = await s.create("person", {
    slug: "gabriel-oak",
    name: "Gabriel Oak",
    honorific: "Councillor",
    kind: "councillor",
    party: "LAB",
    ward: "Weatherbury",
  });
  await s.create("membership", { personId: hardy.id, committeeId: audit.id, role: "member", kind: "councillor", toDate: "2026-01-31" });
  await s.create("membership", { personId: oak.id, committeeId: audit.id, role: "member", kind: "councillor", fromDate: "2026-02-01" });
  const cancelled = await s.create("meeting", {
    committeeId: audit.id,
    localDate: "2026-01-13",
    localTime: "10:00",
    startsAt: londonToInstant("2026-01-13", "10:00"),
    venue: "Committee Room 1, Shire Hall",
    status: "cancelled",
  });
  const held = await s.create("meeting", {
    committeeId: audit.id,
    localDate: "2026-02-10",
    localTime: "10:00",
    startsAt: londonToInstant("2026-02-10", "10:00"),
    venue: "Committee Room 1, Shire Hall",
    status: "held",
    agendaPublishedAt: "2026-02-02T09:00:00Z",
    minutesPublishedAt: "2026-02-17T09:00:00Z",
  });
  const items = [];
  if (withAttendance) {
    await s.create("attendance", { meetingId: held.id, personId: oak.id, status: "present" });
    await s.create("attendance", { meetingId: held.id, personId: hardy.id, status: "apologies" });
  }
  for (const [i, [number, title, text, minute]] of [
    ["1", "Minutes", "To approve the minutes of the last meeting & sign them.", "The minutes were approved as a correct record."],
    ["9", "Work Programme", "To review the committee's <draft> programme.", "The committee noted its programme for the year."],
  ].entries()) {
    const item = await s.create("agenda_item", { meetingId: held.id, number, position: i, title, description: text, kind: "information" });
    items.push(item);
    const sha = await store.files.put(new TextEncoder().encode(`%PDF-1.4 paper for item ${number}\n`));
    await s.create("document", {
      meetingId: held.id,
      agendaItemId: item.id,
      kind: "report",
      title: `${title} paper`,
      sha256: sha,
      fileName: `item-${number}.pdf`,
      mediaType: "application/pdf",
      pageCount: 1,
      publishedAt: "2026-02-02T09:00:00Z",
    });
    await s.create("minute", { meetingId: held.id, agendaItemId: item.id, number, position: i, title, text: minute, status: "approved" });
  }
  return { authority: a, scope: s, committees: { audit, art, old }, people: { hardy, oak }, meetings: { cancelled, held }, items };
}
