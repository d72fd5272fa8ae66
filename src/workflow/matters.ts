import { z } from "zod";
import { MootError, invalid } from "../domain/errors.js";
import { CALL_IN_LABEL, callInEndsOn, callInState, checkNotice, DEFAULT_CALL_IN_WORKING_DAYS } from "../domain/forward-plan.js";
import { Matter, MatterStep, NOTICE_EXCEPTION_LABEL } from "../domain/matter.js";
import type { RecordOf } from "../domain/records.js";
import { londonToday } from "../domain/time.js";
import { getAuthority } from "../store/authorities.js";
import type { Scope } from "../store/records.js";

/** What the clerk enters for a matter: built from the domain schema, never retyped. */
export const MatterForm = z.object(Matter.shape).pick({
  reference: true,
  title: true,
  summary: true,
  keyDecision: true,
  decisionMakerId: true,
  expectedOn: true,
  noticePublishedOn: true,
  noticeException: true,
  leadMember: true,
});
export type MatterForm = z.input<typeof MatterForm>;
export const MatterPatch = MatterForm.partial();
export type MatterPatch = z.input<typeof MatterPatch>;

/** Which record a step links: at least one of an agenda item, a decision or a report (all at one meeting). */
export const StepForm = z.object(MatterStep.shape).pick({ agendaItemId: true, decisionId: true, documentId: true, note: true }).partial();
export type StepForm = z.input<typeof StepForm>;

/**
 * A key decision needs 28 clear days' notice on the forward plan (reg. 9 of the 2012
 * Regulations) unless the general exception or special urgency procedure was used.
 */
function checkKeyDecision(m: Pick<RecordOf<"matter">, "keyDecision" | "noticePublishedOn" | "expectedOn" | "noticeException">) {
  if (!m.keyDecision) {
    if (m.noticePublishedOn || m.noticeException)
      throw new MootError("invalid", "keyDecision: only a key decision goes on the forward plan with a notice");
    return;
  }
  if (!m.noticePublishedOn || !m.expectedOn) return;
  const n = checkNotice(m.noticePublishedOn, m.expectedOn);
  if (!n.sufficient && !m.noticeException)
    throw new MootError(
      "rule",
      `noticePublishedOn: notice on ${m.noticePublishedOn} leaves ${n.clearDays} clear day${n.clearDays === 1 ? "" : "s"} before ${m.expectedOn}; 28 are needed (the last day was ${n.latest}), or record the general exception or special urgency`,
    );
  if (n.sufficient && m.noticeException)
    throw new MootError(
      "invalid",
      `noticeException: 28 clear days' notice was given, so no ${NOTICE_EXCEPTION_LABEL[m.noticeException]} is needed`,
    );
}

async function referenceFree(s: Scope, reference: string, except?: string) {
  const same = (await s.list("matter", { reference: reference.trim() })).filter((m) => m.id !== except);
  if (same.length) throw new MootError("conflict", `reference: matter ${reference.trim()} already exists`);
}

export async function createMatter(scope: Scope, form: MatterForm): Promise<RecordOf<"matter">> {
  const parsed = MatterForm.safeParse(form);
  if (!parsed.success) throw invalid(parsed.error, "invalid matter");
  return scope.transaction(async (s) => {
    const f = parsed.data;
    await referenceFree(s, f.reference);
    if (f.decisionMakerId) await s.require("committee", f.decisionMakerId);
    checkKeyDecision(f);
    return s.create("matter", f);
  });
}

export async function updateMatter(scope: Scope, id: string, patch: MatterPatch): Promise<RecordOf<"matter">> {
  const parsed = MatterPatch.safeParse(patch);
  if (!parsed.success) throw invalid(parsed.error, "invalid matter");
  return scope.transaction(async (s) => {
    const before = await s.require("matter", id);
    // Zod fills defaults into a partial schema too: only the fields the caller gave are changed.
    const given = new Set(Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined));
    const after = { ...before, ...Object.fromEntries(Object.entries(parsed.data).filter(([k]) => given.has(k))) };
    if (after.reference !== before.reference) await referenceFree(s, after.reference, id);
    if (after.decisionMakerId && after.decisionMakerId !== before.decisionMakerId) await s.require("committee", after.decisionMakerId);
    checkKeyDecision(after);
    return s.update("matter", id, after);
  });
}

/**
 * Adds a step to a matter's history. The meeting is the one the linked records belong to;
 * records at different meetings are refused. Linking the same records twice adds nothing.
 */
