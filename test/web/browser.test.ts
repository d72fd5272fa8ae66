import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { startServer } from "../../src/web/server.js";
import { freshStore, type TestStore } from "../support/stores.js";
import { buildWebFixture, FIXTURE_NOW, markExempt, type WebFixture } from "../support/web-fixtures.js";
import { type ChromiumSession, launchChromium } from "../support/chromium.js";

/** The real server on an ephemeral port, driven by Chromium with a fresh profile: one browser for the file. */
describe("public site in Chromium", () => {
  let store: TestStore;
  let f: WebFixture;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: ChromiumSession;
  let page: Page;

  beforeAll(async () => {
    store = await freshStore("sqlite");
    f = await buildWebFixture(store);
    await markExempt(store, f);
    server = await startServer(store, { port: 0, now: () => FIXTURE_NOW });
    browser = await launchChromium();
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.cleanup();
  });

  it("goes home → committee → meeting → agenda item → document page", async () => {
    await page.goto(server.url + "/");
    await page.getByRole("link", { name: "Committees", exact: true }).click();
    await page.getByRole("link", { name: "Cabinet", exact: true }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Cabinet");
    await page.getByRole("link", { name: "Monday 14 July 2025, 6:30pm" }).click();
    expect(await page.locator("h1").textContent()).toContain("Monday 14 July 2025, 6:30pm");
    await page.getByRole("link", { name: "Library Services Review", exact: true }).click();
    expect(await page.locator("h1").textContent()).toBe("3. Library Services Review");
    await page.getByRole("link", { name: "Library Services Review report" }).click();
    expect(page.url()).toBe(`${server.url}/documents/${f.documents.report}`);
    await page.getByRole("link", { name: "2", exact: true }).click();
    expect(page.url()).toBe(`${server.url}/documents/${f.documents.report}#page-2`);
    await expect.poll(() => page.locator("#page-2").isVisible()).toBe(true);
  });

  it("search for a phrase lands on the right page of the right document", async () => {
    await page.goto(server.url + "/search");
    await page.getByLabel("Words or a phrase in quotes").fill('"heritage reading room"');
    await page.getByRole("button", { name: "Search" }).click();
    const first = page.locator("ol.results li a").first();
    expect(await first.textContent()).toBe("Library Services Review report, page 2");
    expect(await page.locator("ol.results mark").first().textContent()).toMatch(/heritage/i);
    await first.click();
    expect(page.url()).toBe(`${server.url}/documents/${f.documents.report}#page-2`);
    const inView = await page.locator("#page-2").evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= -1 && r.top < window.innerHeight;
    });
    expect(inView).toBe(true);
    expect(await page.locator("#page-2").textContent()).toContain("heritage reading room");
  });

  it("keyboard alone reaches the search and runs it", async () => {
    await page.goto(server.url + "/committees");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to main content");
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = (await page.evaluate(() => document.activeElement?.textContent?.trim())) === "Search";
    }
    expect(reached).toBe(true);
    // focus is visible: the focused link gets the focus style
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).boxShadow);
    expect(outline).not.toBe("none");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/search$/);
    let onInput = false;
    for (let i = 0; i < 25 && !onInput; i++) {
      await page.keyboard.press("Tab");
      onInput = await page.evaluate(() => document.activeElement?.id === "q");
    }
    expect(onInput).toBe(true);
    await page.keyboard.type("timetable");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/search\?q=timetable/);
    expect(await page.locator("ol.results li").count()).toBeGreaterThan(0);
  });

  it("axe finds no WCAG 2.2 AA violations on any page type", async () => {
    const paths = [
      "/",
      "/calendar?month=2025-07",
      "/calendar?month=2025-07&view=list",
      "/committees",
      `/committees/${f.committees.cabinet.slug}`,
      `/meetings/${f.meetings.summer}`,
      `/meetings/${f.meetings.summer}/items/${f.items.library}`,
      `/meetings/${f.meetings.summer}/items/${f.items.exempt}`,
      `/documents/${f.documents.report}`,
      `/documents/${f.documents.exemptAppendix}`,
      "/people",
      `/people/${f.people.chair.slug}`,
      "/decisions",
      "/actions",
      "/search?q=library",
      "/api/v1",
      "/no-such-page",
    ];
    const found: string[] = [];
    for (const p of paths) {
      await page.goto(server.url + p);
      const result = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
        .analyze();
      for (const v of result.violations)
        found.push(
          `${p}: ${v.id} (${v.impact}) ${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join(", ")}`,
        );
    }
    expect(found).toEqual([]);
  });

  it("narrow screens get one column and print hides the navigation", async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${server.url}/meetings/${f.meetings.summer}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    expect(overflow).toBe(false);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("nav.primary").isVisible()).toBe(false);
    expect(await page.locator("ol.agenda").isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
