import { z } from "zod";
import { Id, RecordBase } from "./common.js";

/** Kept exactly as published (no trimming), so a council's own listing can be served back unchanged. */
const Raw = z.string().max(2000);

/** A postal and contact address as councils publish it for a member; every line optional. */
export const ContactAddress = z.object({
  line1: Raw.optional(),
  line2: Raw.optional(),
  line3: Raw.optional(),
  line4: Raw.optional(),
  postcode: Raw.optional(),
  phone: Raw.optional(),
  mobile: Raw.optional(),
  /** Free text as published: not always a valid address, so not checked as one. */
  email: Raw.optional(),
});

/** A term of office; either end may be "unspecified" as councils record it. */
export const TermOfOffice = z.object({
  start: z.string().max(20),
  end: z.string().max(20),
});

/**
 * What a council publishes about a member beyond the person record: photos, the body they
 * represent, key posts, addresses, surgeries and terms of office (ModernGov's councillor
 * shape). Text is kept as published; `listOrder` keeps a source's order within a ward.
 */
export const PersonProfile = RecordBase.extend({
  personId: Id,
  photoSmallUrl: Raw.nullable().default(null),
  photoBigUrl: Raw.nullable().default(null),
  district: Raw.nullable().default(null),
  representing: Raw.nullable().default(null),
  keyPosts: Raw.nullable().default(null),
  workAddress: ContactAddress.default({}),
  homeAddress: ContactAddress.default({}),
  /** Surgery lines as published; null when the council publishes none (not the same as []). */
  surgery: z.array(z.string().max(2000)).nullable().default(null),
  terms: z.array(TermOfOffice).nullable().default(null),
  listOrder: z.number().int().nullable().default(null),
});
export type PersonProfile = z.infer<typeof PersonProfile>;
export type ContactAddress = z.infer<typeof ContactAddress>;
