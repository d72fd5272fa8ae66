import { z } from "zod";
import { Id, IsoDate, RecordBase, ShortText } from "./common.js";

export const MembershipRole = z.enum(["chair", "vice-chair", "member", "substitute"]);
export const MembershipKind = z.enum(["councillor", "co-opted"]);
export const CoOptedKind = z.enum(["parent-governor", "church", "lay-member", "other"]);

export const Membership = RecordBase.extend({
  personId: Id,
  committeeId: Id,
  role: MembershipRole,
  kind: MembershipKind,
  /** Only for co-opted members; e.g. "church" with representing "Diocese of Borchester". */
  coOptedKind: CoOptedKind.nullable().default(null),
  representing: ShortText.nullable().default(null),
  fromDate: IsoDate.nullable().default(null),
  toDate: IsoDate.nullable().default(null),
})
  .refine((m) => m.kind === "co-opted" || m.coOptedKind === null, {
    message: "only co-opted members have a co-opted kind",
    path: ["coOptedKind"],
  })
  .refine((m) => !m.fromDate || !m.toDate || m.fromDate <= m.toDate, {
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
