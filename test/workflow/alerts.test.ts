import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Scope } from "../../src/store/records.js";
import { createMeeting } from "../../src/workflow/meetings.js";
import { addAgendaItem, startAgenda } from "../../src/workflow/agenda.js";
import { publishAgenda } from "../../src/workflow/publication.js";
import { smtpMailer, type Mailer } from "../../src/workflow/alerts/mailer.js";
import { confirmSubscription, subscribe } from "../../src/workflow/alerts/subscribe.js";
import { runAlerts } from "../../src/workflow/alerts/deliver.js";
import { setAlertDelivery } from "../../src/workflow/alerts/runner.js";
import { createApp } from "../../src/web/app.js";
import { meetingDetail } from "../../src/store/queries/meetings.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { buildWebFixture, markExempt, SECRETS, type WebFixture } from "../support/web-fixtures.js";
import { EditorClient } from "../support/editor-client.js";
import { linkIn, startSmtp, type Received } from "../support/smtp.js";

/** Text a message could carry an exempt passage in: headers, text and HTML. */
const everything = (m: Received) => `${m.subject}\n${m.raw}\n${m.text}\n${m.html}`.toLowerCase();
/** A unique word in each new agenda's exempt item, never in a title. */
const AGENDA_SECRET = "capybaraconsideration";

