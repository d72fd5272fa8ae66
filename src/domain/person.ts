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

export const PERSON_KIND_LABELS: Record<PersonKind, string> = {
  councillor: "Councillor",
  officer: "Officer",
  "co-opted": "Co-opted member",
  external: "Other (external)",
};

/**
 * What a clerk enters for a person: councillors carry party and ward, officers their post and
 * service; a co-opted member neither party nor ward. The slug is made from the name when blank.
 */
export const PersonFields = Person.pick({
  name: true,
  honorific: true,
  kind: true,
  party: true,
  ward: true,
  post: true,
  service: true,
  email: true,
}).extend({ slug: Slug.optional() });
export const PersonForm = PersonFields.refine((p) => p.kind === "councillor" || (!p.party && !p.ward), {
  message: "only a councillor has a party and a ward",
  path: ["party"],
}).refine((p) => p.kind === "officer" || p.kind === "external" || (!p.post && !p.service), {
  message: "only an officer has a post and a service",
  path: ["post"],
});
export type PersonForm = z.input<typeof PersonForm>;
