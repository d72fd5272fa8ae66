import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startServer } from "../../../src/web/server.js";
import { Scope } from "../../../src/store/records.js";
import { freshStore, type TestStore } from "../../support/stores.js";
import { buildEditorFixture, daysFromToday, PASSWORD, type EditorFixture } from "../../support/editor-fixture.js";
import { type ChromiumSession, launchChromium } from "../../support/chromium.js";

/**
 * A clerk's whole committee cycle in Chromium, without JavaScript shortcuts: real server,
 * real SQLite file, every step through the editor's forms.
 */
describe("clerk's committee cycle in Chromium", () => {
  let store: TestStore;
  let f: EditorFixture;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: ChromiumSession;
  let page: Page;
  let meetingUrl = "";

  const status = () => page.locator("[role=status]").textContent();
  const form = (actionEnd: string) => page.locator(`form[action$="${actionEnd}"]`);

  beforeAll(async () => {
    store = await freshStore("sqlite");
    f = await buildEditorFixture(store);
    server = await startServer(store, { port: 0 });
    browser = await launchChromium({ acceptDownloads: true, javaScriptEnabled: false });
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.cleanup();
  });

  it("signs in as the clerk", async () => {
    await page.goto(`${server.url}/editor`);
    expect(page.url()).toContain("/sign-in?next=%2Feditor");
    await page.getByLabel("Username").fill("clerk");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    expect(page.url()).toBe(`${server.url}/editor`);
    expect(await status()).toContain("Signed in as Pat Clerk");
  });

  it("adds a work-programme item with its PAPER score", async () => {
    await page.goto(`${server.url}/editor/committees/${f.committees.scrutiny.id}/work-programme`);
    await page.getByLabel("Topic").fill("Flood resilience in the Am valley");
    await page.getByLabel("P: public interest").check();
    await page.getByLabel("A: ability to influence").check();
    await page.getByLabel("P: performance").check();
    await page.getByLabel("E: extent").check();
    await page.getByLabel("R: replication (not already covered elsewhere)").check();
    await page.getByRole("button", { name: "Add to the programme" }).click();
    expect(await status()).toContain("score 5, High");
  });

  it("creates a meeting and builds its agenda from the standing items and the work programme", async () => {
    await page.goto(`${server.url}/editor/meetings/new`);
    await page.getByLabel("Committee").selectOption(f.committees.scrutiny.id);
    await page.getByLabel("Date", { exact: true }).fill(daysFromToday(2));
    await page.getByLabel("Start time (24-hour, e.g. 18:30)").fill("18:30");
    await page.getByLabel("Venue").fill("Village Hall");
    await page.getByRole("button", { name: "Create meeting" }).click();
    expect(await status()).toContain("Meeting created");
    meetingUrl = page.url().replace(/#.*$/, "");
    await page.getByRole("link", { name: "Agenda and publication" }).click();
    await page.getByRole("button", { name: "Start from the standing items" }).click();
    expect(await status()).toContain("5 standing items");
    await form("/agenda/from-programme")
      .getByLabel("Programme item")
      .selectOption({ label: "Flood resilience in the Am valley (score 5)" });
    await form("/agenda/from-programme").getByRole("button", { name: "Add to this agenda" }).click();
    expect(await status()).toContain("Added item 6, Flood resilience in the Am valley");
    // move it before "Urgent business"
    await page.getByLabel("Position of Flood resilience in the Am valley").fill("5");
    await page.getByLabel("Position of Urgent business").fill("6");
    await page.getByRole("button", { name: "Save the order" }).click();
    const rows = await page.locator("table tbody tr td:nth-child(2)").allTextContents();
    expect(rows.slice(4)).toEqual(["Flood resilience in the Am valley", "Urgent business"]);
  });

  it("offers only short notice when too late, refuses it without the Chair's agreement, then publishes on time", async () => {
    expect(await page.locator("#publish-h + p").textContent()).toMatch(/Too late for five clear working days/);
    expect(await page.getByRole("button", { name: "Publish the agenda" }).count()).toBe(0);
    await page.getByLabel("Why the meeting cannot wait (shown with the agenda)").fill("Bid deadline");
    await page.getByLabel("The Chair who agreed").fill("");
    await page.getByLabel(/^The Chair has agreed/).check();
    await page.getByRole("button", { name: "Publish at short notice" }).click();
    expect(await page.locator("#publish-refusal").textContent()).toMatch(/name the Chair who agreed/);
    expect(await page.locator("#error-summary").isVisible()).toBe(true);
    await page.goto(meetingUrl);
    await page.getByLabel("Date", { exact: true }).fill(daysFromToday(30));
    await page.getByRole("button", { name: "Save details" }).click();
    expect(await status()).toContain("Saved");
    await page.goto(`${meetingUrl}/agenda`);
    // The publish button is styled as irreversible and needs its box ticked.
    expect(await page.getByRole("button", { name: "Publish the agenda" }).getAttribute("class")).toBe("irreversible");
    await page.getByLabel("Publish the agenda and its papers to the public now").check();
    await page.getByRole("button", { name: "Publish the agenda" }).click();
    expect(await status()).toContain("The agenda and its papers are published.");
    expect(await page.locator("#publish-h + p").textContent()).toContain("Agenda published");
  });

  it("generates the pack as a PDF download and as HTML", async () => {
    const [pdf] = await Promise.all([
      page.waitForEvent("download"),
      form("/pack").getByRole("button", { name: "Generate and download the pack" }).click(),
    ]);
    const bytes = readFileSync((await pdf.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.suggestedFilename()).toMatch(/^overview-scrutiny-\d{4}-\d{2}-\d{2}-public\.pdf$/);
    await page.goto(`${meetingUrl}/agenda`);
    await page.getByLabel("Pack for").selectOption("members");
    await page.getByLabel("Format").selectOption("html");
    const [html] = await Promise.all([page.waitForEvent("download"), form("/pack").getByRole("button").click()]);
    expect(readFileSync((await html.path())!, "utf8")).toContain("Flood resilience in the Am valley");
  });

  it("minutes the meeting: attendance, a declaration, decisions and actions", async () => {
    await page.goto(`${meetingUrl}/attendance`);
    await page.getByLabel("Jill Archer").selectOption("present");
    await page.getByLabel("Tom Forrest").selectOption("apologies");
    await page.getByLabel("Substitute 1", { exact: true }).selectOption({ label: "Lynda Snell" });
    await page.getByLabel("Substitute 1 stands in for").selectOption({ label: "Tom Forrest" });
    await page.getByRole("button", { name: "Save attendance" }).click();
    expect(await status()).toContain("Attendance saved (3 people)");

    await form("/declarations").getByLabel("Member").selectOption({ label: "Jill Archer" });
    await form("/declarations").getByLabel("Agenda item").selectOption({ label: "5. Flood resilience in the Am valley" });
    await form("/declarations").getByLabel("Type").selectOption("ori");
    await page.getByLabel("Nature of the interest").fill("Owns land by the river");
    await page.getByRole("button", { name: "Record the declaration" }).click();
    expect(await status()).toContain("Declaration recorded");
    expect(await page.locator("ul.declarations").textContent()).toContain(
      "Jill Archer: Owns land by the river (Other registrable interest (ORI)), item 5",
    );

    await page.getByRole("link", { name: "Minutes", exact: true }).click();
    await page.getByRole("button", { name: "Draft minutes from the agenda" }).click();
    expect(await status()).toContain("Drafted 6 minutes");
    // Each minute is edited on its own page: the list carries no nine-field decision form.
    expect(await page.getByRole("button", { name: "Record the decision" }).count()).toBe(0);
    await page
      .locator("li.minute", { hasText: "Flood resilience in the Am valley" })
      .getByRole("link", { name: /^Edit minute/ })
      .click();
    await page.getByLabel(/text$/).fill("The committee heard from the Environment Agency.");
    await page.getByRole("button", { name: /^Save minute/ }).click();
    expect(await status()).toMatch(/Saved minute OS\d+\/\d\d/);
    const flood2 = page.locator("main");
    await flood2.getByLabel(/^Decision under/).fill("That the flood plan be reviewed.");
    await flood2.getByLabel("Action arising (optional)").fill("Write to the Environment Agency about the Am valley");
    await flood2.getByLabel("Action owner", { exact: true }).fill("Head of Environment");
    await flood2.getByLabel("Action due", { exact: true }).fill(daysFromToday(90));
    await flood2.getByLabel("Second action (optional)").fill("Map the flood wardens");
    await flood2.getByRole("button", { name: "Record the decision" }).click();
    expect(await status()).toContain("Decision recorded with 2 actions");
    expect(await page.locator("#decisions-h ~ div.decision").first().textContent()).toContain(
      "Write to the Environment Agency about the Am valley",
    );
  });

  it("approves those minutes at the next meeting, after which they are locked and corrected by a new version", async () => {
    await page.goto(`${server.url}/editor/meetings/new`);
    await page.getByLabel("Committee").selectOption(f.committees.scrutiny.id);
    await page.getByLabel("Date", { exact: true }).fill(daysFromToday(60));
    await page.getByRole("button", { name: "Create meeting" }).click();
    await page.getByRole("link", { name: "Agenda and publication" }).click();
    await page.getByRole("button", { name: "Start from the standing items" }).click();
    await page.getByRole("link", { name: "Minutes", exact: true }).click();
    await page.getByLabel(/^The committee approved the minutes of/).check();
    await page.getByRole("button", { name: /^Approve the minutes of/ }).click();
    expect(await status()).toMatch(/Approved 6 minutes of/);

    await page.goto(`${meetingUrl}/minutes`);
    const listed = page.locator("li.minute", { hasText: "Flood resilience in the Am valley" });
    expect(await listed.locator("h3").textContent()).toContain("approved");
    await listed.getByRole("link", { name: /^Correct minute/ }).click();
    const flood = page.locator("main");
    expect(await flood.getByRole("button", { name: "Record the decision" }).count()).toBe(0);
    await flood.getByLabel(/^Corrected text of/).fill("The committee heard from the Environment Agency and the Internal Drainage Board.");
    await flood.getByLabel("Reason for the correction").fill("Drainage Board omitted");
    await flood.getByRole("button", { name: "Record a correction" }).click();
    expect(await status()).toContain("(version 2)");
    expect(await page.locator("li.minute", { hasText: "Flood resilience" }).locator("h3").textContent()).toContain(
      "version 2: Drainage Board omitted",
    );
  });

  it("completes an action, which then leaves the tracker", async () => {
    await page.goto(`${server.url}/editor/actions`);
    const item = page.locator("table.tracker tr", { hasText: "Write to the Environment Agency about the Am valley" });
    expect(await item.count()).toBe(1);
    await item.getByRole("link").click();
    await page.getByLabel(/^Update on/).fill("Letter sent.");
    await page.locator("form[action$='/updates']").getByLabel("Status").selectOption("complete");
    await page.getByRole("button", { name: "Save the update" }).click();
    expect(await status()).toContain("is complete");
    await page.goto(`${server.url}/editor/actions`);
    expect(await page.locator("table.tracker").first().textContent()).not.toContain("Write to the Environment Agency");
    expect(await page.locator("table.tracker").first().textContent()).toContain("Map the flood wardens");
    await page.goto(`${server.url}/editor/committees/${f.committees.scrutiny.id}/actions-paper`);
    const paper = await page.locator("table").textContent();
    expect(paper).toContain("Map the flood wardens");
    expect(paper).not.toContain("Write to the Environment Agency");
    // and the audit trail names the clerk for every change made through the editor
    const actors = await new Scope(store, f.authorityId, "t").db
      .selectFrom("audit_entry")
      .select("actor")
      .where("tableName", "in", ["meeting", "agenda_item", "minute", "decision", "action", "action_update", "attendance", "declaration"])
      .distinct()
      .execute();
    expect(actors.map((a) => a.actor)).toEqual(["user:clerk"]);
  });
});
