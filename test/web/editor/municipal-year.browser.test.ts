import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { startServer } from "../../../src/web/server.js";
import { Scope } from "../../../src/store/records.js";
import { freshStore, type TestStore } from "../../support/stores.js";
import { buildEditorFixture, PASSWORD, type EditorFixture } from "../../support/editor-fixture.js";
import { type ChromiumSession, launchChromium } from "../../support/chromium.js";

const WIDTHS = [1280, 390] as const;
/** Screenshots go outside the repository: MOOT_SCREENSHOTS, or a directory under the system temp dir. */
const SHOTS = process.env.MOOT_SCREENSHOTS ?? join(tmpdir(), "moot-municipal-year-screenshots");

/**
 * A municipal year as the clerk, in Chromium against the real server and a real SQLite file,
 * with the server's clock moved on through the year: three meetings of a committee (one
 * called at short notice, one adjourned and reconvened), minuted with several substitutes and
 * officers, approved at the next meeting, a minute corrected, and the actions tracked to
 * completion. Every editor page on the way is photographed at desktop and phone widths,
 * checked by axe and for horizontal overflow at 390 px, and must log nothing to the console
 * (a blocked inline style is logged as an error).
 *
 * The committee and its members are created through the store: the editor's committee and
 * people pages are being built alongside this.
 */
