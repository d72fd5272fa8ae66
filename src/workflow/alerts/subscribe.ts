import { londonToday } from "../../domain/time.js";
import { PUBLIC } from "../../domain/viewer.js";
import { matterDetail } from "../../store/queries/matters.js";
import { createHash, randomBytes } from "node:crypto";
import { MootError, invalid } from "../../domain/errors.js";
import { SubscribeForm, type Subscription } from "../../domain/subscription.js";
import type { Store } from "../../store/open.js";
import { findPerson } from "../../store/queries/people.js";
import { listWards } from "../../store/queries/alert-events.js";
import {
  createSubscription,
  liveSubscription,
  subscriptionByConfirmHash,
  subscriptionByUnsubscribeToken,
  takeSignupSlot,
  updateSubscription,
} from "../../store/subscriptions.js";
import type { Mailer } from "./mailer.js";
import { confirmationMail, type Site } from "./messages.js";

/** Sign-ups one client may make in an hour, and confirmation emails one address may get in a day. */
export const SIGNUPS_PER_CLIENT_HOUR = 10;
export const CONFIRMATIONS_PER_ADDRESS_DAY = 3;
/** A confirmation link works for a week. */
export const CONFIRM_VALID_MS = 7 * 24 * 3600_000;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const token = () => randomBytes(32).toString("base64url");

export interface SubscribeContext {
  mailer: Mailer | null;
  site: Site;
  /** Who is asking (the client's address), for throttling; hashed before it is stored. */
  clientKey: string;
  now?: Date;
  /** Runs the confirmation email off the request, so timing does not tell whether one was sent. */
  defer?: (work: Promise<unknown>) => void;
}

/** What a subscriber chose, in words, checked against the store. */
async function labelFor(store: Store, authorityId: string, target: Subscription["target"], key: string): Promise<string> {
  if (target === "committee") {
    const c = await store.db
      .selectFrom("committee")
      .select("name")
      .where("authorityId", "=", authorityId)
      .where((eb) => eb.or([eb("id", "=", key), eb("slug", "=", key)]))
      .executeTakeFirst();
    if (!c) throw new MootError("invalid", "targetKey: there is no such committee");
    return c.name;
  }
  if (target === "person") {
    const p = (await findPerson(store, authorityId, { id: key })) ?? (await findPerson(store, authorityId, { slug: key }));
    if (!p) throw new MootError("invalid", "targetKey: there is no such councillor");
    return p.name;
  }
  if (target === "ward") {
    if (!(await listWards(store, authorityId)).includes(key)) throw new MootError("invalid", "targetKey: there is no such ward");
    return `${key} ward`;
  }
  if (target === "matter") {
    // Only a matter the public may see can be followed: its title is read as the public reads it.
    const m = await matterDetail(store, authorityId, key, PUBLIC, londonToday());
    if (!m) throw new MootError("invalid", "targetKey: there is no such matter");
    return `${m.matter.reference}: ${m.matter.title}`;
  }
  return `the search "${key}"`;
}

/** Ids are stored for committees and people, whichever the form sent. */
async function canonicalKey(store: Store, authorityId: string, target: Subscription["target"], key: string): Promise<string> {
  if (target === "committee") {
    const c = await store.db
      .selectFrom("committee")
      .select("id")
      .where("authorityId", "=", authorityId)
      .where((eb) => eb.or([eb("id", "=", key), eb("slug", "=", key)]))
      .executeTakeFirst();
    return c?.id ?? key;
  }
  if (target === "person")
    return ((await findPerson(store, authorityId, { id: key })) ?? (await findPerson(store, authorityId, { slug: key })))?.id ?? key;
  return key;
}

/**
 * Double opt-in sign-up. The answer is the same whether or not the address is already
 * subscribed (or was throttled): the caller shows "check your email" either way. A pending
 * sign-up asked for again gets a fresh link; a confirmed one gets nothing.
 */
export async function subscribe(store: Store, authorityId: string, form: SubscribeForm, ctx: SubscribeContext): Promise<void> {
  const parsed = SubscribeForm.safeParse(form);
  if (!parsed.success) throw invalid(parsed.error, "invalid subscription");
  const f = parsed.data;
  const now = ctx.now ?? new Date();
  const targetKey = await canonicalKey(store, authorityId, f.target, f.targetKey);
  const label = await labelFor(store, authorityId, f.target, targetKey);
  if (!(await takeSignupSlot(store, authorityId, `client:${sha256(ctx.clientKey)}`, SIGNUPS_PER_CLIENT_HOUR, 3600_000, now)))
    throw new MootError("rate_limited", "too many sign-ups from this connection: try again in an hour");
  // Past this point every path answers alike.
  if (!(await takeSignupSlot(store, authorityId, `email:${sha256(f.email)}`, CONFIRMATIONS_PER_ADDRESS_DAY, 24 * 3600_000, now))) return;
  const existing = await liveSubscription(store, authorityId, { email: f.email, target: f.target, targetKey });
  if (existing?.status === "confirmed") return;
  const confirm = token();
  const at = now.toISOString();
  let sub: Subscription;
  if (existing) {
    await updateSubscription(store, existing.id, { confirmTokenHash: sha256(confirm), confirmationSentAt: at, frequency: f.frequency });
    sub = { ...existing, confirmTokenHash: sha256(confirm), confirmationSentAt: at, frequency: f.frequency };
  } else {
    sub = await createSubscription(store, {
      authorityId,
      email: f.email,
      target: f.target,
      targetKey,
      label,
      frequency: f.frequency,
      status: "pending",
      confirmTokenHash: sha256(confirm),
      unsubscribeToken: token(),
      createdAt: at,
      confirmationSentAt: at,
      confirmedAt: null,
      unsubscribedAt: null,
      since: at,
      lastDigestOn: null,
    });
  }
  if (!ctx.mailer) return;
  const sending = ctx.mailer.send(confirmationMail(ctx.site, sub, confirm));
  if (ctx.defer) ctx.defer(sending);
  else await sending;
}

/** Confirms a sign-up from its emailed link; alerts start from this moment. */
export async function confirmSubscription(
  store: Store,
  authorityId: string,
  confirmToken: string,
  now = new Date(),
): Promise<Subscription> {
  const sub = await subscriptionByConfirmHash(store, authorityId, sha256(confirmToken));
  const stale = sub?.status === "pending" && now.getTime() - Date.parse(sub.confirmationSentAt ?? sub.createdAt) > CONFIRM_VALID_MS;
  if (!sub || sub.status === "unsubscribed" || stale)
    throw new MootError("not_found", "this confirmation link is not valid: it may have expired or been used to unsubscribe; sign up again");
  if (sub.status === "confirmed") return sub;
  const at = now.toISOString();
  await updateSubscription(store, sub.id, { status: "confirmed", confirmedAt: at, since: at });
  return { ...sub, status: "confirmed", confirmedAt: at, since: at };
}

/** Ends a subscription from the link in any message; the address is not kept afterwards. */
export async function unsubscribe(
  store: Store,
  authorityId: string,
  unsubscribeToken: string,
  now = new Date(),
): Promise<{ label: string }> {
  const sub = await subscriptionByUnsubscribeToken(store, authorityId, unsubscribeToken);
  if (!sub) throw new MootError("not_found", "this unsubscribe link is not valid");
  if (sub.status !== "unsubscribed")
    await updateSubscription(store, sub.id, { status: "unsubscribed", unsubscribedAt: now.toISOString(), email: "" });
  return { label: sub.label };
}
