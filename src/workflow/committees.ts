import { CommitteeFields, CommitteeForm, type Committee } from "../domain/committee.js";
import { MootError, invalid } from "../domain/errors.js";
import { slugify } from "../domain/slug.js";
import { addDays, clerkDate } from "../domain/time.js";
import type { Scope } from "../store/records.js";
import { committeeUsage } from "../store/queries/reference-data.js";
import { parseEdit } from "./form.js";

/**
 * Committees as the clerk sets them up in the editor: kind, parent, terms of reference,
 * minute-number scheme and address (slug). A committee with meetings is a council record and
 * is retired (given an end date), never deleted; only one set up by mistake can be deleted.
 */

async function slugFree(s: Scope, slug: string, except?: string): Promise<void> {
  const same = (await s.list("committee", { slug })).filter((c) => c.id !== except);
  if (same.length) throw new MootError("conflict", `slug: the address /committees/${slug} is already used by ${same[0].name}`);
}

/** A parent must be another committee of this council, and not one of this committee's own sub-committees. */
async function checkParent(s: Scope, id: string | undefined, parentId: string | null | undefined): Promise<void> {
  if (!parentId) return;
  if (parentId === id) throw new MootError("invalid", "parentId: a committee cannot be its own parent");
  let at: Committee | undefined = await s.get("committee", parentId);
  if (!at) throw new MootError("invalid", "parentId: choose a committee of this council");
  for (let depth = 0; at && depth < 50; depth++) {
    if (at.id === id) throw new MootError("invalid", "parentId: that committee is one of this committee's own sub-committees");
    at = at.parentId ? await s.get("committee", at.parentId) : undefined;
  }
}

export async function createCommittee(scope: Scope, form: CommitteeForm): Promise<Committee> {
  const parsed = CommitteeForm.safeParse(form);
  if (!parsed.success) throw invalid(parsed.error, "invalid committee");
  const f = parsed.data;
  return scope.transaction(async (s) => {
    const slug = f.slug ?? slugify(f.name);
    await slugFree(s, slug);
    await checkParent(s, undefined, f.parentId);
    return s.create("committee", { ...f, slug });
  });
}

/** Changes the fields given; the caller's scope carries the revision its form was loaded from. */
export async function updateCommittee(scope: Scope, id: string, form: Partial<CommitteeForm>): Promise<Committee> {
  const patch = parseEdit(CommitteeFields.partial(), form, "invalid committee");
  return scope.transaction(async (s) => {
    const before = await s.require("committee", id);
    const after = { ...before, ...patch };
    if (after.activeFrom && after.activeTo && after.activeFrom > after.activeTo)
      throw new MootError("invalid", "activeTo: must not be before the date it was set up");
    if (patch.slug && patch.slug !== before.slug) await slugFree(s, patch.slug, id);
    await checkParent(s, id, after.parentId);
    return s.update("committee", id, patch);
  });
}

/**
 * Retires a committee from a date: it stays on the public list marked "until" that date with
 * its meetings and minutes, and the memberships still running then end on that date. Meetings
 * still scheduled after it must be cancelled or moved first.
 */
export async function retireCommittee(scope: Scope, id: string, on: string): Promise<Committee> {
  const date = CommitteeFields.shape.activeTo.safeParse(on);
  if (!date.success || !on) throw new MootError("invalid", "activeTo: give the date the committee ends, as YYYY-MM-DD");
  return scope.transaction(async (s) => {
    const before = await s.require("committee", id);
    if (before.activeFrom && on < before.activeFrom)
      throw new MootError("invalid", `activeTo: ${before.name} was set up on ${clerkDate(before.activeFrom)}; it cannot end before that`);
    const later = await committeeUsage(s, id, addDays(on, 1));
    if (later.meetingsFrom > 0)
      throw new MootError(
        "rule",
        `${before.name} has ${later.meetingsFrom} meeting${later.meetingsFrom === 1 ? "" : "s"} after ${clerkDate(on)} that ${later.meetingsFrom === 1 ? "is" : "are"} not cancelled: cancel or move ${later.meetingsFrom === 1 ? "it" : "them"} first`,
      );
    const reason = `committee retired from ${on}`;
    for (const m of await s.list("membership", { committeeId: id })) {
      if (m.toDate !== null && m.toDate <= on) continue;
      if (m.fromDate && m.fromDate > on) await s.delete("membership", m.id, { reason });
      else await s.update("membership", m.id, { toDate: on }, { reason });
    }
    return s.update("committee", id, { activeTo: on }, { reason });
  });
}

/**
 * Deletes a committee set up by mistake. One with meetings holds the council's records and is
 * refused (retire it instead); its memberships and work programme go with it, each audited,
 * and sub-committees lose their parent link.
 */
export async function deleteCommittee(scope: Scope, id: string): Promise<void> {
  await scope.transaction(async (s) => {
    const c = await s.require("committee", id);
    const used = await committeeUsage(s, id);
    if (used.meetings > 0)
      throw new MootError(
        "rule",
        `${c.name} has ${used.meetings} meeting${used.meetings === 1 ? "" : "s"} on record, so it cannot be deleted: retire it instead`,
      );
    await s.delete("committee", id, { reason: "committee deleted in the editor" });
  });
}
