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
