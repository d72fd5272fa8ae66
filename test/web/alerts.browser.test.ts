import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startServer } from "../../src/web/server.js";
import { Scope } from "../../src/store/records.js";
import { createMeeting } from "../../src/workflow/meetings.js";
import { addAgendaItem, startAgenda } from "../../src/workflow/agenda.js";
import { smtpMailer, type Mailer } from "../../src/workflow/alerts/mailer.js";
import { startAlertRunner } from "../../src/workflow/alerts/runner.js";
import { freshStore, type TestStore } from "../support/stores.js";
import { buildEditorFixture, daysFromToday, PASSWORD, type EditorFixture } from "../support/editor-fixture.js";
import { linkIn, startSmtp } from "../support/smtp.js";
import { type ChromiumSession, launchChromium } from "../support/chromium.js";

/**
 * A resident follows a committee by email in Chromium (no JavaScript), confirms from the real
 * message on a real SMTP server, gets the agenda alert when the clerk publishes through the
 * editor, and unsubscribes from the link in that alert.
 */
describe("email alerts in Chromium", () => {
  let store: TestStore;
  let f: EditorFixture;
  let server: Awaited<ReturnType<typeof startServer>>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let mailer: Mailer;
  let runner: ReturnType<typeof startAlertRunner>;
  let resident: ChromiumSession;
  let clerk: ChromiumSession;
  let page: Page;
  let meetingId = "";
  let nextMeetingId = "";
  const RESIDENT = "jazzer@example.org";

  beforeAll(async () => {
    store = await freshStore("sqlite");
    f = await buildEditorFixture(store);
    const s = new Scope(store, f.authorityId, "fixture");
    for (const days of [40, 70]) {
      const m = await createMeeting(s, { committeeId: f.committees.scrutiny.id, localDate: daysFromToday(days), localTime: "18:00" });
      await startAgenda(s, m.id);
      await addAgendaItem(s, m.id, { title: "Bus services in the Am valley" });
      if (meetingId) nextMeetingId = m.id;
      else meetingId = m.id;
    }
    smtp = await startSmtp();
    mailer = smtpMailer(smtp.url, "alerts@ambridge.example");
    server = await startServer(store, { port: 0 });
    // The interval is long: every run here comes from the clerk's action (the editor's kick).
    runner = startAlertRunner(store, { mailer, siteUrl: server.url, intervalMs: 3_600_000 });
    // Two browsers, so the resident's and the clerk's sessions never share a cookie.
    resident = await launchChromium({ javaScriptEnabled: false });
    clerk = await launchChromium({ javaScriptEnabled: false });
    page = resident.page;
  });
  afterAll(async () => {
    await resident?.close();
    await clerk?.close();
    await runner?.stop();
    mailer?.close();
    await server?.close();
    await smtp?.close();
    await store?.cleanup();
  });

  it("a resident signs up from the committee page and confirms from the email", async () => {
    await page.goto(`${server.url}/committees/overview-scrutiny`);
    await page.getByRole("link", { name: "Get email alerts about this committee" }).click();
    await page.getByLabel("Your email address").fill(RESIDENT);
    await page.getByRole("button", { name: "Send me a confirmation link" }).click();
    expect(await page.locator("h1").textContent()).toBe("Check your email");
    const [confirmation] = await smtp.waitFor(1);
    expect(confirmation!.to).toEqual([RESIDENT]);
    expect(confirmation!.subject).toBe("Confirm your alerts about Overview and Scrutiny Committee");
    await page.goto(linkIn(confirmation!.text, "confirm"));
    await page.getByRole("button", { name: "Confirm my email alerts" }).click();
    expect(await page.locator("h1").textContent()).toBe("Alerts confirmed");
  });

  it("the clerk publishes the agenda and the resident gets one alert", async () => {
    const cp = clerk.page;
    await cp.goto(`${server.url}/sign-in`);
    await cp.getByLabel("Username").fill("clerk");
    await cp.getByLabel("Password").fill(PASSWORD);
    await cp.getByRole("button", { name: "Sign in" }).click();
    // Publishing lives on the meeting's agenda section and is confirmed by a box the server checks.
    await cp.goto(`${server.url}/editor/meetings/${meetingId}/agenda`);
    await cp.getByLabel("Publish the agenda and its papers to the public now").check();
    await cp.getByRole("button", { name: "Publish the agenda" }).click();
    expect(await cp.locator("[role=status]").textContent()).toContain("The agenda and its papers are published.");
    const all = await smtp.waitFor(2);
    await runner.idle();
    const alert = all[1]!;
    expect(alert.to).toEqual([RESIDENT]);
    expect(alert.subject).toMatch(/^Agenda published: Overview and Scrutiny Committee, /);
    expect(alert.text).toContain("Bus services in the Am valley");
    expect(alert.text).toContain(`${server.url}/meetings/${meetingId}`);
    expect(alert.text).toContain(`You are getting this because ${RESIDENT} subscribed`);
    expect(smtp.messages).toHaveLength(2);
  });

  it("the resident unsubscribes from the link in the alert, and hears nothing more", async () => {
    await page.goto(linkIn(smtp.messages[1]!.text, "unsubscribe"));
    await page.getByRole("button", { name: "Unsubscribe" }).click();
    expect(await page.locator("h1").textContent()).toBe("Unsubscribed");
    const cp = clerk.page;
    // Publishing lives on the meeting's agenda section and is confirmed by a box the server checks.
    await cp.goto(`${server.url}/editor/meetings/${nextMeetingId}/agenda`);
    await cp.getByLabel("Publish the agenda and its papers to the public now").check();
    await cp.getByRole("button", { name: "Publish the agenda" }).click();
    expect(await cp.locator("[role=status]").textContent()).toContain("The agenda and its papers are published.");
    await runner.idle();
    expect(smtp.messages).toHaveLength(2);
  });
});
