import { z } from "zod";
import { Id, Instant, Name, Slug } from "./common.js";

export const Authority = z.object({
  id: Id,
  slug: Slug,
  name: Name,
  /** IANA zone meetings are held in; every English and Welsh council is Europe/London. */
  timezone: z.string().default("Europe/London"),
  website: z.string().url().nullable().default(null),
  createdAt: Instant,
  updatedAt: Instant,
});
export const AuthorityInput = Authority.omit({ id: true, createdAt: true, updatedAt: true });
export type Authority = z.infer<typeof Authority>;
export type AuthorityInput = z.input<typeof AuthorityInput>;