describe("a municipal year as the clerk, in Chromium", () => {
  let store: TestStore;
  let f: EditorFixture;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: ChromiumSession;
  let page: Page;
  let clock = new Date("2026-05-20T09:00:00Z");
  const checked = new Map<string, string>();
  const consoleErrors: string[] = [];
  let committeeId = "";
  const meetings: string[] = [];

  const status = () => page.locator("[role=status]").textContent();
  const at = (iso: string) => {
    clock = new Date(iso);
  };
  const path = () => new URL(page.url()).pathname;

  /** Screenshot at both widths, axe, and the phone layout check, once per kind of editor page. */
  async function check(kind: string) {
    if (checked.has(kind)) return;
    checked.set(kind, path());
    const problems: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(SHOTS, `${kind}-${width}.png`), fullPage: true });
      const axe = await new AxeBuilder({ page }).analyze();
      for (const v of axe.violations) problems.push(`${width}px ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) problems.push(`${width}px: ${overflow}px wider than the screen`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(problems, `${kind} (${path()})`).toEqual([]);
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    store = await freshStore("sqlite");
    f = await buildEditorFixture(store);
    const s = new Scope(store, f.authorityId, "fixture");
    const committee = await s.create("committee", {
      slug: "environment",
      name: "Environment Committee",
      kind: "other",
      minuteScheme: { pattern: "EN{n}/{YY}", resetEach: "municipal-year" },
    });
    committeeId = committee.id;
    const person = (slug: string, name: string, kind: "councillor" | "officer" = "councillor", post: string | null = null) =>
      s.create("person", { slug, name, kind, post, honorific: kind === "councillor" ? "Cllr" : null });
    const seat = (personId: string, role: "chair" | "member") =>
      s.create("membership", { personId, committeeId, role, kind: "councillor", fromDate: "2026-05-14" });
    await seat(f.people.chair.id, "chair");
    await seat(f.people.member.id, "member");
    const shula = await person("shula-hebden", "Shula Hebden");
    await seat(shula.id, "member");
    await person("brian-aldridge", "Brian Aldridge");
    await person("kenton-archer", "Kenton Archer");
    await person("alan-franks", "Alan Franks", "officer", "Head of Environment");
    server = await startServer(store, { port: 0, now: () => clock });
    browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
    page = browser.page;
    page.on("console", (m) => {
      // Refused forms answer 4xx on purpose (and the browser asks for a favicon); what must never
      // appear is anything else, such as a style the content security policy blocked.
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) consoleErrors.push(`${path()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => consoleErrors.push(`${path()}: ${e.message}`));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.cleanup();
    console.log(`municipal-year screenshots: ${SHOTS} (${checked.size} pages at ${WIDTHS.join(" and ")} px)`);
  });

  async function createMeeting(localDate: string, localTime: string) {
    await page.goto(`${server.url}/editor/meetings/new`);
    await check("meeting-new");
    await page.getByLabel("Committee").selectOption(committeeId);
    await page.getByLabel("Date", { exact: true }).fill(localDate);
    await page.getByLabel("Start time (24-hour, e.g. 18:30)").fill(localTime);
    await page.getByLabel("Venue").fill("Council Chamber, Borchester");
    await page.getByRole("button", { name: "Create meeting" }).click();
    expect(await status()).toContain("Meeting created");
    meetings.push(path().split("/")[3]);
    await check("meeting-details");
    await page.getByRole("link", { name: "Agenda and publication" }).click();
    await page.getByRole("button", { name: "Start from the standing items" }).click();
    expect(await status()).toContain("5 standing items");
  }

  async function addItem(title: string) {
    const add = page.locator(`form[action$="/agenda/items"]`);
    await add.getByLabel("Title").fill(title);
    await add.getByLabel("Kind").selectOption("decision");
    await add.getByRole("button", { name: "Add the item" }).click();
    expect(await status()).toContain(title);
  }

  async function attendance(meetingId: string, subs: Array<[string, string]>) {
    await page.goto(`${server.url}/editor/meetings/${meetingId}/attendance`);
    await page.getByLabel("Jill Archer").selectOption("present");
    await page.getByLabel("Tom Forrest").selectOption("apologies");
    await page.getByLabel("Shula Hebden").selectOption("apologies");
    for (const [n, [sub, forWhom]] of subs.entries()) {
      await page.getByLabel(`Substitute ${n + 1}`, { exact: true }).selectOption({ label: sub });
      await page.getByLabel(`Substitute ${n + 1} stands in for`).selectOption({ label: forWhom });
    }
    await page.getByLabel("Usha Franks").check();
    await page.getByLabel("Alan Franks, Head of Environment").check();
    await page.getByRole("button", { name: "Save attendance" }).click();
    expect(await status()).toContain(`Attendance saved (${3 + subs.length + 2} people)`);
    await check("meeting-attendance");
  }

  async function minute(meetingId: string, title: string, text: string, decision: string, actions: Array<[string, string, string]>) {
    await page.goto(`${server.url}/editor/meetings/${meetingId}/minutes`);
    if (await page.getByRole("button", { name: "Draft minutes from the agenda" }).count())
      await page.getByRole("button", { name: "Draft minutes from the agenda" }).click();
    await check("meeting-minutes");
    await page
      .locator("li.minute", { hasText: title })
      .getByRole("link", { name: /^Edit minute/ })
      .click();
    await check("minute-edit");
    await page.getByLabel(/^Minute .* text$/).fill(text);
    await page.getByRole("button", { name: /^Save minute/ }).click();
    expect(await status()).toMatch(/^Saved minute EN\d+\/26/);
    await page.getByLabel(/^Decision under/).fill(decision);
    const [first, second] = actions;
    if (first) {
      await page.getByLabel("Action arising (optional)").fill(first[0]);
      await page.getByLabel("Action owner", { exact: true }).fill(first[1]);
      await page.getByLabel("Action due", { exact: true }).fill(first[2]);
    }
    if (second) {
      await page.getByLabel("Second action (optional)").fill(second[0]);
      await page.getByLabel("Second action owner").fill(second[1]);
      await page.getByLabel("Second action due").fill(second[2]);
    }
    await page.getByRole("button", { name: "Record the decision" }).click();
    expect(await status()).toContain(`Decision recorded with ${actions.length} action`);
  }

  async function markHeld(meetingId: string) {
    await page.goto(`${server.url}/editor/meetings/${meetingId}`);
    const button = page.getByRole("button", { name: "Mark the meeting held" });
    expect(await button.getAttribute("class")).toBe("irreversible");
    await page.getByLabel("The meeting has taken place and concluded").check();
    await button.click();
    expect(await status()).toContain("The meeting is marked held.");
    expect(await page.locator("main p").filter({ hasText: "Status:" }).first().textContent()).toContain("Status: held");
  }

  async function approvePrevious(meetingId: string, count: RegExp) {
    await page.goto(`${server.url}/editor/meetings/${meetingId}/minutes`);
    await page.getByLabel(/^The committee approved the minutes of/).check();
    await page.getByRole("button", { name: /^Approve the minutes of/ }).click();
    expect(await status()).toMatch(count);
  }

  it("signs in as the clerk, who can reach the registers of interests", async () => {
    await page.goto(`${server.url}/editor`);
    await page.getByLabel("Username").fill("clerk");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    expect(await status()).toContain("Signed in as Pat Clerk");
    await check("editor-home");
    await page.locator("nav.editor-nav").getByRole("link", { name: "Registers of interests" }).click();
    await check("registers");
    await page.getByRole("link", { name: "Shula Hebden" }).click();
    expect(await page.locator("h1").textContent()).toBe("Register of interests: Shula Hebden");
    await check("register");
  });

  it("June: the first meeting, published on time, met with two substitutes and two officers, minuted and held", async () => {
    await createMeeting("2026-06-10", "18:30");
    await addItem("Flood resilience in the Am valley");
    await check("meeting-agenda");
    await page.getByLabel("Publish the agenda and its papers to the public now").check();
    await page.getByRole("button", { name: "Publish the agenda" }).click();
    expect(await status()).toContain("The agenda and its papers are published.");
    const item = page.getByRole("link", { name: "Flood resilience in the Am valley" });
    await item.click();
    await check("agenda-item");

    at("2026-06-10T20:00:00Z");
    const m1 = meetings[0];
    await attendance(m1, [
      ["Brian Aldridge", "Tom Forrest"],
      ["Kenton Archer", "Shula Hebden"],
    ]);
    // A declaration entered against the wrong member is edited, and a duplicate removed.
    const decl = page.locator(`form[action$="/declarations"]`);
    for (let n = 0; n < 2; n++) {
      await decl.getByLabel("Member").selectOption({ label: "Jill Archer" });
      await decl.getByLabel("Type").selectOption("ori");
      await decl.getByLabel("Nature of the interest").fill("Owns land by the river");
      await decl.getByRole("button", { name: "Record the declaration" }).click();
      expect(await status()).toContain("Declaration recorded");
    }
    const entries = page.locator("ul.declarations > li");
    expect(await entries.count()).toBe(2);
    await entries.nth(1).locator("summary").click();
    await entries.nth(1).getByRole("button", { name: "Remove the declaration" }).click();
    // Not ticked: the browser will not send it; the box is required.
    expect(await page.locator("ul.declarations > li").count()).toBe(2);
    await entries.nth(1).getByLabel("Remove this declaration").check();
    await entries.nth(1).getByRole("button", { name: "Remove the declaration" }).click();
    expect(await status()).toContain("Declaration removed.");
    expect(await page.locator("ul.declarations > li").count()).toBe(1);

    await minute(
      m1,
      "Flood resilience in the Am valley",
      "The committee heard from the Environment Agency.",
      "That the flood plan be reviewed.",
      [
        ["Write to the Environment Agency about the Am valley", "Head of Environment", "2026-08-31"],
        ["Map the flood wardens", "Emergency Planning Officer", "2026-09-30"],
      ],
    );
    await markHeld(m1);
    await page.goto(`${server.url}/editor/meetings/${m1}/minutes`);
    await page.getByLabel("Publish the draft minutes to the public now").check();
    await page.getByRole("button", { name: "Publish the draft minutes" }).click();
    expect(await status()).toContain("The draft minutes are published.");
    await page.goto(`${server.url}/editor/meetings/${m1}/actions`);
    await check("meeting-actions");
    expect(await page.locator("table.tracker tbody tr").count()).toBe(2);
  });

  it("July: a meeting called at short notice with the Chair's agreement; it approves June's minutes", async () => {
    at("2026-07-01T09:00:00Z");
    await createMeeting("2026-07-03", "10:00");
    await addItem("Flood defence grant bid");
    expect(await page.locator("#publish-h + p").textContent()).toMatch(/Too late for five clear working days/);
    await page.getByLabel("Why the meeting cannot wait (shown with the agenda)").fill("The grant bid closes on 6 July");
    expect(await page.getByLabel("The Chair who agreed").inputValue()).toBe("Cllr Jill Archer");
    await page.getByLabel(/^The Chair has agreed/).check();
    await check("meeting-agenda-short-notice");
    await page.getByRole("button", { name: "Publish at short notice" }).click();
    expect(await status()).toContain("published at short notice");
    expect(await page.locator("#publish-h + p").textContent()).toContain("at short notice: The grant bid closes on 6 July");

    at("2026-07-03T11:30:00Z");
    const m2 = meetings[1];
    await attendance(m2, [
      ["Brian Aldridge", "Tom Forrest"],
      ["Kenton Archer", "Shula Hebden"],
    ]);
    await approvePrevious(m2, /^Approved 6 minutes of/);
    await minute(m2, "Flood defence grant bid", "The committee considered the bid.", "That the bid be submitted.", [
      ["Submit the grant bid", "Head of Environment", "2026-07-06"],
    ]);
    await markHeld(m2);
  });

  it("a minute of June, approved, is corrected as a new version", async () => {
    await page.goto(`${server.url}/editor/meetings/${meetings[0]}/minutes`);
    const listed = page.locator("li.minute", { hasText: "Flood resilience in the Am valley" });
    expect(await listed.locator("h3").textContent()).toContain("approved");
    await listed.getByRole("link", { name: /^Correct minute/ }).click();
    await check("minute-correct");
    await page.getByLabel(/^Corrected text of/).fill("The committee heard from the Environment Agency and the Internal Drainage Board.");
    await page.getByLabel("Reason for the correction").fill("Drainage Board omitted");
    await page.getByRole("button", { name: "Record a correction" }).click();
    expect(await status()).toContain("(version 2)");
  });

  it("September: a meeting adjourned part-way and reconvened a week later; it approves July's minutes", async () => {
    at("2026-08-20T09:00:00Z");
    await createMeeting("2026-09-16", "18:30");
    await addItem("Tree planting strategy");
    await page.getByLabel("Publish the agenda and its papers to the public now").check();
    await page.getByRole("button", { name: "Publish the agenda" }).click();
    const m3 = meetings[2];

    at("2026-09-16T19:30:00Z");
    await page.goto(`${server.url}/editor/meetings/${m3}`);
    // Not yet met meetings are postponed, not adjourned; this one has met.
    await page.getByLabel("Adjourned to (date)").fill("2026-09-23");
    await page.getByLabel("Adjourned to (time, 24-hour)").fill("18:30");
    await page.getByLabel("Reason (optional, shown to the public)").fill("Fire alarm");
    await page.getByRole("button", { name: "Adjourn the meeting" }).click();
    expect(await status()).toMatch(/adjourned to .*23 September 2026/);
    await check("meeting-details-adjourned");
    // Too early to reconvene: refused, and said why.
    await page.getByRole("button", { name: "Reconvene the meeting" }).click();
    expect(await page.locator("#error-summary").textContent()).toContain("reconvenes on or after that day");

    at("2026-09-23T18:45:00Z");
    await page.goto(`${server.url}/editor/meetings/${m3}`);
    await page.getByRole("button", { name: "Reconvene the meeting" }).click();
    expect(await status()).toMatch(/reconvened on 23 Sep/);
    await attendance(m3, [
      ["Kenton Archer", "Tom Forrest"],
      ["Brian Aldridge", "Shula Hebden"],
    ]);
    await approvePrevious(m3, /^Approved 6 minutes of/);
    await minute(m3, "Tree planting strategy", "The committee discussed the strategy.", "That the strategy be adopted.", [
      ["Plant 500 trees in the Am valley", "Parks Manager", "2027-03-31"],
    ]);
    await markHeld(m3);
  });

  it("October: the actions are tracked to completion, filtered and paged, and one is edited", async () => {
    at("2026-10-05T09:00:00Z");
    await page.goto(`${server.url}/editor/actions`);
    await check("action-tracker");
    const rows = page.locator("table.tracker tbody tr");
    expect(await rows.count()).toBe(4);
    expect(await page.locator("table.tracker").textContent()).toContain("(overdue)");
    // The owner changes and the date moves: edited on the action's own page, audited.
    await rows.filter({ hasText: "Plant 500 trees" }).getByRole("link").click();
    await check("action");
    await page.getByLabel("Owner").fill("Tree Officer");
    await page.getByLabel("Due date").fill("2027-04-30");
    await page.getByRole("button", { name: "Save the action" }).click();
    expect(await status()).toContain("is open");
    for (const text of ["Write to the Environment Agency", "Map the flood wardens", "Submit the grant bid", "Plant 500 trees"]) {
      await page.goto(`${server.url}/editor/actions`);
      await page.locator("table.tracker tbody tr", { hasText: text }).getByRole("link").click();
      await page.getByLabel(/^Update on/).fill("Done.");
      await page.locator("form[action$='/updates']").getByLabel("Status").selectOption("complete");
      await page.getByRole("button", { name: "Save the update" }).click();
      expect(await status()).toContain("is complete");
    }
    await page.goto(`${server.url}/editor/actions`);
    expect(await page.locator("main").textContent()).toContain("No actions match.");
    await page.getByLabel("Show").selectOption("closed");
    await page.getByRole("button", { name: "Show actions" }).click();
    expect(await page.locator("table.tracker tbody tr").count()).toBe(4);
    await page.goto(`${server.url}/editor/committees/${committeeId}/actions-paper`);
    await check("tracking-paper");
  });

  it("every editor page passed axe and the 390 px layout check, and none logged a console error", async () => {
    expect([...checked.keys()].length).toBeGreaterThanOrEqual(15);
    expect(consoleErrors).toEqual([]);
    // The audit trail names the clerk for each change made through the editor.
    const actors = await store.db
      .selectFrom("audit_entry")
      .select("actor")
      .where("tableName", "in", ["meeting", "minute", "decision", "action", "attendance", "declaration"])
      .where("authorityId", "=", f.authorityId)
      .where("actor", "!=", "fixture")
      .distinct()
      .execute();
    expect(actors.map((a) => a.actor)).toEqual(["user:clerk"]);
  });
});
