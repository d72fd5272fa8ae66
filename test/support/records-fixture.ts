import type { Store } from "../../src/store/open.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import type { InputOf, RecordOf, RecordTable } from "../../src/domain/records.js";
import { londonToInstant } from "../../src/domain/time.js";

/** One valid input for every record table, built in dependency order. */
export async function oneOfEach(store: Store, slug = "borsetshire") {
  const authority = await createAuthority(store, { slug, name: `${slug} Council`, timezone: "Europe/London", website: null });
  const s = new Scope(store, authority.id, "test");
  const ids: Partial<Record<RecordTable, string>> = {};
  const make = async <T extends RecordTable>(table: T, input: InputOf<T>): Promise<RecordOf<T>> => {
    const r = await s.create(table, input);
    ids[table] = r.id;
    return r;
  };
  const committee = await make("committee", {
    slug: "cyp",
    name: "Children and Young People Scrutiny Committee",
    kind: "scrutiny",
    minuteScheme: { pattern: "CYP {n}/{YY}", resetEach: "municipal-year" },
  });
  const person = await make("person", {
    slug: "helen-archer",
    name: "Helen Archer",
    honorific: "Cllr",
    kind: "councillor",
    party: "Green",
    ward: "Ambridge",
  });
  await make("membership", { personId: person.id, committeeId: committee.id, role: "chair", kind: "councillor", fromDate: "2025-05-20" });
  const meeting = await make("meeting", {
    committeeId: committee.id,
    localDate: "2025-07-10",
    localTime: "18:00",
    startsAt: londonToInstant("2025-07-10", "18:00"),
    venue: "County Hall",
  });
  const item = await make("agenda_item", {
    meetingId: meeting.id,
    number: "5",
    position: 4,
    title: "Elective Home Education",
    description: "Report on elective home education registrations",
    pageFrom: 7,
    pageTo: 12,
  });
  const doc = await make("document", {
    meetingId: meeting.id,
    agendaItemId: item.id,
    kind: "report",
    title: "Elective Home Education report",
    pageCount: 1,
  });
  await make("document_page", {
    documentId: doc.id,
    pageNumber: 1,
    printedNumber: 7,
    text: "Registrations for elective home education rose by 14% this year.",
  });
  await make("report_cover", {
    agendaItemId: item.id,
    documentId: doc.id,
    author: "Hayley Tucker",
    service: "Education",
    wards: "All",
    purpose: "To update members",
  });
  await make("attendance", { meetingId: meeting.id, personId: person.id, status: "present", capacity: "member" });
  const minute = await make("minute", {
    meetingId: meeting.id,
    agendaItemId: item.id,
    number: "CYP 4/25",
    position: 0,
    title: "Elective Home Education",
    text: "Members discussed registrations.",
  });
  await make("declaration", { meetingId: meeting.id, agendaItemId: item.id, personId: person.id, type: "ori", nature: "School governor" });
  const decision = await make("decision", {
    meetingId: meeting.id,
    minuteId: minute.id,
    agendaItemId: item.id,
    text: "That the report be noted.",
    kind: "noted",
    decidedOn: "2025-07-10",
  });
  const action = await make("action", {
    committeeId: committee.id,
    meetingId: meeting.id,
    decisionId: decision.id,
    origin: "decision",
    text: "Circulate the registration figures by school.",
    ownerText: "Hayley Tucker",
    dueDate: "2025-08-01",
  });
  await make("action_update", {
    actionId: action.id,
    onDate: "2025-07-20",
    text: "Figures requested from schools.",
    status: "in-progress",
  });
  await make("work_programme_item", {
    committeeId: committee.id,
    meetingId: meeting.id,
    topic: "Elective Home Education",
    paper: {
      publicInterest: true,
      abilityToInfluence: true,
      performance: false,
      extent: true,
      replication: false,
      executiveDecision: true,
    },
    score: 4,
  });
  await make("registered_interest", {
    personId: person.id,
    interestClass: "dpi",
    category: "land",
    description: "Freehold of Brookfield Farm, Ambridge",
    registeredOn: "2025-05-20",
  });
  await make("registered_interest", {
    personId: person.id,
    interestClass: "dpi",
    category: "land",
    description: "Home in Ambridge",
    registeredOn: "2025-05-20",
  });
  const vote = await make("vote", {
    meetingId: meeting.id,
    minuteId: minute.id,
    agendaItemId: item.id,
    question: "That the report be noted",
    result: "carried",
    method: "recorded",
    forCount: 1,
    againstCount: 0,
  });
  await make("vote_position", { voteId: vote.id, personId: person.id, position: "for", nameAsPrinted: "Cllr Archer" });
  await make("person_profile", {
    personId: person.id,
    district: "Borsetshire",
    workAddress: { line1: "County Hall", postcode: "BC1 1AA", email: "h.archer@example.org" },
    surgery: ["First Saturday of the month, Ambridge village hall"],
    terms: [{ start: "2021-05-06", end: "unspecified" }],
  });
  const matter = await make("matter", {
    reference: "24/00108",
    title: "Elective Home Education",
    keyDecision: true,
    decisionMakerId: committee.id,
    expectedOn: "2025-07-14",
    noticePublishedOn: "2025-06-01",
  });
  await make("matter_step", { matterId: matter.id, meetingId: meeting.id, agendaItemId: item.id, linkedBy: "decision-number" });
  await make("provenance", {
    recordTable: "agenda_item",
    recordId: item.id,
    field: "title",
    documentId: doc.id,
    page: 1,
    spanStart: 0,
    spanEnd: 20,
    extractor: "test",
    confidence: 0.9,
  });
  return { authority, scope: s, ids: ids as Record<RecordTable, string> };
}

/** A change to one field of each table, for update tests. */
export const ONE_CHANGE: { [T in RecordTable]: Partial<InputOf<T>> } = {
  committee: { name: "Children's Scrutiny Committee" },
  person: { ward: "Penny Hassett" },
  membership: { role: "vice-chair" },
  meeting: { status: "held" },
  agenda_item: { exemptParagraph: 3 },
  document: { title: "Elective Home Education: revised report" },
  document_page: { text: "Registrations rose by 15%." },
  report_cover: { wards: "Ambridge" },
  attendance: { status: "apologies" },
  minute: { text: "Members discussed registrations at length." },
  declaration: { dispensation: "Granted by the Standards Committee" },
  decision: { kind: "resolved" },
  action: { status: "complete", completedOn: "2025-07-30" },
  action_update: { text: "Figures received." },
  work_programme_item: { status: "done" },
  provenance: { confidence: 0.5 },
  registered_interest: { note: "Updated at the annual review" },
  vote: { note: "The chair asked that the vote be recorded." },
  vote_position: { position: "abstain" },
  person_profile: { keyPosts: "Chair of the Children and Young People Scrutiny Committee" },
  matter: { leadMember: "Cabinet Member for Education" },
  matter_step: { note: "Called in by the Overview and Scrutiny Committee" },
};
