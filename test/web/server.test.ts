import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../../src/web/server.js";
import { Scope } from "../../src/store/records.js";
import { freshStore, type TestStore } from "../support/stores.js";
import { buildWebFixture, FIXTURE_NOW, type WebFixture } from "../support/web-fixtures.js";

/** The real HTTP server: its cache fast path must answer exactly as the app does, and stay fresh. */
describe("HTTP server", () => {
  let store: TestStore;
  let f: WebFixture;
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    store = await freshStore("sqlite");
    f = await buildWebFixture(store);
    server = await startServer(store, { port: 0, now: () => FIXTURE_NOW, freshnessMs: 200 });
  });
  afterAll(async () => {
    await server.close();
    await store.cleanup();
  });

  it("a cached page from the fast path carries the same body and headers as the first answer", async () => {
    const url = `${server.url}/meetings/${f.meetings.summer}`;
    const first = await fetch(url, { headers: { "Accept-Encoding": "identity" } });
    const second = await fetch(url, { headers: { "Accept-Encoding": "identity" } });
    expect(await second.text()).toBe(await first.text());
    for (const h of ["content-type", "etag", "content-security-policy", "cache-control", "last-modified", "x-content-type-options"]) {
      expect(second.headers.get(h), h).toBe(first.headers.get(h));
    }
    const gz = await fetch(url, { headers: { "Accept-Encoding": "gzip" } }); // fetch decompresses
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(await gz.text()).toBe(await (await fetch(url)).text());
    const notModified = await fetch(url, { headers: { "If-None-Match": first.headers.get("etag")! } });
    expect(notModified.status).toBe(304);
  });

  it("a change shows once the freshness window has passed", async () => {
    const url = `${server.url}/meetings/${f.meetings.winter}`;
    expect(await (await fetch(url)).text()).toContain("Committee Room 2");
    await new Scope(store, f.authorityId, "clerk").update("meeting", f.meetings.winter, { venue: "Assembly Rooms" });
    await new Promise((r) => setTimeout(r, 250));
    expect(await (await fetch(url)).text()).toContain("Assembly Rooms");
  });

  it("answers HEAD without a body and unknown paths with a 404 page", async () => {
    const head = await fetch(`${server.url}/committees`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const missing = await fetch(`${server.url}/nowhere`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-security-policy")).toContain("default-src 'none'");
  });
});
