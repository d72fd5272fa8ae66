import { z } from "zod";
import { DPI_CATEGORY_LABELS, DpiCategory, RegisteredInterest } from "../domain/interest.js";
import { MootError } from "../domain/errors.js";
import type { Viewer } from "../domain/viewer.js";
import type { RecordOf } from "../domain/records.js";
import type { Scope } from "../store/records.js";
import { parseEdit } from "./form.js";

type Interest = RecordOf<"registered_interest">;

export const InterestForm = z
  .object(RegisteredInterest.shape)
  .pick({
    interestClass: true,
    category: true,
    description: true,
    holder: true,
    sensitive: true,
    registeredOn: true,
    endedOn: true,
    note: true,
  })
  .partial({ category: true, holder: true, sensitive: true, endedOn: true, note: true });
export type InterestForm = z.input<typeof InterestForm>;

/** The clerk (or an admin) may edit any member's register; a member only their own. */
export function canEditRegister(viewer: Viewer, personId: string): boolean {
  return viewer.kind === "clerk" || viewer.kind === "admin" || (viewer.kind === "member" && viewer.personId === personId);
}

function guard(viewer: Viewer, personId: string): void {
  if (!canEditRegister(viewer, personId))
    throw new MootError("forbidden", "only the member or the clerk may change this register of interests");
}

export async function registerInterest(scope: Scope, viewer: Viewer, personId: string, form: InterestForm): Promise<Interest> {
  guard(viewer, personId);
  const f = parseEdit(InterestForm, form, "invalid interest");
  await scope.require("person", personId);
  return scope.create("registered_interest", {
    ...f,
    interestClass: form.interestClass,
    description: form.description,
    registeredOn: form.registeredOn,
    personId,
  });
}

/**
 * Edits an entry. With `opts.personId` (a page about one member), an entry of anyone else is
 * not found, so a link naming one register never reaches another's.
 */
export async function updateInterest(
  scope: Scope,
  viewer: Viewer,
  interestId: string,
  form: Partial<InterestForm>,
  opts: { personId?: string } = {},
): Promise<Interest> {
  const f = parseEdit(InterestForm.partial(), form, "invalid interest");
  return scope.transaction(async (s) => {
    const existing = await s.require("registered_interest", interestId);
    if (opts.personId !== undefined && existing.personId !== opts.personId)
      throw new MootError("not_found", `registered interest ${interestId} not found`);
    guard(viewer, existing.personId);
    return s.update("registered_interest", interestId, f);
  });
}

/** An interest that no longer applies is ended, not deleted: the register keeps its history. */
export async function endInterest(scope: Scope, viewer: Viewer, interestId: string, endedOn: string): Promise<Interest> {
  return updateInterest(scope, viewer, interestId, { endedOn });
}

/** Removes an entry made in error; clerks only, and the audit trail keeps it. */
export async function removeInterest(scope: Scope, viewer: Viewer, interestId: string, reason: string): Promise<void> {
  if (viewer.kind !== "clerk" && viewer.kind !== "admin")
    throw new MootError("forbidden", "only the clerk may remove an entry from the register");
  if (!reason?.trim()) throw new MootError("invalid", "reason: say why the entry is removed");
  await scope.delete("registered_interest", interestId, { reason });
}

export const SENSITIVE_NOTICE = "The member has a sensitive interest; details are withheld under section 32 of the Localism Act 2011.";

export interface RegisterEntry {
  id: string;
  holder: "member" | "partner";
  description: string;
  registeredOn: string;
  withheld: boolean;
}
export interface PublicRegister {
  person: { id: string; name: string };
  dpi: Array<{ category: z.infer<typeof DpiCategory>; label: string; entries: RegisterEntry[] }>;
  otherRegistrable: RegisterEntry[];
  nonRegistrable: RegisterEntry[];
}

/**
 * The register as published: current interests only, every DPI category listed (empty
 * ones print as "None"), sensitive interests reduced to the statutory notice.
 */
export async function publicRegister(scope: Scope, personId: string, today: string): Promise<PublicRegister> {
  const person = await scope.require("person", personId);
  const current = (await scope.list("registered_interest", { personId }, ["registeredOn"])).filter((i) => !i.endedOn || i.endedOn >= today);
  const entry = (i: Interest): RegisterEntry => ({
    id: i.id,
    holder: i.holder,
    description: i.sensitive ? SENSITIVE_NOTICE : i.description,
    registeredOn: i.registeredOn,
    withheld: i.sensitive,
  });
  return {
    person: { id: person.id, name: person.name },
    dpi: DpiCategory.options.map((category) => ({
      category,
      label: DPI_CATEGORY_LABELS[category],
      entries: current.filter((i) => i.interestClass === "dpi" && i.category === category).map(entry),
    })),
    otherRegistrable: current.filter((i) => i.interestClass === "ori").map(entry),
    nonRegistrable: current.filter((i) => i.interestClass === "nri").map(entry),
  };
}

/** The full register, including ended and sensitive entries, for the member and the clerk. */
export async function fullRegister(scope: Scope, viewer: Viewer, personId: string): Promise<Interest[]> {
  guard(viewer, personId);
  return scope.list("registered_interest", { personId }, ["registeredOn"]);
}
