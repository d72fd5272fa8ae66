import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import type { Store } from "../../src/store/open.js";
import { PDFDocument, StandardFonts } from "pdf-lib";

/** A real PDF with one page per text, so originals can be cut and their text read back. */
export async function pdfOf(pages: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const text of pages) pdf.addPage([595, 842]).drawText(text, { x: 50, y: 780, size: 11, font });
  return pdf.save();
}

/** Pinned "now" for web tests: Wednesday 1 October 2025, 09:00 BST. */
export const FIXTURE_NOW = new Date("2025-10-01T08:00:00Z");

/**
 * Words that appear only inside material the fixture marks exempt. The leak test looks
 * for each of them in every public response; none of them is in a title.
 */
export const SECRETS = {
  itemDescription: "quokkaseventeen",
  pageText: "marmalade lighthouse ledger",
  minuteText: "zephyrine",
  decisionText: "wombatinvoice",
  coverText: "ocelotbudget",
  originalBytes: "tangerinevault",
  actionText: "narwhalpayment",
  packPage: "bandicootreserve",
  sensitiveInterest: "pangolinaddress",
  /** On the pack's file page 6 (printed 5): the exempt report runs past the item's printed range. */
  packPageBeyond: "axolotlcovenant",
} as const;

/**
 * Words only in drafts: an agenda not yet published (its item, paper and recommendations)
 * and draft minutes not yet published (minute, decision, action, declaration). No public
 * route may show them until the clerk publishes; a clerk sees them all along.
 */
export const DRAFT_SECRETS = {
  draftItemTitle: "pelicanharbour",
  draftItemDescription: "gannetledger",
  draftPaperText: "cormorantfund",
  draftRecommendation: "kittiwakegrant",
  draftMinute: "puffinsurplus",
  draftDecision: "guillemotlevy",
  draftAction: "shearwaterloan",
  draftDeclaration: "petrelshares",
} as const;

export interface WebFixture {
  authorityId: string;
  committees: { cabinet: { id: string; slug: string }; scrutiny: { id: string; slug: string } };
  people: {
    chair: { id: string; slug: string };
    member: { id: string; slug: string };
    coopted: { id: string; slug: string };
    sub: { id: string; slug: string };
  };
  meetings: { summer: string; winter: string; future: string; cancelled: string; draftAgenda: string; draftMinutes: string };
  items: { apologies: string; library: string; exempt: string; draft: string; draftMinutesItem: string };
  documents: {
    pack: string;
    report: string;
    exemptAppendix: string;
    minutes: string;
    /** Papers cut from the pack: they share its original file. */
    libraryCut: string;
    depotCut: string;
    draftPaper: string;
  };
  decisions: { library: string; exempt: string; draft: string };
  actions: { open: string; overdue: string; exempt: string; draft: string };
}

/**
 * A small made-up council (Borchester) built through the Scope, so validation, audit and the
 * search index behave as in production. Item 4 and its appendix start public; `markExempt`
 * then applies Schedule 12A, as a clerk would.
 */
