import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

type LaunchOptions = Omit<NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>, "executablePath" | "args">;

/** Debian's Chromium, driven by playwright-core in the browser tests (MOOT_CHROMIUM to use another). */
export const CHROMIUM = process.env.MOOT_CHROMIUM ?? "/usr/bin/chromium";

/** Headless, no sandbox (CI runs as root), and nothing that reaches for the network on its own. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** One Chromium with a fresh profile of its own, and the page it opened with. */
export interface ChromiumSession {
  context: BrowserContext;
  page: Page;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium headless on a fresh, throwaway profile (a persistent context, so
 * cookies and downloads behave as a resident's browser would). Options add to the defaults.
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<ChromiumSession> {
  const profile = mkdtempSync(join(tmpdir(), "moot-chromium-"));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      ...options,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    return {
      context,
      page,
      async close() {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
}
