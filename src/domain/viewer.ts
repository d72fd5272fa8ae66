import { z } from "zod";

/**
 * Who is looking. Exempt (Schedule 12A) papers are visible to clerks and admins, and to
 * members only for the committees they sit on; the public never sees them.
 */
export const Viewer = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("public") }),
  z.object({ kind: z.literal("member"), personId: z.string(), committeeIds: z.array(z.string()) }),
  z.object({ kind: z.literal("clerk") }),
  z.object({ kind: z.literal("admin") }),
]);
export type Viewer = z.infer<typeof Viewer>;

export const PUBLIC: Viewer = { kind: "public" };

export function exemptVisibleFor(viewer: Viewer): "all" | string[] {
  if (viewer.kind === "clerk" || viewer.kind === "admin") return "all";
  if (viewer.kind === "member") return viewer.committeeIds;
  return [];
}

export function canSeeExempt(viewer: Viewer, committeeId: string | null): boolean {
  const v = exemptVisibleFor(viewer);
  return v === "all" || (committeeId !== null && v.includes(committeeId));
}

export function exemptNotice(paragraph: number): string {
  return `Exempt under paragraph ${paragraph} of Schedule 12A to the Local Government Act 1972`;
}
