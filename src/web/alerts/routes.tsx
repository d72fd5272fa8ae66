import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import { ZodError } from "zod";
import type { App, AppEnv } from "../context.js";
import { MootError, formatZodError } from "../../domain/errors.js";
import { SubscriptionTarget, TARGET_NOUN, type SubscriptionTarget as Target } from "../../domain/subscription.js";
import { listCommittees } from "../../store/queries/committees.js";
import { listPeople } from "../../store/queries/people.js";
import { listWards } from "../../store/queries/alert-events.js";
import { confirmSubscription, subscribe, unsubscribe } from "../../workflow/alerts/subscribe.js";
import { alertDeliveryFor } from "../../workflow/alerts/runner.js";
import { CSRF_FIELD, csrfToken } from "../auth/session.js";
import { page } from "../views/render.js";

/**
 * Email alerts for anyone, no account needed: sign up (double opt-in), confirm from the email,
 * unsubscribe from any message in one click. Every answer is private (never cached), and the
 * sign-up answer is the same whether or not the address was already subscribed.
 */
const PRIVATE = { "Cache-Control": "private, no-store" };

function clientKey(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // app.request() in tests has no socket
  }
}

const siteOf = (c: Context<AppEnv>) => {
  const d = alertDeliveryFor(c.get("store"));
  return { name: c.get("authority").name, url: d?.siteUrl ?? new URL(c.req.url).origin };
};

async function render(c: Context<AppEnv>, title: string, body: unknown, status: 200 | 400 | 404 | 503 | 429 = 200) {
  const res = await page(c, { title, crumbs: [{ href: "/", label: "Home" }] }, body as never, status === 429 ? 400 : status);
  const out = new Response(res.body, { status, headers: res.headers });
  for (const [k, v] of Object.entries(PRIVATE)) out.headers.set(k, v);
  return out;
}

async function signUpPage(c: Context<AppEnv>, values: Record<string, string>, error?: string, status: 200 | 400 | 429 = 200) {
  const store = c.get("store");
  const a = c.get("authority");
  const [committees, people, wards] = await Promise.all([
    listCommittees(store, a.id, 500, 0),
    listPeople(store, a.id, 500, 0),
    listWards(store, a.id),
  ]);
  const q = (k: string) => values[k] ?? c.req.query(k) ?? "";
  const chosen: Target =
    (["committee", "person", "ward", "matter", "search"] as Target[]).find((t) => q(t)) ??
    SubscriptionTarget.safeParse(q("target")).data ??
    "committee";
  const key = q(chosen) || q("targetKey");
  const enabled = !!alertDeliveryFor(store);
  return render(
    c,
    "Email alerts",
    <>
      <h1>Email alerts</h1>
      <p>
        Get an email when an agenda is published, when minutes are published or approved, when a matter you follow moves, or a daily digest.
        We send a link to confirm your address first, and every message has a one-click unsubscribe.
      </p>
      {!enabled && <p class="exempt">Email alerts are not switched on for this site yet.</p>}
      {error && (
        <p class="error" role="alert">
          <strong>Error:</strong> {error}
        </p>
      )}
      <form method="post" action="/alerts">
        <input type="hidden" name={CSRF_FIELD} value={csrfToken(c)} />
        <div class="field">
          <label for="alert-email">Your email address</label>
          <input id="alert-email" name="email" type="email" autocomplete="email" value={values.email ?? ""} required />
        </div>
        <div class="field">
          <label for="alert-target">Alerts about</label>
          <select id="alert-target" name="target">
            {SubscriptionTarget.options
              .filter((t) => t !== "matter" || chosen === "matter")
              .map((t) => (
                <option value={t} selected={t === chosen}>
                  {TARGET_NOUN[t]}
                </option>
              ))}
          </select>
        </div>
        <div class="field">
          <label for="alert-key">Which one (a committee, councillor or ward; or the words to search for)</label>
          <input id="alert-key" name="targetKey" list="alert-choices" value={key} required />
          <datalist id="alert-choices">
            {committees.items.map((x) => (
              <option value={x.slug}>{x.name}</option>
            ))}
            {people.items.map((x) => (
              <option value={x.slug}>{x.name}</option>
            ))}
            {wards.map((w) => (
              <option value={w}>{w}</option>
            ))}
          </datalist>
        </div>
        <div class="field">
          <label for="alert-frequency">How often</label>
          <select id="alert-frequency" name="frequency">
            <option value="immediate" selected={q("frequency") !== "daily"}>
              One email per update
            </option>
            <option value="daily" selected={q("frequency") === "daily"}>
              A daily digest
            </option>
          </select>
        </div>
        <button type="submit">Send me a confirmation link</button>
      </form>
    </>,
    status,
  );
}