const inDays = (n: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

for (const dialect of DIALECTS) {
  describe(`${dialect}: email alerts over real SMTP`, () => {
    let store: TestStore;
    let f: WebFixture;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let mailer: Mailer;
    let s: Scope;
    const site = { name: "Borchester Borough Council", url: "http://moot.test" };
    const ctx = () => ({ mailer, site, clientKey: "203.0.113.7" });
    const run = (digests = false) => runAlerts(store, f.authorityId, { mailer, site, digests });
    const to = (addr: string) => smtp.messages.filter((m) => m.to.includes(addr));
    let nextDay = 40;
    /** A new Cabinet meeting whose agenda the clerk publishes now, with one exempt item. */
    const publishNewAgenda = async (committeeId = f.committees.cabinet.id) => {
      const m = await createMeeting(s, { committeeId, localDate: inDays(nextDay++), localTime: "18:00" });
      await startAgenda(s, m.id);
      await addAgendaItem(s, m.id, { title: "Town centre parking review" });
      await addAgendaItem(s, m.id, { title: "Land at Mill Lane", description: `Bids including ${AGENDA_SECRET}.`, exemptParagraph: 3 });
      await publishAgenda(s, m.id);
      return m;
    };

    beforeAll(async () => {
      store = await freshStore(dialect);
      f = await buildWebFixture(store);
      await markExempt(store, f);
      s = new Scope(store, f.authorityId, "clerk");
      smtp = await startSmtp();
      mailer = smtpMailer(smtp.url, "alerts@borchester.example");
    });
    afterAll(async () => {
      mailer?.close();
      await smtp?.close();
      await store?.cleanup();
    });

    it("sends a confirmation, and nothing else to an address until it is confirmed", async () => {
      await subscribe(store, f.authorityId, { email: "Resident@Example.org", target: "committee", targetKey: "cabinet" }, ctx());
      const [confirm] = await smtp.waitFor(1);
      expect(confirm!.to).toEqual(["resident@example.org"]);
      expect(confirm!.subject).toBe("Confirm your alerts about Cabinet");
      expect(confirm!.text).toContain("nothing will be sent to you unless the link is used");
      await publishNewAgenda();
      expect(await run(true)).toEqual({ sent: 0, failed: 0 });
      expect(smtp.messages).toHaveLength(1);
    });

    it("once confirmed: one alert per event, saying why, with one-click unsubscribe", async () => {
      const token = linkIn(to("resident@example.org")[0]!.text, "confirm").split("/").pop()!;
      await confirmSubscription(store, f.authorityId, token);
      // the agenda published before confirmation is not sent afterwards
      expect((await run()).sent).toBe(0);
      const m = await publishNewAgenda();
      await publishNewAgenda(f.committees.scrutiny.id); // another committee: not followed
      expect(await run()).toEqual({ sent: 1, failed: 0 });
      expect(await run()).toEqual({ sent: 0, failed: 0 });
      const alerts = to("resident@example.org").slice(1);
      expect(alerts).toHaveLength(1);
      const alert = alerts[0]!;
      expect(alert.subject).toMatch(/^Agenda published: Cabinet, /);
      expect(alert.text).toContain("1. Apologies for absence");
      expect(alert.text).toContain("Town centre parking review");
      expect(alert.text).toContain("Land at Mill Lane (not for publication)");
      expect(alert.text).toContain(`http://moot.test/meetings/${m.id}`);
      expect(alert.text).toContain("You are getting this because resident@example.org subscribed to alerts about Cabinet (committee)");
      const unsubscribe = linkIn(alert.text, "unsubscribe");
      const raw = alert.raw.replace(/\r?\n[ \t]+/g, " ");
      expect(raw).toMatch(new RegExp(`^List-Unsubscribe: <${unsubscribe}>\r?$`, "m"));
      expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    });

    it("approved minutes are an event too; exempt decisions appear only as their notice", async () => {
      const minutes = await s.list("minute", { meetingId: f.meetings.summer });
      // Approval counts from now: the fixture's minutes are approved today.
      for (const mi of minutes) await s.update("minute", mi.id, { status: "approved", approvedAt: new Date().toISOString() });
      expect((await run()).sent).toBe(1);
      const mail = to("resident@example.org").at(-1)!;
      expect(mail.subject).toMatch(/^Minutes approved: Cabinet, Monday 14 July 2025/);
      expect(mail.text).toContain("that the new mobile library timetable be approved");
      expect(mail.text).toContain("Exempt under paragraph 3 of Schedule 12A");
    });

    it("a daily digest gathers the day's events into one message, once a day", async () => {
      await subscribe(
        store,
        f.authorityId,
        { email: "digest@example.org", target: "committee", targetKey: "cabinet", frequency: "daily" },
        ctx(),
      );
      const [confirm] = await smtp.waitFor(smtp.messages.length).then(() => to("digest@example.org"));
      await confirmSubscription(store, f.authorityId, linkIn(confirm!.text, "confirm").split("/").pop()!);
      await publishNewAgenda();
      await publishNewAgenda();
      await run(false); // digests go only when the day's run asks for them
      expect(to("digest@example.org")).toHaveLength(1);
      await run(true);
      await run(true);
      const digests = to("digest@example.org").slice(1);
      expect(digests).toHaveLength(1);
      expect(digests[0]!.subject).toBe("Daily digest: Cabinet (2 updates)");
      expect(digests[0]!.text.match(/Agenda published: Cabinet/g)).toHaveLength(2);
      expect(digests[0]!.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    });

    it("one-click unsubscribe (RFC 8058 POST, no form token) stops the alerts and forgets the address", async () => {
      const app = createApp(store);
      const link = linkIn(to("resident@example.org").at(-1)!.text, "unsubscribe");
      const path = new URL(link).pathname;
      const bad = await app.request(`${path.slice(0, -4)}AAAA`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      });
      expect(bad.status).toBe(404);
      const res = await app.request(path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("You will get no more alerts about Cabinet");
      const before = to("resident@example.org").length;
      await publishNewAgenda();
      await run();
      expect(to("resident@example.org")).toHaveLength(before);
      const stored = await store.db.selectFrom("alert_subscription").select(["email", "status"]).where("label", "=", "Cabinet").execute();
      expect(stored.filter((x) => x.status === "unsubscribed").map((x) => x.email)).toEqual([""]);
    });

    it("sign-up through the site answers alike for new, pending and subscribed addresses, and is throttled", async () => {
      const app = createApp(store);
      setAlertDelivery(store, { mailer, siteUrl: "http://moot.test", kick: () => undefined });
      try {
        const client = new EditorClient(app);
        const signUp = async (email: string) => {
          const res = await client.post("/alerts", { email, target: "committee", targetKey: "cabinet" });
          return {
            status: res.status,
            text: (await res.text()).replace(new RegExp(email.replace(/[.]/g, "\\."), "g"), "EMAIL").replace(/value="[^"]*"/g, ""),
          };
        };
        const fresh = await signUp("new@example.org");
        const pending = await signUp("new@example.org");
        const confirmed = await signUp("digest@example.org");
        expect(fresh.status).toBe(200);
        expect(pending).toEqual(fresh);
        expect(confirmed).toEqual(fresh);
        // the confirmed address got no new mail; the pending one got a fresh link each time
        await smtp.waitFor(smtp.messages.length);
        expect(to("digest@example.org").filter((m) => m.subject.startsWith("Confirm"))).toHaveLength(1);
        const bad = await client.post("/alerts", { email: "not an address", target: "committee", targetKey: "cabinet" });
        expect(bad.status).toBe(400);
        expect(await bad.text()).toContain("enter an email address");
        let last = 200;
        for (let i = 0; i < 12 && last !== 429; i++)
          last = (await client.post("/alerts", { email: `n${i}@example.org`, target: "committee", targetKey: "cabinet" })).status;
        expect(last).toBe(429);
      } finally {
        setAlertDelivery(store, null);
      }
    });

    it("no message carries exempt or unpublished text", async () => {
      expect(smtp.messages.length).toBeGreaterThan(5);
      // The secrets are there to leak: a clerk reading the same meetings sees them.
      const agendas = await s.list("meeting", { committeeId: f.committees.cabinet.id });
      const clerkView = await Promise.all(agendas.map((m) => meetingDetail(store, f.authorityId, m.id, { kind: "clerk" })));
      expect(JSON.stringify(clerkView)).toContain(AGENDA_SECRET);
      expect(JSON.stringify(clerkView)).toContain(SECRETS.decisionText);
      const secrets = [...Object.values(SECRETS), AGENDA_SECRET].map((x) => x.toLowerCase());
      for (const m of smtp.messages) for (const secret of secrets) expect(everything(m), `${m.subject}`).not.toContain(secret);
    });
  });
}
