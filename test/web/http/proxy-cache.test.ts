import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, freshStore, type TestStore } from "../../support/stores.js";
import { sleep, startNginx, VERSION_KEPT_AT_MOST_MS } from "../../support/nginx.js";
import { buildWebFixture, DRAFT_SECRETS, FIXTURE_NOW, markExempt, SECRETS, type WebFixture } from "../../support/web-fixtures.js";
import { EditorClient } from "../../support/editor-client.js";
import { PASSWORD } from "../../support/editor-fixture.js";
import { Scope } from "../../../src/store/records.js";
import { addUser } from "../../../src/workflow/accounts.js";
import { createApp } from "../../../src/web/app.js";
import { startServer } from "../../../src/web/server.js";
import { CACHE_KEY_HEADER, ORIGINAL_URI_HEADER, PROXY_KEEP_SECONDS, PROXY_KEY_PATH } from "../../../src/web/http/page-cache.js";

/**
 * Real nginx running `moot proxy-config`'s text in front of two web processes. What we fear:
 * nginx keeping a page past a write (a paper made exempt), a page filed under a version it was
 * not rendered at, and a clerk's page (drafts) entering or coming from the shared cache.
 */

describe.each(DIALECTS)("%s: nginx keeps public pages by the council's data version", (dialect) => {
  let store: TestStore;
  let f: WebFixture;
  let other: WebFixture;
  let servers: Array<Awaited<ReturnType<typeof startServer>>>;
  let nginx: Awaited<ReturnType<typeof startNginx>>;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${nginx.url}${path}`, { headers, redirect: "manual" });

  beforeAll(async () => {
    store = await freshStore(dialect);
    f = await buildWebFixture(store, { slug: "borchester", name: "Borchester Borough Council" });
    other = await buildWebFixture(store, { slug: "felpersham", name: "Felpersham District Council" });
    // As `moot serve` runs: a one-second freshness window for the data version.
    servers = [
      await startServer(store, { port: 0, now: () => FIXTURE_NOW }),
      await startServer(store, { port: 0, now: () => FIXTURE_NOW }),
    ];
    nginx = await startNginx(servers.map((s) => `127.0.0.1:${s.port}`));
  });
  afterAll(async () => {
    await nginx?.stop();
    for (const s of servers ?? []) await s.close();
    await store?.cleanup();
  });

  it("answers a public page again from its own copy, and two councils on one host keep their own", async () => {
    const first = await get(`/borchester/committees/${f.committees.cabinet.slug}`);
    expect(first.status).toBe(200);
    const body = await first.text();
    expect(body).toContain("Borchester");
    const again = await get(`/borchester/committees/${f.committees.cabinet.slug}`);
    expect(again.headers.get("x-cache-status")).toBe("HIT");
    expect(await again.text()).toBe(body);
    // Moot's instruction to nginx never reaches a browser.
    expect(again.headers.get("x-accel-expires")).toBeNull();
    // The same path under the other council's prefix is the other council's page.
    await get(`/felpersham/committees/${other.committees.cabinet.slug}`);
    const theirs = await get(`/felpersham/committees/${other.committees.cabinet.slug}`);
    expect(theirs.headers.get("x-cache-status")).toBe("HIT");
    const theirBody = await theirs.text();
    expect(theirBody).toContain("Felpersham");
    expect(theirBody).not.toContain("Borchester Borough Council");
  });

  it("never serves its copy of a page once a paper on it is made exempt (after the version's second), and keeps the other council's", async () => {
    const meeting = `/borchester/meetings/${f.meetings.summer}`;
    const before = await (await get(meeting)).text();
    expect(before).toContain(SECRETS.itemDescription);
    expect((await get(meeting)).headers.get("x-cache-status")).toBe("HIT");
    await get(`/felpersham/committees/${other.committees.cabinet.slug}`);

    await markExempt(store, f);
    await sleep(VERSION_KEPT_AT_MOST_MS);
    const after = await get(meeting);
    expect(after.status).toBe(200);
    expect(await after.text()).not.toContain(SECRETS.itemDescription);
    expect(after.headers.get("x-cache-status")).not.toBe("HIT");
    // Nor from any other address of that council that nginx kept before.
    expect(await (await get(`/borchester/committees/${f.committees.cabinet.slug}`)).text()).not.toContain(SECRETS.itemDescription);
    // Felpersham's version did not move: its page is still nginx's copy.
    expect((await get(`/felpersham/committees/${other.committees.cabinet.slug}`)).headers.get("x-cache-status")).toBe("HIT");
  });

  it("never keeps or serves a signed-in clerk's page in the shared cache; a form posted through nginx arrives", async () => {
    await addUser(new Scope(store, f.authorityId, "test"), { username: "proxyclerk", role: "clerk", password: PASSWORD });
    const clerk = new EditorClient({ request: (path, init) => fetch(`${nginx.url}/borchester${path}`, { ...init, redirect: "manual" }) });
    const signedIn = await clerk.signIn("proxyclerk", PASSWORD);
    expect([302, 303]).toContain(signedIn.status);
    expect(clerk.cookies.has("moot_session")).toBe(true);

    const draft = `/meetings/${f.meetings.draftAgenda}`;
    const clerkPage = await clerk.get(draft);
    expect(await clerkPage.text()).toContain(DRAFT_SECRETS.draftItemTitle);
    expect(clerkPage.headers.get("x-cache-status")).toBe("BYPASS");
    for (let i = 0; i < 2; i++) {
      const pub = await get(`/borchester${draft}`);
      expect(await pub.text()).not.toContain(DRAFT_SECRETS.draftItemTitle);
    }
    // And the other way: the clerk's next request is not the public copy nginx now holds.
    const clerkAgain = await clerk.get(draft);
    expect(clerkAgain.headers.get("x-cache-status")).toBe("BYPASS");
    expect(await clerkAgain.text()).toContain(DRAFT_SECRETS.draftItemTitle);
  });

  it("a web process that trusts an older version renders at the proxy's key, and lets a page be kept only under the key it was rendered at", async () => {
    // A long freshness window: this process keeps trusting the version it read first.
    const stale = createApp(store, { now: () => FIXTURE_NOW, freshnessMs: 600_000 });
    const exact = createApp(store, { now: () => FIXTURE_NOW, freshnessMs: 0 });
    const keyNow = async (path: string) =>
      (await exact.request(PROXY_KEY_PATH, { headers: { [ORIGINAL_URI_HEADER]: path } })).headers.get(CACHE_KEY_HEADER)!;
    const path = `/borchester/committees/${f.committees.scrutiny.slug}`;
    const oldKey = await keyNow(path);
    const page = (headers: Record<string, string> = {}) => stale.request(path, { headers });
    expect(await (await page()).text()).not.toContain("Renamed behind the cache");

    await new Scope(store, f.authorityId, "clerk").update("committee", f.committees.scrutiny.id, {
      description: "Renamed behind the cache",
    });
    const newKey = await keyNow(path);
    expect(newKey).not.toBe(oldKey);
    // Without a proxy's key the process still serves what it trusts (its own window).
    const own = await page();
    expect(own.headers.get("x-accel-expires")).toBeNull();
    // With the proxy's newer key it reads the version again and renders at it: keep it.
    const fresh = await page({ [CACHE_KEY_HEADER]: newKey });
    expect(await fresh.text()).toContain("Renamed behind the cache");
    expect(fresh.headers.get("x-accel-expires")).toBe(String(PROXY_KEEP_SECONDS));
    // A key from before the write, or another council's, names no version this page is at: don't keep it.
    for (const key of [oldKey, await keyNow(`/felpersham/committees/${other.committees.scrutiny.slug}`), "made-up"]) {
      const res = await page({ [CACHE_KEY_HEADER]: key });
      expect(await res.text()).toContain("Renamed behind the cache");
      expect(res.headers.get("x-accel-expires")).toBe("0");
    }
    // The version question for a council's page names that council; an unknown address names none.
    expect(await keyNow(`/felpersham/committees/${other.committees.cabinet.slug}`)).toContain(other.authorityId);
    expect(await keyNow("/nowhere/at/all")).toBe("-");
  });

  it("lets nginx keep its version answer for the freshness window, and nothing stops it", async () => {
    const res = await fetch(`${servers[0]!.url}${PROXY_KEY_PATH}`, { headers: { [ORIGINAL_URI_HEADER]: "/borchester/" } });
    // Kept one second, then served one second more while asked again; a no-store or private
    // here made nginx keep nothing, and every page waited for a web process.
    expect(res.headers.get("cache-control")).toBe("max-age=1, stale-while-revalidate=1");
    expect(res.headers.get("x-accel-expires")).toBeNull();
    // Through nginx: asked again at once, the version comes from nginx's copy (a loaded machine
    // may let a second pass between two requests, so a few are asked).
    const statuses: string[] = [];
    for (let i = 0; i < 20 && !statuses.includes("HIT"); i++)
      statuses.push((await get(`/borchester/committees/${f.committees.cabinet.slug}`)).headers.get("x-version-status") ?? "none");
    expect(statuses).toContain("HIT");
  });

  it("the web server's fast path answers a proxy's key as the app does", async () => {
    const server = servers[0]!;
    const path = `/borchester/people/${f.people.chair.slug}`;
    // An earlier test's write may not yet have reached this server's version poll (on a loaded
    // machine it once moved between the key read here and the page asked with it): wait until
    // the server's key names the version as stored, so no write falls inside this test.
    const exact = createApp(store, { now: () => FIXTURE_NOW, freshnessMs: 0 });
    const stored = (await exact.request(PROXY_KEY_PATH, { headers: { [ORIGINAL_URI_HEADER]: path } })).headers.get(CACHE_KEY_HEADER)!;
    let key = "";
    for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
      key = (await fetch(`${server.url}${PROXY_KEY_PATH}`, { headers: { [ORIGINAL_URI_HEADER]: path } })).headers.get(CACHE_KEY_HEADER)!;
      if (key === stored) break;
    }
    expect(key).toBe(stored);
    const ask = (k: string) => fetch(`${server.url}${path}`, { headers: { [CACHE_KEY_HEADER]: k } });
    const first = await ask(key);
    expect(first.status).toBe(200);
    await first.text();
    // Now kept in the process: answered before the app, with the same rule.
    const kept = await ask(key);
    expect(kept.headers.get("x-accel-expires")).toBe(String(PROXY_KEEP_SECONDS));
    await kept.text();
    const wrong = await ask(`${key}x`);
    expect(wrong.headers.get("x-accel-expires")).toBe("0");
  });
});
