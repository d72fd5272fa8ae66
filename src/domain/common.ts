import { z } from "zod";

export const Id = z.string().min(1).max(64);
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "not a real calendar date");
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a 24-hour time as HH:MM");
/** An instant, always stored in UTC with a Z suffix so SQLite and PostgreSQL sort it the same. */
export const Instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/, "expected an ISO instant in UTC, e.g. 2025-01-30T10:00:00Z");
export const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lower-case words joined by hyphens");
/** Schedule 12A to the Local Government Act 1972: paragraphs 1–7; null when public. */
export const ExemptParagraph = z.number().int().min(1).max(7).nullable();
/** A web link: http or https only, so a `javascript:` or `data:` link is never stored or published. */
export const Url = z
  .string()
  .trim()
  .max(2000)
  .url("must be a web address starting https://")
  .refine((s) => /^https?:\/\//i.test(s), "must be a web address starting https:// or http://");

const text = (max: number) => z.string().trim().max(max);
export const Name = text(300).min(1, "must not be empty");
export const ShortText = text(1000);
export const LongText = text(2_000_000);

/** Fields every stored record has; the store sets them, callers never do. */
export const RecordBase = z.object({
  id: Id,
  authorityId: Id,
  createdAt: Instant,
  updatedAt: Instant,
  /** 1 when created, one more on every change: an edit names the revision it was made from. */
  revision: z.number().int().min(1).default(1),
});
export const SYSTEM_FIELDS = { id: true, authorityId: true, createdAt: true, updatedAt: true, revision: true } as const;
