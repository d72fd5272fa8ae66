import { ulid } from "ulid";
import { invalid } from "../domain/errors.js";
import { Subscription } from "../domain/subscription.js";
import type { Store } from "./open.js";

/**
 * Email alert subscriptions. They are residents' personal data rather than council records,
 * so they live outside the audited records model and its exports: an address is kept only
 * while it is subscribed (unsubscribing blanks it).
 */

export async function createSubscription(store: Store, sub: Omit<Subscription, "id"> & { id?: string }): Promise<Subscription> {
  const parsed = Subscription.safeParse({ ...sub, id: sub.id ?? ulid() });
  if (!parsed.success) throw invalid(parsed.error, "invalid subscription");
  await store.db.insertInto("alert_subscription").values(parsed.data).execute();
  return parsed.data;
}

export async function updateSubscription(store: Store, id: string, patch: Partial<Subscription>): Promise<void> {
  const { id: _id, authorityId: _a, ...rest } = patch;
  await store.db.updateTable("alert_subscription").set(rest).where("id", "=", id).execute();
}

/** The live (pending or confirmed) subscription of this address to this target, if any. */
export async function liveSubscription(
  store: Store,
  authorityId: string,
  key: Pick<Subscription, "email" | "target" | "targetKey">,
): Promise<Subscription | undefined> {
  return (await store.db
    .selectFrom("alert_subscription")
    .selectAll()
    .where("authorityId", "=", authorityId)
    .where("email", "=", key.email)
    .where("target", "=", key.target)
    .where("targetKey", "=", key.targetKey)
    .where("status", "in", ["pending", "confirmed"])
    .executeTakeFirst()) as Subscription | undefined;
}

export async function subscriptionByConfirmHash(store: Store, authorityId: string, hash: string): Promise<Subscription | undefined> {
  return (await store.db
    .selectFrom("alert_subscription")
    .selectAll()
    .where("authorityId", "=", authorityId)
    .where("confirmTokenHash", "=", hash)
    .executeTakeFirst()) as Subscription | undefined;
}

export async function subscriptionByUnsubscribeToken(store: Store, authorityId: string, token: string): Promise<Subscription | undefined> {
  return (await store.db
    .selectFrom("alert_subscription")
    .selectAll()
    .where("authorityId", "=", authorityId)
    .where("unsubscribeToken", "=", token)
    .executeTakeFirst()) as Subscription | undefined;
}

export async function confirmedSubscriptions(store: Store, authorityId: string): Promise<Subscription[]> {
  return (await store.db
    .selectFrom("alert_subscription")
    .selectAll()
    .where("authorityId", "=", authorityId)
    .where("status", "=", "confirmed")
    .orderBy("id")
    .execute()) as Subscription[];
}

export async function sentEventKeys(store: Store, subscriptionId: string): Promise<Set<string>> {
  const rows = await store.db.selectFrom("alert_sent").select("eventKey").where("subscriptionId", "=", subscriptionId).execute();
  return new Set(rows.map((r) => r.eventKey));
}

/**
 * Claims events for one subscription before its message is sent: only the keys this call
 * inserted come back, so two workers never send the same alert. `releaseClaims` undoes a
 * claim whose message could not be sent, so the next run tries again.
 */
export async function claimEvents(
  store: Store,
  authorityId: string,
  subscriptionId: string,
  eventKeys: string[],
  at: string,
): Promise<string[]> {
  const out: string[] = [];
  for (const eventKey of eventKeys) {
    const rows = await store.db
      .insertInto("alert_sent")
      .values({ id: ulid(), authorityId, subscriptionId, eventKey, sentAt: at })
      .onConflict((oc) => oc.columns(["subscriptionId", "eventKey"]).doNothing())
      .returning("eventKey")
      .execute();
    if (rows.length) out.push(eventKey);
  }
  return out;
}

export async function releaseClaims(store: Store, subscriptionId: string, eventKeys: string[]): Promise<void> {
  if (!eventKeys.length) return;
  await store.db.deleteFrom("alert_sent").where("subscriptionId", "=", subscriptionId).where("eventKey", "in", eventKeys).execute();
}

/**
 * Counts one attempt under `key` in a fixed window; false once `limit` attempts were made in
 * it. Used to throttle sign-ups per address and per client.
 */
export async function takeSignupSlot(
  store: Store,
  authorityId: string,
  key: string,
  limit: number,
  windowMs: number,
  now: Date,
): Promise<boolean> {
  return store.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("alert_signup_attempt")
      .selectAll()
      .where("authorityId", "=", authorityId)
      .where("key", "=", key)
      .executeTakeFirst();
    const fresh = !row || now.getTime() - Date.parse(row.windowStart) >= windowMs;
    if (row && !fresh && row.count >= limit) return false;
    if (!row)
      await trx
        .insertInto("alert_signup_attempt")
        .values({ id: ulid(), authorityId, key, windowStart: now.toISOString(), count: 1 })
        .onConflict((oc) => oc.columns(["authorityId", "key"]).doUpdateSet({ count: (eb) => eb("alert_signup_attempt.count", "+", 1) }))
        .execute();
    else
      await trx
        .updateTable("alert_signup_attempt")
        .set(fresh ? { windowStart: now.toISOString(), count: 1 } : { count: row.count + 1 })
        .where("id", "=", row.id)
        .execute();
    return true;
  });
}