export function mountAlerts(app: App): void {
  app.get("/alerts", (c) => signUpPage(c, {}));

  app.post("/alerts", async (c) => {
    const body = await c.req.parseBody();
    const values = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === "string")) as Record<string, string>;
    const store = c.get("store");
    const delivery = alertDeliveryFor(store);
    if (!delivery) return signUpPage(c, values, "email alerts are not switched on for this site", 400);
    try {
      await subscribe(
        store,
        c.get("authority").id,
        {
          email: values.email ?? "",
          target: (values.target ?? "") as Target,
          targetKey: values.targetKey ?? "",
          frequency: values.frequency === "daily" ? "daily" : "immediate",
        },
        {
          mailer: delivery.mailer,
          site: siteOf(c),
          clientKey: clientKey(c),
          defer: (p) => void p.catch((e) => console.error(`moot: confirmation email: ${(e as Error).message}`)),
        },
      );
    } catch (e) {
      if (e instanceof MootError && e.code === "rate_limited") return signUpPage(c, values, e.message, 429);
      if (e instanceof MootError && e.code === "invalid") return signUpPage(c, values, e.message, 400);
      if (e instanceof ZodError) return signUpPage(c, values, formatZodError(e), 400);
      throw e;
    }
    return render(
      c,
      "Check your email",
      <>
        <h1>Check your email</h1>
        <p>
          If {values.email} can receive alerts from us, we have sent it a link to confirm. Nothing is sent until the link is used. The link
          works for a week.
        </p>
      </>,
    );
  });

  app.get("/alerts/confirm/:token", (c) =>
    render(
      c,
      "Confirm your alerts",
      <>
        <h1>Confirm your alerts</h1>
        <form method="post" action={`/alerts/confirm/${c.req.param("token")}`}>
          <input type="hidden" name={CSRF_FIELD} value={csrfToken(c)} />
          <button type="submit">Confirm my email alerts</button>
        </form>
      </>,
    ),
  );

  app.post("/alerts/confirm/:token", async (c) => {
    try {
      const sub = await confirmSubscription(c.get("store"), c.get("authority").id, c.req.param("token"));
      return render(
        c,
        "Alerts confirmed",
        <>
          <h1>Alerts confirmed</h1>
          <p>
            You will get {sub.frequency === "daily" ? "a daily digest" : "an email"} about {sub.label} when there is news. Every message has
            a link to unsubscribe.
          </p>
        </>,
      );
    } catch (e) {
      if (!(e instanceof MootError) || e.code !== "not_found") throw e;
      return render(c, "Link not valid", <p>{e.message}</p>, 404);
    }
  });

  app.get("/alerts/unsubscribe/:token", (c) =>
    render(
      c,
      "Unsubscribe",
      <>
        <h1>Unsubscribe from email alerts</h1>
        <form method="post" action={`/alerts/unsubscribe/${c.req.param("token")}`}>
          <button type="submit">Unsubscribe</button>
        </form>
      </>,
    ),
  );

  // RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" here without a form token;
  // the unguessable token in the address is the only capability needed (see csrfGuard).
  app.post("/alerts/unsubscribe/:token", async (c) => {
    try {
      const r = await unsubscribe(c.get("store"), c.get("authority").id, c.req.param("token"));
      return render(
        c,
        "Unsubscribed",
        <>
          <h1>Unsubscribed</h1>
          <p>You will get no more alerts about {r.label}. Your address has been removed.</p>
        </>,
      );
    } catch (e) {
      if (!(e instanceof MootError) || e.code !== "not_found") throw e;
      return render(c, "Link not valid", <p>{e.message}</p>, 404);
    }
  });
}
