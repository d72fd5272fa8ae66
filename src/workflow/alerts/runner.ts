import { instantToLondon } from "../../domain/time.js";
import { listAuthorities } from "../../store/authorities.js";
import type { Store } from "../../store/open.js";
import { runAlerts, type AlertRun } from "./deliver.js";
import type { Mailer } from "./mailer.js";
import type { Site } from "./messages.js";

/** Daily digests go out at the first run after this London hour. */
export const DIGEST_HOUR = 7;

/**
 * Alert delivery for one store: the mailer, the site's address for links, and how to ask for
 * a run soon (`kick`: in-process on embedded SQLite; a queued job on PostgreSQL). The server
 * registers it; the web's sign-up and the editor's writes look it up.
 */
export interface AlertDelivery {
  mailer: Mailer;
  /** The public site's origin; null to use the address each request came in on. */
  siteUrl: string | null;
  kick(): void;
}

const registry = new WeakMap<Store, AlertDelivery>();
export const setAlertDelivery = (store: Store, d: AlertDelivery | null) => (d ? registry.set(store, d) : registry.delete(store));
export const alertDeliveryFor = (store: Store): AlertDelivery | undefined => registry.get(store);

/** Runs alerts for every authority in the store; digests when `digests` is set. */
export async function runAllAlerts(
  store: Store,
  mailer: Mailer,
  siteFor: (authority: { name: string; website: string | null }) => Site,
  opts: { now?: Date; digests?: boolean; log?: (l: string) => void } = {},
): Promise<AlertRun> {
  const total: AlertRun = { sent: 0, failed: 0 };
  for (const a of await listAuthorities(store)) {
    const r = await runAlerts(store, a.id, { mailer, site: siteFor(a), ...opts });
    total.sent += r.sent;
    total.failed += r.failed;
  }
  return total;
}

/**
 * The in-process runner of embedded mode: runs after each kick (one run at a time; kicks
 * during a run fold into one more run) and every `intervalMs`; digests once a day after
 * DIGEST_HOUR. `idle()` resolves when no run is pending, for tests and shutdown.
 */
export function startAlertRunner(
  store: Store,
  opts: { mailer: Mailer; siteUrl: string; siteName?: string; intervalMs?: number; log?: (l: string) => void },
): AlertDelivery & { idle(): Promise<void>; stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const site = (a: { name: string }) => ({ name: opts.siteName ?? a.name, url: opts.siteUrl });
  const once = async () => {
    const now = new Date();
    const { time } = instantToLondon(now);
    await runAllAlerts(store, opts.mailer, site, { now, digests: Number(time.slice(0, 2)) >= DIGEST_HOUR, log: opts.log });
  };
  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await once().catch((e) => opts.log?.(`alerts: ${(e as Error).message}`));
      } while (again && !stopped);
      running = null;
    })();
  };
  const timer = setInterval(kick, opts.intervalMs ?? 60_000);
  timer.unref();
  const delivery = {
    mailer: opts.mailer,
    siteUrl: opts.siteUrl,
    kick,
    idle: async () => {
      while (running) await running;
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      while (running) await running;
      setAlertDelivery(store, null);
    },
  };
  setAlertDelivery(store, delivery);
  return delivery;
}
