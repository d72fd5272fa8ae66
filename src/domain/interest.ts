import { z } from "zod";
import { Id, IsoDate, LongText, RecordBase, ShortText } from "./common.js";

/**
 * Categories of disclosable pecuniary interest in the Schedule to the Relevant Authorities
 * (Disclosable Pecuniary Interests) Regulations 2012.
 */
export const DpiCategory = z.enum([
  "employment", // employment, office, trade, profession or vocation
  "sponsorship",
  "contracts",
  "land",
  "licences",
  "corporate-tenancies",
  "securities",
]);

export const DPI_CATEGORY_LABELS: Record<z.infer<typeof DpiCategory>, string> = {
  employment: "Employment, office, trade, profession or vocation",
  sponsorship: "Sponsorship",
  contracts: "Contracts",
  land: "Land",
  licences: "Licences",
  "corporate-tenancies": "Corporate tenancies",
  securities: "Securities",
};

/** dpi: disclosable pecuniary; ori: other registrable (local code); nri: non-registrable. */
export const InterestClass = z.enum(["dpi", "ori", "nri"]);

export const RegisteredInterest = RecordBase.extend({
  personId: Id,
  interestClass: InterestClass,
  /** Required for a DPI, absent otherwise. */
  category: DpiCategory.nullable().default(null),
  description: LongText.min(1, "must not be empty"),
  /** Whose interest: the member's own or their spouse/civil partner/cohabitee's (2012 Regs reg. 2). */
  holder: z.enum(["member", "partner"]).default("member"),
  /** s.32 Localism Act 2011: details withheld from the published register, the fact kept. */
  sensitive: z.boolean().default(false),
  registeredOn: IsoDate,
  endedOn: IsoDate.nullable().default(null),
  note: ShortText.nullable().default(null),
})
  .refine((i) => (i.interestClass === "dpi") === (i.category !== null), {
    message: "a disclosable pecuniary interest needs a category; other interests have none",
    path: ["category"],
  })
  .refine((i) => !i.endedOn || i.endedOn >= i.registeredOn, { message: "must not be before registeredOn", path: ["endedOn"] });

export type RegisteredInterest = z.infer<typeof RegisteredInterest>;
export type DpiCategory = z.infer<typeof DpiCategory>;
export type InterestClass = z.infer<typeof InterestClass>;
