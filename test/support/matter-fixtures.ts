import { Scope } from "../../src/store/records.js";
import type { Store } from "../../src/store/open.js";
import { createMatter, linkStep } from "../../src/workflow/matters.js";
import type { WebFixture } from "./web-fixtures.js";

/** Words only in a call-in reason under the Old Depot decision, which `markExempt` later withholds. */
export const MATTER_SECRETS = { callInReason: "capybarareason" } as const;

/**
 * Words only in matters (or steps) whose meetings are unpublished, or in a key decision whose
 * forward-plan notice is not yet published: never public, always visible to a clerk.
 */
export const MATTER_DRAFT_SECRETS = {
  draftMatterTitle: "manateequay",
  draftStepNote: "belugadraftnote",
  plannedKeyDecision: "walrusplanned",
} as const;

export interface MatterFixture {
  library: string;
  depot: string;
  draft: string;
  planned: string;
  published: string;
}

/**
 * Matters at the web fixture's Borchester, entered as a clerk would: the library review
 * (public item and decision, plus a step in the unpublished draft minutes), the Old Depot sale
 * (its decision called in), a matter seen only at the unpublished agenda, and two key decisions
 * on the forward plan, one whose notice is not yet published (today is 1 October 2025).
 */
export async function addMatters(store: Store, f: WebFixture): Promise<MatterFixture> {
  const s = new Scope(store, f.authorityId, "clerk");
  const cabinet = f.committees.cabinet.id;
  const library = await createMatter(s, { reference: "25/00101", title: "Library Services Review", keyDecision: false });
  await linkStep(s, library.id, { decisionId: f.decisions.library, documentId: f.documents.report });
  await linkStep(s, library.id, {
    decisionId: f.decisions.draft,
    note: `Referred to scrutiny: ${MATTER_DRAFT_SECRETS.draftStepNote}`,
  });
  const depot = await createMatter(s, { reference: "25/00102", title: "Sale of the Old Depot", keyDecision: false });
  await linkStep(s, depot.id, { decisionId: f.decisions.exempt });
  // Called in during its period (the period is recorded as it stood then).
  await s.update("decision", f.decisions.exempt, {
    callInFrom: "2025-07-21",
    callInEndsOn: "2025-07-28",
    calledInAt: "2025-07-23T10:00:00Z",
    callInReason: `The ${MATTER_SECRETS.callInReason} terms were not scrutinised.`,
  });
  const draft = await createMatter(s, {
    reference: "25/00103",
    title: `Budget proposals for the ${MATTER_DRAFT_SECRETS.draftMatterTitle}`,
  });
  await linkStep(s, draft.id, { agendaItemId: f.items.draft });
  const planned = await createMatter(s, {
    reference: "25/00104",
    title: `Leisure centre ${MATTER_DRAFT_SECRETS.plannedKeyDecision} contract`,
    keyDecision: true,
    decisionMakerId: cabinet,
    expectedOn: "2025-11-10",
    noticePublishedOn: "2025-10-06",
  });
  const published = await createMatter(s, {
    reference: "25/00105",
    title: "Mobile library fleet replacement",
    keyDecision: true,
    decisionMakerId: cabinet,
    expectedOn: "2025-11-10",
    noticePublishedOn: "2025-09-20",
    leadMember: "Cabinet Member for Libraries",
  });
  return { library: library.id, depot: depot.id, draft: draft.id, planned: planned.id, published: published.id };
}
