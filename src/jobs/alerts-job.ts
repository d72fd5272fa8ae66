import type PgBoss from "pg-boss";
import type { Store } from "../store/open.js";
import { runAllAlerts, setAlertDelivery, startAlertRunner } from "../workflow/alerts/runner.js";
import { ALERT_QUEUES, databaseUrlOf, openQueue } from "./queue.js";
import { mailerFromEnv } from "../workflow/alerts/mailer.js";

/**
 * Email alerts as queued work on PostgreSQL: pg-boss runs `moot-alerts` every minute and
 * `moot-alerts-digest` once a day at 07:00 London; any `moot worker` takes them. A run is
 * idempotent (each alert is claimed before it is sent), so overlapping workers are harmless.
 * Their queues are set up with the others, by openQueue.
 */
export { ALERT_QUEUES };

export async function scheduleAlerts(boss: PgBoss): Promise<void> {
  await boss.schedule(ALERT_QUEUES.run, "* * * * *", {});
  await boss.schedule(ALERT_QUEUES.digest, "0 7 * * *", {}, { tz: "Europe/London" });
}

/** Registers the alert handlers on a worker; without SMTP_URL alerts are off and nothing is registered. */
export async function workAlerts(
  store: Store,
  boss: PgBoss,
  log: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const mailer = mailerFromEnv("Moot", env);
  if (!mailer) return;
  await scheduleAlerts(boss);
  const siteFor = (a: { name: string; website: string | null }) => ({
    name: a.name,
    url: env.MOOT_PUBLIC_URL || a.website || "http://localhost:3000",
  });
  for (const [name, digests] of [
    [ALERT_QUEUES.run, false],
    [ALERT_QUEUES.digest, true],
  ] as const) {
    await boss.work(name, { batchSize: 1, pollingIntervalSeconds: 5 }, async () => {
      const r = await runAllAlerts(store, mailer, siteFor, { digests, log });
      if (r.sent || r.failed) log(`${name}: ${r.sent} sent, ${r.failed} failed`);
    });
  }
}

/**
 * What `moot serve` runs for alerts: nothing without SMTP_URL; on embedded SQLite the
 * in-process runner; on PostgreSQL a delivery whose kicks queue a run for the workers.
 */
export async function startAlertsForServer(
  store: Store,
  serverUrl: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ stop(): Promise<void> } | null> {
  const mailer = mailerFromEnv("Moot", env);
  if (!mailer) return null;
  const siteUrl = env.MOOT_PUBLIC_URL || serverUrl;
  if (store.dialect.name === "sqlite") {
    const runner = startAlertRunner(store, { mailer, siteUrl, log: (l) => console.error(`moot: ${l}`) });
    runner.kick();
    return { stop: async () => (await runner.stop(), mailer.close()) };
  }
  const boss = await openQueue(databaseUrlOf(store, env.DATABASE_URL));
  await scheduleAlerts(boss);
  setAlertDelivery(store, {
    mailer,
    siteUrl,
    kick: () => void boss.send(ALERT_QUEUES.run, {}, { singletonKey: "kick", singletonSeconds: 5 }).catch(() => undefined),
  });
  return {
    stop: async () => {
      setAlertDelivery(store, null);
      await boss.stop({ graceful: true });
      mailer.close();
    },
  };
}