export async function buildWebFixture(
  store: Store,
  council: { slug: string; name: string; hosts?: string[] } = { slug: "borchester", name: "Borchester Borough Council" },
): Promise<WebFixture> {
  const a = await createAuthority(store, council);
  const s = new Scope(store, a.id, "fixture");
  const cabinet = await s.create("committee", {
    slug: "cabinet",
    name: "Cabinet",
    kind: "cabinet",
    description: "The council's executive.",
  });
  const scrutiny = await s.create("committee", { slug: "childrens-scrutiny", name: "Children's Scrutiny Committee", kind: "scrutiny" });
  const chair = await s.create("person", {
    slug: "ada-hart",
    name: "Ada Hart",
    honorific: "Cllr",
    kind: "councillor",
    party: "Independent",
    ward: "Castle",
  });
  const member = await s.create("person", {
    slug: "ben-okafor",
    name: "Ben Okafor",
    honorific: "Cllr",
    kind: "councillor",
    party: "Green",
    ward: "Riverside",
  });
  const coopted = await s.create("person", { slug: "carol-fenn", name: "Carol Fenn", kind: "co-opted" });
  const sub = await s.create("person", { slug: "dev-patel", name: "Dev Patel", honorific: "Cllr", kind: "councillor", party: "Labour" });
  await s.create("membership", { personId: chair.id, committeeId: cabinet.id, role: "chair", kind: "councillor", fromDate: "2024-05-20" });
  await s.create("membership", {
    personId: member.id,
    committeeId: cabinet.id,
    role: "member",
    kind: "councillor",
    fromDate: "2024-05-20",
  });
  await s.create("membership", {
    personId: coopted.id,
    committeeId: cabinet.id,
    role: "member",
    kind: "co-opted",
    coOptedKind: "church",
    representing: "Diocese of Borchester",
  });
  await s.create("membership", {
    personId: sub.id,
    committeeId: cabinet.id,
    role: "member",
    kind: "councillor",
    fromDate: "2022-05-20",
    toDate: "2024-05-19",
  });

  // 14 July 2025 is in BST (18:30 local = 17:30Z); 14 January 2025 is in GMT.
  const summer = await s.create("meeting", {
    committeeId: cabinet.id,
    localDate: "2025-07-14",
    localTime: "18:30",
    startsAt: "2025-07-14T17:30:00Z",
    venue: "Council Chamber, Town Hall",
    status: "held",
    webcastUrl: "https://webcast.example.org/cabinet-2025-07-14",
    agendaPublishedAt: "2025-07-04T16:00:00Z",
    minutesPublishedAt: "2025-07-21T09:00:00Z",
  });
  const winter = await s.create("meeting", {
    committeeId: cabinet.id,
    localDate: "2025-01-14",
    localTime: "10:00",
    startsAt: "2025-01-14T10:00:00Z",
    venue: "Committee Room 2",
    status: "held",
    agendaPublishedAt: "2025-01-03T16:00:00Z",
    minutesPublishedAt: "2025-01-20T09:00:00Z",
  });
  const future = await s.create("meeting", {
    committeeId: cabinet.id,
    localDate: "2025-11-10",
    localTime: "14:00",
    startsAt: "2025-11-10T14:00:00Z",
    venue: "Council Chamber, Town Hall",
  });
  const cancelled = await s.create("meeting", {
    committeeId: scrutiny.id,
    localDate: "2025-10-20",
    localTime: "19:00",
    startsAt: "2025-10-20T18:00:00Z",
    status: "cancelled",
    statusNote: "Cancelled: no business.",
  });

  const apologies = await s.create("agenda_item", {
    meetingId: summer.id,
    number: "1",
    position: 0,
    title: "Apologies for absence",
    kind: "procedural",
  });
  const library = await s.create("agenda_item", {
    meetingId: summer.id,
    number: "3",
    position: 2,
    title: "Library Services Review",
    kind: "decision",
    description: "To consider the review of the mobile library timetable.",
    pageFrom: 2,
    pageTo: 3,
  });
  const exempt = await s.create("agenda_item", {
    meetingId: summer.id,
    number: "4",
    position: 3,
    title: "Sale of the Old Depot",
    kind: "decision",
    description: `Terms for disposal, ${SECRETS.itemDescription}.`,
    pageFrom: 4,
    pageTo: 4,
  });

  // The pack: six file pages, the cover unnumbered, so printed page N is file page N + 1.
  const packPages: Array<[printed: number | null, text: string]> = [
    [null, "Borchester Borough Council. Cabinet agenda. 14 July 2025."],
    [1, "Library Services Review. The mobile library timetable changes from September."],
    [2, "Appendix: mobile library stops in Riverside ward."],
    [3, "Library appendix: Saturday opening at the Castle branch."],
    [4, `Part II. Old Depot reserve price ${SECRETS.packPage}.`],
    [5, `Old Depot heads of terms, ${SECRETS.packPageBeyond}.`],
  ];
  const packBytes = await pdfOf(packPages.map(([, t]) => t));
  const originalPdf = await store.files.put(packBytes);
  const pack = await s.create("document", {
    meetingId: summer.id,
    kind: "agenda-pack",
    title: "Agenda pack, Cabinet 14 July 2025",
    sha256: originalPdf,
    fileName: "cabinet-2025-07-14.pdf",
    mediaType: "application/pdf",
    byteSize: packBytes.byteLength,
    pageCount: packPages.length,
    publishedAt: "2025-07-04T16:00:00Z",
  });
  // Papers the importer cut from the pack: page ranges of the same original file.
  const cut = async (title: string, agendaItemId: string, from: number, to: number) => {
    const doc = await s.create("document", {
      meetingId: summer.id,
      agendaItemId,
      kind: "report",
      title,
      sha256: originalPdf,
      fileName: "cabinet-2025-07-14.pdf",
      mediaType: "application/pdf",
      byteSize: packBytes.byteLength,
      pageCount: to - from + 1,
      sourcePageFrom: from,
      sourcePageTo: to,
      publishedAt: "2025-07-04T16:00:00Z",
    });
    for (let f = from; f <= to; f++)
      await s.create("document_page", {
        documentId: doc.id,
        pageNumber: f - from + 1,
        printedNumber: packPages[f - 1][0],
        text: packPages[f - 1][1],
      });
    return doc;
  };
  const reportFile = await store.files.put(new TextEncoder().encode("%PDF-1.4 library report\n"));
  const report = await s.create("document", {
    meetingId: summer.id,
    agendaItemId: library.id,
    kind: "report",
    title: "Library Services Review report",
    sha256: reportFile,
    fileName: "library-review.pdf",
    mediaType: "application/pdf",
    byteSize: 24,
    pageCount: 2,
    publishedAt: "2025-07-04T16:00:00Z",
  });
  const appendixFile = await store.files.put(new TextEncoder().encode(`%PDF-1.4 appendix ${SECRETS.originalBytes}\n`));
  const exemptAppendix = await s.create("document", {
    meetingId: summer.id,
    agendaItemId: exempt.id,
    kind: "appendix",
    title: "Old Depot valuation appendix",
    sha256: appendixFile,
    fileName: "depot-valuation.pdf",
    mediaType: "application/pdf",
    byteSize: 40,
    pageCount: 1,
    publishedAt: "2025-07-04T16:00:00Z",
  });
  const minutesDoc = await s.create("document", {
    meetingId: summer.id,
    kind: "minutes",
    title: "Minutes, Cabinet 14 July 2025",
    pageCount: 1,
  });

  for (const [i, [printedNumber, text]] of packPages.entries())
    await s.create("document_page", { documentId: pack.id, pageNumber: i + 1, printedNumber, text });
  const libraryCut = await cut("Library Services Review (from the pack)", library.id, 2, 4);
  // The item prints "page 4", but its report runs over file pages 5 and 6 (printed 4 and 5).
  const depotCut = await cut("Old Depot report (from the pack)", exempt.id, 5, 6);
  await s.create("document_page", { documentId: report.id, pageNumber: 1, text: "Report of the Head of Libraries." });
  await s.create("document_page", {
    documentId: report.id,
    pageNumber: 2,
    text: "The heritage reading room will open on Saturdays, a change welcomed by residents.",
  });
  await s.create("document_page", {
    documentId: exemptAppendix.id,
    pageNumber: 1,
    text: `Valuation of the Old Depot: the ${SECRETS.pageText} shows the bid.`,
  });
  await s.create("document_page", { documentId: minutesDoc.id, pageNumber: 1, text: "Minutes of the Cabinet meeting." });
  await s.create("report_cover", {
    agendaItemId: exempt.id,
    documentId: exemptAppendix.id,
    title: "Old Depot",
    recommendations: `Accept the ${SECRETS.coverText} offer.`,
  });
  await s.create("report_cover", {
    agendaItemId: library.id,
    documentId: report.id,
    title: "Library Services Review",
    recommendations: "Approve the new timetable.",
  });

  await s.create("attendance", { meetingId: summer.id, personId: chair.id, status: "present" });
  await s.create("attendance", { meetingId: summer.id, personId: member.id, status: "apologies" });
  await s.create("attendance", { meetingId: summer.id, personId: sub.id, status: "substitute", substituteForId: member.id });
  await s.create("attendance", { meetingId: winter.id, personId: chair.id, status: "present" });
  await s.create("attendance", { meetingId: winter.id, personId: member.id, status: "present" });
  await s.create("declaration", {
    meetingId: summer.id,
    agendaItemId: library.id,
    personId: chair.id,
    type: "ori",
    nature: "Member of the Friends of Borchester Library.",
  });

  const m3 = await s.create("minute", {
    meetingId: summer.id,
    agendaItemId: library.id,
    number: "CAB 23/25",
    position: 0,
    title: "Library Services Review",
    text: "Members discussed the timetable.",
  });
  await s.create("minute", {
    meetingId: summer.id,
    agendaItemId: exempt.id,
    number: "CAB 24/25",
    position: 1,
    title: "Sale of the Old Depot",
    text: `The ${SECRETS.minuteText} bid was discussed.`,
  });
  const dLibrary = await s.create("decision", {
    meetingId: summer.id,
    minuteId: m3.id,
    agendaItemId: library.id,
    text: "RESOLVED: that the new mobile library timetable be approved.",
    decidedOn: "2025-07-14",
  });
  const dExempt = await s.create("decision", {
    meetingId: summer.id,
    agendaItemId: exempt.id,
    position: 1,
    text: `RESOLVED: that the ${SECRETS.decisionText} offer be accepted.`,
    decidedOn: "2025-07-14",
  });
  await s.create("provenance", {
    recordTable: "agenda_item",
    recordId: library.id,
    field: "description",
    documentId: pack.id,
    page: 2,
    spanStart: 0,
    spanEnd: 20,
    extractor: "fixture",
    confidence: 0.9,
  });
  await s.create("provenance", {
    recordTable: "agenda_item",
    recordId: exempt.id,
    field: "description",
    documentId: exemptAppendix.id,
    page: 1,
    spanStart: 0,
    spanEnd: 20,
    extractor: "fixture",
    confidence: 0.9,
  });

  const open = await s.create("action", {
    committeeId: cabinet.id,
    meetingId: summer.id,
    decisionId: dLibrary.id,
    origin: "decision",
    ref: "A1",
    text: "Publish the new timetable.",
    ownerText: "Head of Libraries",
    dueDate: "2025-12-01",
  });
  await s.create("action_update", {
    actionId: open.id,
    onDate: "2025-08-01",
    text: "Draft timetable circulated.",
    status: "in-progress",
    byName: "J. Smith",
  });
  const overdue = await s.create("action", {
    committeeId: cabinet.id,
    meetingId: summer.id,
    origin: "action-log",
    ref: "A2",
    text: "Report back on mobile library costs.",
    ownerText: "Director of Finance",
    dueDate: "2025-09-01",
    status: "in-progress",
  });
  const exemptAction = await s.create("action", {
    committeeId: cabinet.id,
    meetingId: summer.id,
    decisionId: dExempt.id,
    origin: "decision",
    ref: "A3",
    text: `Complete the ${SECRETS.actionText} transfer.`,
    ownerText: "Head of Property",
    dueDate: "2025-09-15",
  });
  await s.create("action_update", {
    actionId: exemptAction.id,
    onDate: "2025-08-02",
    text: `Solicitors instructed on ${SECRETS.actionText}.`,
  });
  await s.create("registered_interest", {
    personId: chair.id,
    interestClass: "dpi",
    category: "land",
    description: "Freehold of 3 Castle Street, Borchester.",
    registeredOn: "2024-05-20",
  });
  await s.create("registered_interest", {
    personId: chair.id,
    interestClass: "dpi",
    category: "land",
    description: `Home at ${SECRETS.sensitiveInterest} Lane.`,
    sensitive: true,
    registeredOn: "2024-05-20",
  });
  await s.create("work_programme_item", {
    committeeId: cabinet.id,
    meetingId: future.id,
    topic: "Budget monitoring, quarter 2",
    responsible: "Director of Finance",
    score: 5,
  });
  await s.create("work_programme_item", { committeeId: cabinet.id, topic: "Leisure centre contract", plannedText: "Spring 2026" });

  // Drafts of every kind. An agenda not yet published, with an item, a paper and recommendations:
  const draftAgenda = await s.create("meeting", {
    committeeId: cabinet.id,
    localDate: "2025-10-27",
    localTime: "18:30",
    startsAt: "2025-10-27T18:30:00Z",
    venue: "Council Chamber, Town Hall",
  });
  const draftItem = await s.create("agenda_item", {
    meetingId: draftAgenda.id,
    number: "1",
    position: 0,
    title: `Budget proposals for ${DRAFT_SECRETS.draftItemTitle}`,
    kind: "decision",
    description: `To consider the ${DRAFT_SECRETS.draftItemDescription} proposals.`,
  });
  const draftBytes = await pdfOf([`Draft budget paper: ${DRAFT_SECRETS.draftPaperText}.`]);
  const draftPaper = await s.create("document", {
    meetingId: draftAgenda.id,
    agendaItemId: draftItem.id,
    kind: "report",
    title: "Budget proposals report",
    sha256: await store.files.put(draftBytes),
    fileName: "budget-proposals.pdf",
    mediaType: "application/pdf",
    byteSize: draftBytes.byteLength,
    pageCount: 1,
  });
  await s.create("document_page", {
    documentId: draftPaper.id,
    pageNumber: 1,
    text: `Draft budget paper: ${DRAFT_SECRETS.draftPaperText}.`,
  });
  await s.create("report_cover", {
    agendaItemId: draftItem.id,
    documentId: draftPaper.id,
    title: "Budget proposals",
    recommendations: `Approve the ${DRAFT_SECRETS.draftRecommendation}.`,
  });
  // A held meeting whose agenda is public but whose draft minutes are not yet published:
  const draftMinutesMeeting = await s.create("meeting", {
    committeeId: scrutiny.id,
    localDate: "2025-09-15",
    localTime: "19:00",
    startsAt: "2025-09-15T18:00:00Z",
    status: "held",
    agendaPublishedAt: "2025-09-05T16:00:00Z",
  });
  const draftMinutesItem = await s.create("agenda_item", {
    meetingId: draftMinutesMeeting.id,
    number: "1",
    position: 0,
    title: "Youth services update",
    kind: "discussion",
  });
  const draftMinute = await s.create("minute", {
    meetingId: draftMinutesMeeting.id,
    agendaItemId: draftMinutesItem.id,
    number: "CSC 5/25",
    position: 0,
    title: "Youth services update",
    text: `Members questioned the ${DRAFT_SECRETS.draftMinute}.`,
  });
  const draftDecision = await s.create("decision", {
    meetingId: draftMinutesMeeting.id,
    minuteId: draftMinute.id,
    agendaItemId: draftMinutesItem.id,
    text: `RESOLVED: that the ${DRAFT_SECRETS.draftDecision} be reviewed.`,
    decidedOn: "2025-09-15",
  });
  const draftAction = await s.create("action", {
    committeeId: scrutiny.id,
    meetingId: draftMinutesMeeting.id,
    decisionId: draftDecision.id,
    origin: "decision",
    ref: "S1",
    text: `Review the ${DRAFT_SECRETS.draftAction}.`,
    dueDate: "2025-12-01",
  });
  await s.create("declaration", {
    meetingId: draftMinutesMeeting.id,
    agendaItemId: draftMinutesItem.id,
    personId: member.id,
    type: "other",
    nature: `Trustee of ${DRAFT_SECRETS.draftDeclaration}.`,
  });
  await s.create("attendance", { meetingId: draftMinutesMeeting.id, personId: member.id, status: "present" });

  return {
    authorityId: a.id,
    committees: { cabinet: { id: cabinet.id, slug: cabinet.slug }, scrutiny: { id: scrutiny.id, slug: scrutiny.slug } },
    people: {
      chair: { id: chair.id, slug: chair.slug },
      member: { id: member.id, slug: member.slug },
      coopted: { id: coopted.id, slug: coopted.slug },
      sub: { id: sub.id, slug: sub.slug },
    },
    meetings: {
      summer: summer.id,
      winter: winter.id,
      future: future.id,
      cancelled: cancelled.id,
      draftAgenda: draftAgenda.id,
      draftMinutes: draftMinutesMeeting.id,
    },
    items: { apologies: apologies.id, library: library.id, exempt: exempt.id, draft: draftItem.id, draftMinutesItem: draftMinutesItem.id },
    documents: {
      pack: pack.id,
      report: report.id,
      exemptAppendix: exemptAppendix.id,
      minutes: minutesDoc.id,
      libraryCut: libraryCut.id,
      depotCut: depotCut.id,
      draftPaper: draftPaper.id,
    },
    decisions: { library: dLibrary.id, exempt: dExempt.id, draft: draftDecision.id },
    actions: { open: open.id, overdue: overdue.id, exempt: exemptAction.id, draft: draftAction.id },
  };
}

/** Applies Schedule 12A paragraph 3 to item 4 and its appendix, as a clerk would. */
export async function markExempt(store: Store, f: WebFixture): Promise<void> {
  const s = new Scope(store, f.authorityId, "clerk");
  await s.update("agenda_item", f.items.exempt, { exemptParagraph: 3 });
  await s.update("document", f.documents.exemptAppendix, { exemptParagraph: 3 });
}
