import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Scope } from "../../src/store/records.js";
import { publishMinutes } from "../../src/workflow/publication.js";
import { smtpMailer, type Mailer } from "../../src/workflow/alerts/mailer.js";
import { confirmSubscription, subscribe } from "../../src/workflow/alerts/subscribe.js";
import { runAlerts } from "../../src/workflow/alerts/deliver.js";
import { callIn, linkStep, startCallIn } from "../../src/workflow/matters.js";
import { londonToday } from "../../src/domain/time.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { buildWebFixture, DRAFT_SECRETS, markExempt, SECRETS, type WebFixture } from "../support/web-fixtures.js";
import { addMatters, MATTER_DRAFT_SECRETS, MATTER_SECRETS, type MatterFixture } from "../support/matter-fixtures.js";
import { linkIn, startSmtp, type Received } from "../support/smtp.js";

const everything = (m: Received) => `${m.subject}\n${m.raw}\n${m.text}\n${m.html}`.toLowerCase();

/**
 * Alerts about a followed matter (one message each time it moves or a decision in it is called
 * in) and about draft minutes published ahead of approval, over a real SMTP server. Nothing
 * from an unpublished meeting or an exempt item reaches a message.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: matter and draft-minutes alerts`, () => {
    let store: TestStore;
    let f: WebFixture;
    let m: MatterFixture;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let mailer: Mailer;
    let s: Scope;
    const site = { name: "Borchester Borough Council", url: "http://moot.test" };
    const ctx = () => ({ mailer, site, clientKey: "203.0.113.9" });
    const run = () => runAlerts(store, f.authorityId, { mailer, site });
    const to = (addr: string) => smtp.messages.filter((x) => x.to.includes(addr));
    const follow = async (email: string, target: "matter" | "committee", targetKey: string) => {
      const before = smtp.messages.length;
      await subscribe(store, f.authorityId, { email, target, targetKey }, ctx());
      await smtp.waitFor(before + 1);
      await confirmSubscription(store, f.authorityId, linkIn(to(email).at(-1)!.text, "confirm").split("/").pop()!);
    };
    const sent = async (n: number) => {
      const before = smtp.messages.length;
      expect((await run()).sent).toBe(n);
      if (n) await smtp.waitFor(before + n);
    };

    beforeAll(async () => {
      store = await freshStore(dialect);
      f = await buildWebFixture(store);
      m = await addMatters(store, f);
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

    it("only a matter the public can see can be followed", async () => {
      // (The planned key decision's notice date has passed on the real clock, so it is public here.)
      for (const key of [m.draft, "no-such-matter"])
        await expect(subscribe(store, f.authorityId, { email: "x@example.org", target: "matter", targetKey: key }, ctx())).rejects.toThrow(
          "there is no such matter",
        );
      await follow("follower@example.org", "matter", m.library);
      expect(to("follower@example.org")[0]!.subject).toBe("Confirm your alerts about 25/00101: Library Services Review");
      await sent(0); // its history before confirmation is not news
    });

    it("one message when the matter moves; a step at an unpublished meeting waits for publication", async () => {
      await linkStep(s, m.library, { agendaItemId: f.items.apologies, note: "Returned to Cabinet" });
      await sent(1);
      const moved = to("follower@example.org").at(-1)!;
      expect(moved.subject).toBe("Matter moved: 25/00101: Library Services Review");
      expect(moved.text).toContain("Cabinet, Monday 14 July 2025, 6:30pm, item 1: Apologies for absence");
      expect(moved.text).toContain(`http://moot.test/matters/${m.library}`);
      expect(moved.text).toContain("(matter)");
      await sent(0);
      await linkStep(s, m.library, { agendaItemId: f.items.draft });
      await sent(0);
      await s.update("meeting", f.meetings.draftAgenda, { agendaPublishedAt: new Date().toISOString() });
      await sent(1);
      expect(to("follower@example.org").at(-1)!.text).toContain(DRAFT_SECRETS.draftItemTitle);
    });

    it("a call-in is news; an exempt decision's call-in is not sent, nor its reason", async () => {
      await startCallIn(s, f.decisions.library, londonToday());
      await callIn(s, f.decisions.library, "Five members asked for scrutiny of the timetable");
      await sent(1);
      const mail = to("follower@example.org").at(-1)!;
      expect(mail.subject).toBe("Decision called in: 25/00101: Library Services Review");
      expect(mail.text).toContain("Reason: Five members asked for scrutiny of the timetable");
      await follow("depot@example.org", "matter", m.depot);
      await linkStep(s, m.depot, { agendaItemId: f.items.exempt });
      await s.update("decision", f.decisions.exempt, { calledInAt: new Date().toISOString() });
      await sent(1); // the exempt item's step, by number and title only
      const depot = to("depot@example.org").at(-1)!;
      expect(depot.text).toContain("item 4: Sale of the Old Depot");
      for (const secret of [...Object.values(SECRETS), ...Object.values(MATTER_SECRETS)])
        expect(everything(depot)).not.toContain(secret.toLowerCase());
    });

    it("draft minutes published ahead of approval are an event; approval is another", async () => {
      await follow("scrutiny@example.org", "committee", f.committees.scrutiny.id);
      await sent(0);
      await publishMinutes(s, f.meetings.draftMinutes);
      // The follower of the library matter hears too: its draft-minutes step is now public.
      await sent(2);
      const draft = to("scrutiny@example.org").at(-1)!;
      expect(draft.subject).toMatch(/^Draft minutes published: Children's Scrutiny Committee/);
      expect(draft.text).toContain(DRAFT_SECRETS.draftDecision);
      const step = to("follower@example.org").at(-1)!;
      expect(step.text).toContain(MATTER_DRAFT_SECRETS.draftStepNote);
      for (const mi of await s.list("minute", { meetingId: f.meetings.draftMinutes }))
        await s.update("minute", mi.id, { status: "approved", approvedAt: new Date().toISOString() });
      await sent(1);
      expect(to("scrutiny@example.org").at(-1)!.subject).toMatch(/^Minutes approved: /);
      for (const msg of smtp.messages)
        for (const secret of Object.values(SECRETS)) expect(everything(msg), msg.subject).not.toContain(secret.toLowerCase());
    });
  });
}
