import { z } from "zod";
import { Id, Instant, Name, Slug, Url } from "./common.js";

/** A host name as a browser sends it, without the port: `democracy.example-council.gov.uk`. */
export const HostName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/,
    "a host name such as democracy.example.gov.uk",
  );

/**
 * First path segments the site itself uses. On a shared host an authority is reached at
 * `/<slug>/…`, so its slug must never be one of these.
 */
export const RESERVED_SLUGS = new Set([
  "api",
  "assets",
  "actions",
  "calendar",
  "calendar-ics",
  "committees",
  "decisions",
  "documents",
  "editor",
  "feeds",
  "forward-plan",
  "matters",
  "meetings",
  "people",
  "platform",
  "robots-txt",
  "search",
  "sign-in",
  "sign-out",
  "sitemap-xml",
  "static",
]);

export const Authority = z.object({
  id: Id,
  slug: Slug.refine((s) => !RESERVED_SLUGS.has(s), "this word is a page of the site; choose another slug"),
  name: Name,
  /** How people refer to it in a sentence or a narrow header: "Kent CC". */
  shortName: Name.nullable().default(null),
  /** The header's wordmark text when it differs from the name. */
  logoText: Name.nullable().default(null),
  /** Host names that serve this authority alone, at `/`. */
  hosts: z.array(HostName).max(20).default([]),
  /** Other spellings packs print for it ("Kent CC"); import matches them after normalising. */
  aliases: z.array(Name).max(50).default([]),
  /** IANA zone meetings are held in; every English and Welsh council is Europe/London. */
  timezone: z.string().default("Europe/London"),
  website: Url.nullable().default(null),
  /** Working days a decision may be called in after it is published (the constitution says; five is usual). */
  callInWorkingDays: z.number().int().min(1).max(20).default(5),
  createdAt: Instant,
  updatedAt: Instant,
});
export const AuthorityInput = Authority.omit({ id: true, createdAt: true, updatedAt: true });
export const AuthorityPatch = AuthorityInput.partial();
export type Authority = z.infer<typeof Authority>;
export type AuthorityInput = z.input<typeof AuthorityInput>;
export type AuthorityPatch = z.input<typeof AuthorityPatch>;
