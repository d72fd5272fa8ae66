import { z } from "zod";
import { Id, Instant } from "./common.js";

/**
 * An email alert subscription. Residents subscribe without an account, so a subscription is
 * its own capability: a confirmation token (stored hashed) proves the address, and an
 * unsubscribe token in every message ends it in one click (RFC 8058). Nothing is sent to an
 * address until it is confirmed.
 */
export const SubscriptionTarget = z.enum(["committee", "person", "ward", "matter", "search"]);
export const SubscriptionFrequency = z.enum(["immediate", "daily"]);
export const SubscriptionStatus = z.enum(["pending", "confirmed", "unsubscribed"]);

export const Email = z.string().trim().toLowerCase().max(254).email("enter an email address, like name@example.org");

export const Subscription = z.object({
  id: Id,
  authorityId: Id,
  email: Email,
  target: SubscriptionTarget,
  /** A committee, person or matter id; a ward's name; a saved search's words. */
  targetKey: z.string().trim().min(1).max(300),
  /** What the subscriber chose, in words ("Cabinet", "Castle ward"), for the reason line. */
  label: z.string().trim().min(1).max(300),
  frequency: SubscriptionFrequency,
  status: SubscriptionStatus,
  /** sha256 of the confirmation token; the token itself only ever travels in the email. */
  confirmTokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  unsubscribeToken: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/),
  createdAt: Instant,
  confirmationSentAt: Instant.nullable(),
  confirmedAt: Instant.nullable(),
  unsubscribedAt: Instant.nullable(),
  /** Events before this moment are never sent (a new subscriber gets no back catalogue). */
  since: Instant,
  lastDigestOn: z.string().nullable(),
});
export type Subscription = z.infer<typeof Subscription>;
export type SubscriptionTarget = z.infer<typeof SubscriptionTarget>;
export type SubscriptionFrequency = z.infer<typeof SubscriptionFrequency>;

/** What a sign-up form sends. */
export const SubscribeForm = Subscription.pick({ email: true, target: true, targetKey: true }).extend({
  frequency: SubscriptionFrequency.default("immediate"),
});
export type SubscribeForm = z.input<typeof SubscribeForm>;

/** One alert sent (or folded into a digest) for one subscription: at most one per event. */
export const AlertSent = z.object({
  id: Id,
  authorityId: Id,
  subscriptionId: Id,
  eventKey: z.string().min(1).max(200),
  sentAt: Instant,
});
export type AlertSent = z.infer<typeof AlertSent>;

export const TARGET_NOUN: Record<SubscriptionTarget, string> = {
  committee: "committee",
  person: "councillor",
  ward: "ward",
  matter: "matter",
  search: "saved search",
};
