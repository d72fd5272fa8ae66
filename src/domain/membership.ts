import { z } from "zod";
import { Id, IsoDate, RecordBase, ShortText } from "./common.js";

export const MembershipRole = z.enum(["chair", "vice-chair", "member", "substitute"]);
export const MembershipKind = z.enum(["councillor", "co-opted"]);
export const CoOptedKind = z.enum(["parent-governor", "church", "lay-member", "other"]);

/** The membership's fields without its cross-field rules, so a form can pick from it. */
export const MembershipFields = RecordBase.extend({
  personId: Id,
  committeeId: Id,
  role: MembershipRole,
  kind: MembershipKind,
  /** Only for co-opted members; e.g. "church" with representing "Diocese of Borchester". */
  coOptedKind: CoOptedKind.nullable().default(null),
  representing: ShortText.nullable().default(null),
  fromDate: IsoDate.nullable().default(null),
  toDate: IsoDate.nullable().default(null),
});

export const Membership = MembershipFields.refine((m) => m.kind === "co-opted" || m.coOptedKind === null, {
  message: "only co-opted members have a co-opted kind",
  path: ["coOptedKind"],
}).refine((m) => !m.fromDate || !m.toDate || m.fromDate <= m.toDate, {
  message: "must not be before fromDate",
  path: ["toDate"],
});
export type Membership = z.infer<typeof Membership>;
export type MembershipRole = z.infer<typeof MembershipRole>;

/** Roles as a front sheet prints them. */
export const ROLE_LABELS: Record<MembershipRole, string> = {
  chair: "Chair",
  "vice-chair": "Vice-Chair",
  member: "Member",
  substitute: "Substitute",
};

/**
 * What a clerk enters for a membership: the role and its dates; whether it is a councillor's
 * or a co-opted member's seat follows from the person. A co-opted member may say whom they
 * represent (a diocese, parent governors).
 */
export const MembershipForm = MembershipFields.pick({
  personId: true,
  role: true,
  coOptedKind: true,
  representing: true,
  fromDate: true,
  toDate: true,
}).refine((m) => !m.fromDate || !m.toDate || m.fromDate <= m.toDate, {
  message: "must not be before the start date",
  path: ["toDate"],
});
export type MembershipForm = z.input<typeof MembershipForm>;

export const CO_OPTED_KIND_LABELS: Record<z.infer<typeof CoOptedKind>, string> = {
  "parent-governor": "Parent governor",
  church: "Church representative",
  "lay-member": "Lay member",
  other: "Other",
};
