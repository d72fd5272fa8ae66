import { z } from "zod";
import { Name, RecordBase, ShortText, Slug } from "./common.js";

export const PersonKind = z.enum(["councillor", "officer", "co-opted", "external"]);

export const Person = RecordBase.extend({
  slug: Slug,
  name: Name,
  /** "Cllr", "Mrs", "Rev." as printed; kept apart so names match across packs. */
  honorific: z.string().max(40).nullable().default(null),
  kind: PersonKind,
  party: ShortText.nullable().default(null),
  ward: ShortText.nullable().default(null),
  post: ShortText.nullable().default(null),
  service: ShortText.nullable().default(null),
  email: z.string().email().nullable().default(null),
});
export type Person = z.infer<typeof Person>;
export type PersonKind = z.infer<typeof PersonKind>;
