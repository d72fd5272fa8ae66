import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { startServer } from "../../../src/web/server.js";
import { Scope } from "../../../src/store/records.js";
import { freshStore, type TestStore } from "../../support/stores.js";
import { buildEditorFixture, PASSWORD, type EditorFixture } from "../../support/editor-fixture.js";
import { type ChromiumSession, launchChromium } from "../../support/chromium.js";

const WIDTHS = [1280, 390];

/**
 * The clerk sets up a committee and its members in Chromium, without JavaScript, through the
 * editor's forms: people added, a committee with its terms of reference and minute numbers,
 * Chair, Vice-Chair, members, a substitute and a co-opted member; a mistaken committee deleted
 * after its confirmation step; then an administrator gives the Chair a member account. Every
 * page visited (confirmation steps included) is checked by axe and for horizontal overflow at
 * desktop and phone widths, and residents see the committee as set up.
 */
describe("setting up a committee and its members in Chromium", () => {
  let store: TestStore;
  let f: EditorFixture;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: ChromiumSession;
  let page: Page;
  let committeeId = "";
  const found: string[] = [];
  const checked = new Set<string>();

  const status = () => page.locator("[role=status]").first().textContent();

  /** axe and the 390 px layout check on the page as it is now, at both widths (a POST answer is checked in place). */
  async function check(label: string): Promise<void> {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 1) found.push(`${label} at ${width}px: ${overflow}px too wide`);
      const result = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
        .analyze();
      for (const v of result.violations)
        found.push(
          `${label} at ${width}px: ${v.id} (${v.impact}) ${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join(", ")}`,
        );
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    checked.add(label);
  }

  async function signIn(username: string) {
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
  }

  beforeAll(async () => {
    store = await freshStore("sqlite");
    f = await buildEditorFixture(store);
    server = await startServer(store, { port: 0 });
    // JavaScript stays on: axe runs as page script, and with it off this file's axe checks never
    // returned. The editor's forms need no script, which the clerk-cycle walk-through shows.
    browser = await launchChromium();
    page = browser.page;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.cleanup();
  });

  it("adds the people: councillors with party and ward, a co-opted member", async () => {
    await signIn("clerk");
    await page.locator("nav.editor-nav").getByRole("link", { name: "People", exact: true }).click();
    expect(new URL(page.url()).pathname).toBe("/editor/people");
    await check("/editor/people");
    const add = async (name: string, kind: string, extra: Record<string, string>) => {
      await page.goto(`${server.url}/editor/people/new`);
      await page.getByLabel("Name", { exact: true }).fill(name);
      await page.getByLabel("Kind").selectOption(kind);
      for (const [label, value] of Object.entries(extra)) await page.getByLabel(label, { exact: true }).fill(value);
      await page.getByRole("button", { name: "Add the person" }).click();
      expect(await status()).toBe(`${name} added.`);
    };
    await page.goto(`${server.url}/editor/people/new`);
    await check("/editor/people/new");
    await add("Shula Hebden Lloyd", "councillor", { "Title (optional)": "Cllr", Party: "Conservative", Ward: "Ambridge" });
    await check("/editor/people/:id");
    await add("Alistair Lloyd", "councillor", { Party: "Liberal Democrat", Ward: "Penny Hassett" });
    await add("Rev. Alan Franks", "co-opted", {});
    // Refused in plain words, what was typed kept.
    await page.goto(`${server.url}/editor/people/new`);
    await page.getByLabel("Name", { exact: true }).fill("Kirsty Miller");
    await page.getByLabel("Kind").selectOption("officer");
    await page.getByLabel("Ward").fill("Ambridge");
    await page.getByRole("button", { name: "Add the person" }).click();
    expect(await page.locator("#error-summary").textContent()).toContain("Party: only a councillor has a party and a ward");
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("Kirsty Miller");
    await check("/editor/people/new (refused)");
  }, 600_000);

  it("sets up the committee with its terms of reference and minute numbers", async () => {
    await page.locator("nav.editor-nav").getByRole("link", { name: "Committees", exact: true }).click();
    expect(new URL(page.url()).pathname).toBe("/editor/committees");
    await check("/editor/committees");
    await page.getByRole("link", { name: "Set up a committee" }).click();
    await check("/editor/committees/new");
    await page.getByLabel("Name", { exact: true }).fill("Rural Affairs Committee");
    await page.getByLabel("Kind").selectOption("other");
    await page
      .getByLabel("Terms of reference or purpose (shown to residents)")
      .fill("Reviews services for villages and farms, including buses, broadband and footpaths.");
    await page.getByLabel("Minute numbers", { exact: true }).fill("RA{n}/{YY}");
    await page.getByLabel("Minute numbers start again").selectOption("municipal-year");
    await page.getByRole("button", { name: "Set up the committee" }).click();
    expect(await status()).toBe("Rural Affairs Committee is set up. Now add its members.");
    committeeId = new URL(page.url()).pathname.split("/")[3];
    expect(new URL(page.url()).pathname).toBe(`/editor/committees/${committeeId}/members`);
  }, 600_000);

  it("adds the Chair, Vice-Chair, a member, a substitute and a co-opted member; a second Chair is refused", async () => {
    const s = new Scope(store, f.authorityId, "test");
    const id = async (name: string) => (await s.list("person", { name }))[0].id;
    const seat = async (name: string, role: string, extra: Record<string, string> = {}) => {
      await page.getByLabel("Person").selectOption(await id(name));
      await page.getByLabel("Role").selectOption(role);
      for (const [label, value] of Object.entries(extra)) {
        const field = page.getByLabel(label);
        if ((await field.evaluate((el) => el.tagName)) === "SELECT") await field.selectOption(value);
        else await field.fill(value);
      }
      await page.getByRole("button", { name: "Add to the committee" }).click();
    };
    await check("/editor/committees/:id/members (empty)");
    await seat("Shula Hebden Lloyd", "chair", { "From (optional)": "2026-05-20" });
    expect(await status()).toBe("Shula Hebden Lloyd added as Chair.");
    await seat("Alistair Lloyd", "vice-chair");
    await seat("Tom Forrest", "member");
    await seat("Lynda Snell", "substitute");
    await seat("Rev. Alan Franks", "member", {
      "Co-opted as (co-opted members only)": "church",
      "Representing (co-opted members only)": "Diocese of Felpersham",
    });
    expect(await status()).toBe("Rev. Alan Franks added as Member.");
    await seat("Jill Archer", "chair");
    expect(await page.locator("#error-summary").textContent()).toContain(
      "Shula Hebden Lloyd is Chair of Rural Affairs Committee from 20 May 2026; a committee has one Chair at a time",
    );
    await check("/editor/committees/:id/members (refused)");
    await page.goto(`${server.url}/editor/committees/${committeeId}/members`);
    const rows = await page.locator("table tbody tr").evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from(tr.querySelectorAll("td"))
          .slice(0, 3)
          .map((td) => td.textContent?.trim()),
      ),
    );
    expect(rows).toEqual([
      ["Shula Hebden Lloyd", "Chair", "Conservative"],
      ["Alistair Lloyd", "Vice-Chair", "Liberal Democrat"],
      ["Rev. Alan Franks", "Member", "Co-opted, Diocese of Felpersham"],
      ["Tom Forrest", "Member", "Councillor"],
      ["Lynda Snell", "Substitute", "Councillor"],
    ]);
    await check("/editor/committees/:id/members");
    // The substitute's seat ends; its page is one of the new ones.
    await page.getByRole("link", { name: "Change Lynda Snell's seat" }).click();
    await check("/editor/memberships/:id");
    await page.getByLabel("To (optional)").fill("2027-05-19");
    await page.getByRole("button", { name: "Save the seat" }).click();
    expect(await status()).toBe("Seat saved.");
  }, 600_000);

  it("edits the committee, and deletes a committee set up by mistake only after confirming", async () => {
    await page.goto(`${server.url}/editor/committees/${committeeId}`);
    await check("/editor/committees/:id");
    await page.getByLabel("Part of").selectOption(f.committees.scrutiny.id);
    await page.getByRole("button", { name: "Save the committee" }).click();
    expect(await status()).toBe("Rural Affairs Committee saved.");

    await page.goto(`${server.url}/editor/committees/new`);
    await page.getByLabel("Name", { exact: true }).fill("Rurral Affairs");
    await page.getByRole("button", { name: "Set up the committee" }).click();
    const typo = new URL(page.url()).pathname.split("/")[3];
    await page.goto(`${server.url}/editor/committees/${typo}`);
    const del = page.getByRole("button", { name: "Delete the committee…" });
    expect(await del.getAttribute("class")).toBe("danger");
    await del.click();
    expect(await page.locator("h1").textContent()).toBe("Delete Rurral Affairs?");
    await check("confirm: delete a committee");
    await page.getByRole("link", { name: "No, go back without changing anything" }).click();
    expect(await new Scope(store, f.authorityId, "t").get("committee", typo)).toBeDefined();
    await page.getByRole("button", { name: "Delete the committee…" }).click();
    await page.getByRole("button", { name: "Yes, delete Rurral Affairs" }).click();
    expect(await status()).toBe("Rurral Affairs is deleted.");
    expect(await new Scope(store, f.authorityId, "t").get("committee", typo)).toBeUndefined();
  }, 600_000);

  it("an administrator gives the Chair a member account; the clerk has no accounts page", async () => {
    await page.goto(`${server.url}/editor/accounts`);
    expect(await page.locator("h1").textContent()).toBe("You cannot do this");
    await page.goto(`${server.url}/editor`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn("admin");
    await page.locator("nav.editor-nav").getByRole("link", { name: "Accounts" }).click();
    await check("/editor/accounts");
    const shula = (await new Scope(store, f.authorityId, "t").list("person", { name: "Shula Hebden Lloyd" }))[0];
    await page.getByLabel("User name").fill("shula");
    await page.getByLabel("Role").selectOption("member");
    await page.getByLabel("Linked to (required for a member)").selectOption(shula.id);
    await page.getByRole("button", { name: "Create the account" }).click();
    expect(await page.locator("[role=status]").first().textContent()).toMatch(/The password for shula is \S{12,}/);
    await check("/editor/accounts (password shown once)");
    await page.getByRole("link", { name: "shula" }).click();
    await check("/editor/accounts/:id");
    await page.getByRole("button", { name: "Disable the account…" }).click();
    await check("confirm: disable an account");
    await page.getByRole("link", { name: "No, go back without changing anything" }).click();
  }, 600_000);

  it("residents see the committee with its purpose and Chair, and no user names", async () => {
    await page.goto(`${server.url}/committees`);
    const card = page.locator("ul.cards li", { hasText: "Rural Affairs Committee" });
    expect(await card.textContent()).toContain("Reviews services for villages and farms");
    expect(await card.textContent()).toContain("Chair: Shula Hebden Lloyd");
    expect(await page.locator("ul.cards li", { hasText: "Rurral" }).count()).toBe(0);
    await page.getByRole("link", { name: "Rural Affairs Committee" }).click();
    const body = (await page.locator("main").textContent()) ?? "";
    expect(body).toContain("Diocese of Felpersham");
    expect(body).not.toMatch(/\bshula\b|\bclerk\b/);
  }, 600_000);

  it("every new page passes axe and fits a 390 pixel screen", () => {
    expect(checked.size).toBeGreaterThanOrEqual(14);
    expect(found).toEqual([]);
  });
});
