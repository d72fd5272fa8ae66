import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { startServer } from "../../src/web/server.js";
import { loadDemo } from "../../src/demo/demo-council.js";
import { pdfPageTexts } from "../../src/workflow/pdf-text.js";
import { freshStore, type TestStore } from "../support/stores.js";
import { type ChromiumSession, launchChromium } from "../support/chromium.js";

const TODAY = "2026-12-04";
const WIDTHS = [1280, 390];

/**
 * A resident on the demo council, in Chromium against the real server: find a councillor by
 * ward, open their committee, download a pack, find a decision by search and land on its
 * minute. Every page on the way is checked by axe and for horizontal overflow at desktop and
 * phone widths.
 */
describe("a resident's walk-through in Chromium", () => {
  let store: TestStore;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: ChromiumSession;
  let page: Page;
  const visited = new Set<string>();

  beforeAll(async () => {
    store = await freshStore("sqlite");
    await loadDemo(store, { today: TODAY });
    server = await startServer(store, { port: 0, now: () => new Date(`${TODAY}T12:00:00Z`) });
    browser = await launchChromium();
    page = browser.page;
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.cleanup();
  });
  const here = () => new URL(page.url()).pathname + new URL(page.url()).search;

  it("finds a councillor by ward, opens their committee and downloads the meeting's pack", async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole("link", { name: "People", exact: true }).first().click();
    visited.add(here());
    // The Loxley Barrett ward's councillors, under the ward's own heading.
    const ward = page.locator("section", { has: page.getByRole("heading", { name: "Loxley Barrett", exact: true }) });
    await expect.poll(() => ward.getByRole("link").count()).toBeGreaterThan(1);
    await ward.getByRole("link", { name: "Ed Grundy" }).click();
    expect(await page.locator("h1").textContent()).toBe("Cllr Ed Grundy");
    expect(await page.locator("p.meta").first().textContent()).toContain("Loxley Barrett ward");
    visited.add(here());

    const committee = page.locator("main ul li a[href^='/committees/']").filter({ hasNotText: "Full Council" }).first();
    const committeeName = (await committee.textContent())!;
    await committee.click();
    expect(await page.locator("h1").textContent()).toBe(committeeName);
    await expect.poll(() => page.locator("#work-programme").isVisible()).toBe(true);
    visited.add(here());

    // The latest meeting whose agenda is out: the first past meeting listed.
    const past = page.locator("h2:text('Past meetings') + ul a").first();
    await past.click();
    expect(await page.locator("h1").textContent()).toContain(committeeName);
    visited.add(here());
    const packLink = page.locator("#downloads + ul li", { hasText: "Agenda pack" }).getByRole("link", { name: "PDF" });
    const href = await packLink.getAttribute("href");
    expect(href).toMatch(/^\/meetings\/[^/]+\/agenda-pack\.pdf$/);
    const download = await page.request.get(`${server.url}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("application/pdf");
    const text = (await pdfPageTexts(new Uint8Array(await download.body()))).join("\n");
    expect(text).toContain("Agenda");
    // the reports printed in the pack are the ones the agenda lists
    const firstReport = await page.locator("ol.agenda li a[href^='/documents/']").first().textContent();
    expect(text).toContain(firstReport!.split(":")[0]);
  }, 300_000);

  it("finds a decision by search and lands on its minute", async () => {
    const decision = await store.db
      .selectFrom("decision")
      .innerJoin("minute", "minute.id", "decision.minuteId")
      .select(["decision.id", "decision.text", "minute.title"])
      .where("decision.text", "like", "That planning permission for application %granted%")
      .orderBy("decision.decidedOn", "desc")
      .executeTakeFirstOrThrow();
    const reference = decision.text.match(/\d{2}\/\d{5}\/[A-Z]+/)![0];
    await page.goto(`${server.url}/search`);
    await page.getByLabel("Words or a phrase in quotes").fill(reference);
    await page.getByLabel("Kind").selectOption("decision");
    await page.getByRole("button", { name: "Search" }).click();
    visited.add(here());
    const hit = page.locator("ol.results li").first();
    // Each hit says what it is, which committee and when.
    expect(await hit.locator(".meta").textContent()).toMatch(/Planning Sub-Committee, \w+ \d{1,2} \w+ \d{4}/);
    await hit.getByRole("link").click();
    expect(new URL(page.url()).hash).toBe(`#decision-${decision.id}`);
    const minute = page.locator(`.minute:has(#decision-${decision.id})`);
    expect(await minute.locator("h3").textContent()).toContain(decision.title);
    const inView = await page.locator(`#decision-${decision.id}`).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= -1 && r.top < window.innerHeight;
    });
    expect(inView).toBe(true);
    visited.add(new URL(page.url()).pathname);
  }, 300_000);

  it("every page of the walk-through passes axe and fits the screen at 1280 and 390 pixels", async () => {
    const paths = [...visited, "/committees", "/glossary", "/calendar", "/calendar?month=2026-12"];
    expect(paths.length).toBeGreaterThan(7);
    const found: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const p of paths) {
        await page.goto(server.url + p);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 1) found.push(`${p} at ${width}px: ${overflow}px too wide`);
        const result = await new AxeBuilder({ page })
          .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
          .analyze();
        for (const v of result.violations)
          found.push(
            `${p} at ${width}px: ${v.id} (${v.impact}) ${v.nodes
              .map((n) => n.target.join(" "))
              .slice(0, 3)
              .join(", ")}`,
          );
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(found).toEqual([]);
  }, 600_000);
});
