import { PUBLIC } from "../../domain/viewer.js";
import { londonToday } from "../../domain/time.js";
import type { Subscription } from "../../domain/subscription.js";
import type { Store } from "../../store/open.js";
import { meetingDetail, type MeetingDetail } from "../../store/queries/meetings.js";
import { committeesOfPerson, committeesOfWard, publicEventsSince, type AlertEvent } from "../../store/queries/alert-events.js";
import { search } from "../../store/search.js";
import { claimEvents, confirmedSubscriptions, releaseClaims, sentEventKeys, updateSubscription } from "../../store/subscriptions.js";
import type { Mailer } from "./mailer.js";
import { alertMail, digestMail, eventLines, matterLines, type Site } from "./messages.js";
import { matterDetail } from "../../store/queries/matters.js";

export interface AlertRun {
  /** Messages sent: immediate alerts and digests. */
  sent: number;
  failed: number;
}

export interface AlertRunOptions {
  mailer: Mailer;
  site: Site;
  now?: Date;
  /** Send the daily digests due today (the scheduler asks once a day; a second ask sends nothing). */
  digests?: boolean;
  log?: (line: string) => void;
}

/**
 * Sends what confirmed subscribers are owed: one message per event for immediate
 * subscriptions, one digest a day for daily ones. Each event is claimed for a subscription
 * before its message is sent (store/subscriptions.ts), so a repeated or concurrent run never
 * sends it twice, and a failed send is released to be tried again. Unconfirmed addresses are
 * never read here. Message text comes from the public meeting detail only.
 */
export async function runAlerts(store: Store, authorityId: string, opts: AlertRunOptions): Promise<AlertRun> {
  const now = opts.now ?? new Date();
  const run: AlertRun = { sent: 0, failed: 0 };
  const subs = await confirmedSubscriptions(store, authorityId);
  if (!subs.length) return run;
  const earliest = subs.reduce((m, s) => (s.since < m ? s.since : m), subs[0]!.since);
  const events = (await publicEventsSince(store, authorityId, earliest)).filter((e) => e.at <= now.toISOString());
  if (!events.length) return run;
  const details = new Map<string, Promise<MeetingDetail | undefined>>();
  const detail = (id: string) => {
    if (!details.has(id)) details.set(id, meetingDetail(store, authorityId, id, PUBLIC));
    return details.get(id)!;
  };
  const today = londonToday(now);
  const content = async (e: AlertEvent) => {
    if (e.kind === "matter") {
      // Read as the public reads the matter: a step it cannot see sends nothing.
      const m = e.matterId ? await matterDetail(store, authorityId, e.matterId, PUBLIC, today) : undefined;
      const step = m?.steps.find((x) => x.step.id === e.stepId);
      return m && step ? matterLines(opts.site, e, m, step) : null;
    }
    const d = e.meetingId ? await detail(e.meetingId) : undefined;
    return d ? eventLines(opts.site, e, d) : null;
  };
  for (const sub of subs) {
    const relevant = await relevantEvents(store, authorityId, sub, events);
    if (!relevant.length) continue;
    const done = await sentEventKeys(store, sub.id);
    const todo = relevant.filter((e) => !done.has(e.key));
    if (!todo.length) continue;
    if (sub.frequency === "immediate") {
      for (const e of todo) {
        const body = await content(e);
        if (!body) continue;
        const claimed = await claimEvents(store, authorityId, sub.id, [e.key], now.toISOString());
        if (!claimed.length) continue;
        try {
          await opts.mailer.send(alertMail(opts.site, sub, body));
          run.sent++;
        } catch (err) {
          await releaseClaims(store, sub.id, claimed);
          run.failed++;
          opts.log?.(`alert ${e.key} to subscription ${sub.id}: ${(err as Error).message}`);
        }
      }
      continue;
    }
    if (!opts.digests || sub.lastDigestOn === today) continue;
    const bodies: Array<{ key: string; body: { title: string; lines: string[] } }> = [];
    for (const e of todo) {
      const body = await content(e);
      if (body) bodies.push({ key: e.key, body });
    }
    const claimed = await claimEvents(
      store,
      authorityId,
      sub.id,
      bodies.map((b) => b.key),
      now.toISOString(),
    );
    if (!claimed.length) continue;
    try {
      await opts.mailer.send(
        digestMail(
          opts.site,
          sub,
          today,
          bodies.filter((b) => claimed.includes(b.key)).map((b) => b.body),
        ),
      );
      await updateSubscription(store, sub.id, { lastDigestOn: today });
      run.sent++;
    } catch (err) {
      await releaseClaims(store, sub.id, claimed);
      run.failed++;
      opts.log?.(`digest to subscription ${sub.id}: ${(err as Error).message}`);
    }
  }
  return run;
}

/** The events a subscription follows, at or after it was confirmed. */
async function relevantEvents(store: Store, authorityId: string, sub: Subscription, events: AlertEvent[]): Promise<AlertEvent[]> {
  const mine = events.filter((e) => e.at >= sub.since);
  if (!mine.length) return [];
  switch (sub.target) {
    case "committee":
      return mine.filter((e) => e.committeeId === sub.targetKey);
    case "person": {
      const committees = await committeesOfPerson(store, authorityId, sub.targetKey);
      return mine.filter((e) => e.committeeId !== null && committees.has(e.committeeId));
    }
    case "ward": {
      const committees = await committeesOfWard(store, authorityId, sub.targetKey);
      return mine.filter((e) => e.committeeId !== null && committees.has(e.committeeId));
    }
    case "matter":
      return mine.filter((e) => e.matterId === sub.targetKey);
    case "search": {
      // The public search decides: a meeting matches when the words find something public in it.
      const hits = await search(store, authorityId, sub.targetKey, { limit: 100 }, PUBLIC);
      const meetings = new Set(hits.map((h) => h.meetingId).filter((x): x is string => x !== null));
      return mine.filter((e) => e.meetingId !== null && meetings.has(e.meetingId));
    }
  }
}