export async function linkStep(
  scope: Scope,
  matterId: string,
  form: StepForm,
  linkedBy: RecordOf<"matter_step">["linkedBy"] = "clerk",
): Promise<RecordOf<"matter_step">> {
  const parsed = StepForm.safeParse(form);
  if (!parsed.success) throw invalid(parsed.error, "invalid step");
  const f = { agendaItemId: null, decisionId: null, documentId: null, note: null, ...parsed.data };
  if (!f.agendaItemId && !f.decisionId && !f.documentId)
    throw new MootError("invalid", "agendaItemId: link an agenda item, a decision or a report");
  return scope.transaction(async (s) => {
    await s.require("matter", matterId);
    const meetings = new Map<string, string>();
    let agendaItemId = f.agendaItemId;
    if (f.decisionId) {
      const d = await s.require("decision", f.decisionId);
      meetings.set("decisionId", d.meetingId);
      agendaItemId ??= d.agendaItemId;
    }
    if (agendaItemId) meetings.set("agendaItemId", (await s.require("agenda_item", agendaItemId)).meetingId);
    if (f.documentId) {
      const doc = await s.require("document", f.documentId);
      const m = doc.meetingId ?? (doc.agendaItemId ? (await s.require("agenda_item", doc.agendaItemId)).meetingId : null);
      if (!m) throw new MootError("invalid", "documentId: this document belongs to no meeting");
      meetings.set("documentId", m);
    }
    const distinct = new Set(meetings.values());
    if (distinct.size > 1) throw new MootError("invalid", "agendaItemId: the item, decision and report must be from the same meeting");
    const meetingId = [...distinct][0]!;
    const existing = (await s.list("matter_step", { matterId, meetingId })).find(
      (x) => x.agendaItemId === agendaItemId && x.decisionId === f.decisionId && x.documentId === f.documentId,
    );
    if (existing) return existing;
    return s.create("matter_step", {
      matterId,
      meetingId,
      agendaItemId,
      decisionId: f.decisionId,
      documentId: f.documentId,
      note: f.note,
      linkedBy,
    });
  });
}

export async function unlinkStep(scope: Scope, stepId: string): Promise<void> {
  await scope.delete("matter_step", stepId);
}

async function callInDays(s: Scope): Promise<number> {
  return (await getAuthority(s.db, s.authorityId))?.callInWorkingDays ?? DEFAULT_CALL_IN_WORKING_DAYS;
}

/**
 * Starts a decision's call-in period from the day it was published: it may be called in
 * until the authority's number of working days (five unless its constitution says otherwise)
 * have passed, and may not be implemented before.
 */
export async function startCallIn(scope: Scope, decisionId: string, publishedOn: string): Promise<RecordOf<"decision">> {
  return scope.transaction(async (s) => {
    const d = await s.require("decision", decisionId);
    if (d.callInEndsOn) throw new MootError("rule", `the call-in period already runs until ${d.callInEndsOn}`);
    if (d.implementedAt) throw new MootError("rule", "this decision has already been implemented");
    return s.update("decision", decisionId, { callInFrom: publishedOn, callInEndsOn: callInEndsOn(publishedOn, await callInDays(s)) });
  });
}

/**
 * Executive decisions are subject to call-in: when a Cabinet meeting's minutes are first
 * published, each of its decisions not yet in a call-in period starts one from that day.
 */
export async function startCallInsForMeeting(s: Scope, meetingId: string, now: Date): Promise<void> {
  const meeting = await s.require("meeting", meetingId);
  const committee = await s.require("committee", meeting.committeeId);
  if (committee.kind !== "cabinet") return;
  const today = londonToday(now);
  for (const d of await s.list("decision", { meetingId })) if (!d.callInEndsOn && !d.implementedAt) await startCallIn(s, d.id, today);
}

/** Scrutiny calls a decision in: only while its call-in period is open. */
export async function callIn(scope: Scope, decisionId: string, reason: string, now: Date = new Date()): Promise<RecordOf<"decision">> {
  return scope.transaction(async (s) => {
    const d = await s.require("decision", decisionId);
    const state = callInState(d, londonToday(now));
    if (state !== "open")
      throw new MootError(
        "rule",
        state === null ? "this decision is not subject to call-in" : `it cannot be called in: ${CALL_IN_LABEL[state].toLowerCase()}`,
      );
    if (!reason.trim()) throw new MootError("invalid", "reason: say why it was called in");
    return s.update("decision", decisionId, { calledInAt: now.toISOString(), callInReason: reason.trim() });
  });
}

/** Scrutiny has dealt with a called-in decision: the call-in ends and it may be implemented. */
export async function endCallIn(scope: Scope, decisionId: string, now: Date = new Date()): Promise<RecordOf<"decision">> {
  return scope.transaction(async (s) => {
    const d = await s.require("decision", decisionId);
    if (callInState(d, londonToday(now)) !== "called-in") throw new MootError("rule", "this decision has not been called in");
    return s.update("decision", decisionId, { callInEndedAt: now.toISOString() });
  });
}

/** Records a decision as implemented: never during its call-in period or while it is called in. */
export async function markImplemented(scope: Scope, decisionId: string, now: Date = new Date()): Promise<RecordOf<"decision">> {
  return scope.transaction(async (s) => {
    const d = await s.require("decision", decisionId);
    if (d.implementedAt) throw new MootError("rule", `this decision was already implemented on ${d.implementedAt.slice(0, 10)}`);
    const state = callInState(d, londonToday(now));
    if (state === "open")
      throw new MootError("rule", `the call-in period runs until ${d.callInEndsOn}; the decision cannot be implemented before it ends`);
    if (state === "called-in")
      throw new MootError("rule", "this decision has been called in; it cannot be implemented until scrutiny ends the call-in");
    return s.update("decision", decisionId, { implementedAt: now.toISOString() });
  });
}
