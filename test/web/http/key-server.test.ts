import { spawn } from "node:child_process";
import { getPriority } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, freshStore, type TestStore } from "../../support/stores.js";
import { freePort, sleep, startNginx, VERSION_KEPT_AT_MOST_MS } from "../../support/nginx.js";
import { buildWebFixture, FIXTURE_NOW, markExempt, SECRETS, type WebFixture } from "../../support/web-fixtures.js";
import { ROOT, runCli } from "../../support/run-cli.js";
import { createApp } from "../../../src/web/app.js";
import { startServer } from "../../../src/web/server.js";
import { startKeyServer } from "../../../src/web/http/key-server.js";
import { CACHE_KEY_HEADER, ORIGINAL_URI_HEADER, PROXY_KEY_PATH } from "../../../src/web/http/page-cache.js";

/**
 * `moot keys` answers nginx's version question in the web processes' stead. What we fear: a key
 * that differs from the one a web process would give (a page kept under the wrong council or
 * version), a page nginx keeps served past a write because the key process was not watching, and
 * pages that still wait on the web processes for their key.
 */

describe.each(DIALECTS)("%s: moot keys answers the proxy's version question", (dialect) => {
  let store: TestStore;
  let f: WebFixture;
  let other: WebFixture;
  let keys: Awaited<ReturnType<typeof startKeyServer>>;
  const addresses = () => [
    "/borchester/",
    `/borchester/meetings/${f.meetings.summer}`,
    `/felpersham/committees/${other.committees.cabinet.slug}`,
    "/",
    "/nowhere/at/all",
  ];
  /** The key as the app computes it from the database now (no freshness window). */
  const exactKey = async (path: string) =>
    (
      await createApp(store, { now: () => FIXTURE_NOW, freshnessMs: 0 }).request(PROXY_KEY_PATH, {
        headers: { [ORIGINAL_URI_HEADER]: path },
      })
    ).headers.get(CACHE_KEY_HEADER);
  const askKeys = (origin: string, path: string) => fetch(`${origin}${PROXY_KEY_PATH}`, { headers: { [ORIGINAL_URI_HEADER]: path } });

  beforeAll(async () => {
    store = await freshStore(dialect);
    f = await buildWebFixture(store, { slug: "borchester", name: "Borchester Borough Council" });
    other = await buildWebFixture(store, { slug: "felpersham", name: "Felpersham District Council" });
    keys = await startKeyServer(store, { port: 0, now: () => FIXTURE_NOW });
  });
  afterAll(async () => {
    await keys?.close();
    await store?.cleanup();
  });

  it("gives every address the key a web process gives, keeps it as long, and answers nothing else", async () => {
    for (const path of addresses()) {
      const res = await askKeys(keys.url, path);
      expect(res.status).toBe(200);
      expect(res.headers.get(CACHE_KEY_HEADER), path).toBe(await exactKey(path));
      expect(res.headers.get("cache-control")).toBe("max-age=1, stale-while-revalidate=1");
    }
    expect(await exactKey("/borchester/")).toContain(f.authorityId);
    expect(await exactKey("/nowhere/at/all")).toBe("-");
    for (const path of ["/", "/borchester/", `/borchester/meetings/${f.meetings.summer}`]) {
      const res = await fetch(`${keys.url}${path}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("Borchester");
    }
  });

  it("through nginx: pages it keeps are still answered under a current key with the web processes down, and never past a write", async () => {
    const servers = [
      await startServer(store, { port: 0, now: () => FIXTURE_NOW }),
      await startServer(store, { port: 0, now: () => FIXTURE_NOW }),
    ];
    const nginx = await startNginx(
      servers.map((s) => `127.0.0.1:${s.port}`),
      { keyServers: [`127.0.0.1:${keys.port}`] },
    );
    const meeting = `/borchester/meetings/${f.meetings.summer}`;
    const theirs = `/felpersham/committees/${other.committees.cabinet.slug}`;
    try {
      const get = (path: string) => fetch(`${nginx.url}${path}`, { redirect: "manual" });
      const before = await (await get(meeting)).text();
      expect(before).toContain(SECRETS.itemDescription);
      expect((await get(meeting)).headers.get("x-cache-status")).toBe("HIT");
      await get(theirs);
      expect((await get(theirs)).headers.get("x-cache-status")).toBe("HIT");

      // No web process answers now: the version question can only be answered by moot keys.
      for (const s of servers) await s.close();
      await sleep(VERSION_KEPT_AT_MOST_MS);
      const kept = await get(meeting);
      expect(kept.status).toBe(200);
      expect(kept.headers.get("x-cache-status")).toBe("HIT");
      expect(await kept.text()).toBe(before);

      // A write moves Borchester's key: its kept page is never served again, even with nothing to
      // render a new one; Felpersham's key did not move, and its page is still served.
      await markExempt(store, f);
      await sleep(VERSION_KEPT_AT_MOST_MS);
      const after = await get(meeting);
      expect(after.headers.get("x-cache-status")).not.toBe("HIT");
      expect(await after.text()).not.toContain(SECRETS.itemDescription);
      const still = await get(theirs);
      expect(still.status).toBe(200);
      expect(still.headers.get("x-cache-status")).toBe("HIT");
    } finally {
      await nginx.stop();
      for (const s of servers) await s.close().catch(() => undefined);
    }
  });
});

describe("moot keys and moot proxy-config --keys", () => {
  it("runs as its own process on the configured store, and nginx's configuration sends the question to it", {
    timeout: 120_000,
  }, async () => {
    const store = await freshStore("sqlite");
    try {
      const f = await buildWebFixture(store, { slug: "borchester", name: "Borchester Borough Council" });
      const port = await freePort();
      // Ahead of the rest where it may be (root), else behind: either way at the niceness asked.
      const nice = process.getuid?.() === 0 ? -5 : 5;
      const child = spawn(process.execPath, ["bin/moot.js", "keys", "--port", String(port), "--nice", String(nice)], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: "", MOOT_DATA_DIR: store.dataDir },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout!.on("data", (d) => (out += d));
      child.stderr!.on("data", (d) => (out += d));
      try {
        let key: string | null = null;
        // However long the machine takes to start it.
        for (const until = Date.now() + 100_000; Date.now() < until && key === null; await sleep(100)) {
          if (child.exitCode != null) throw new Error(`moot keys exited: ${out}`);
          key = await askKeyOnce(`http://127.0.0.1:${port}`, "/borchester/").catch(() => null);
        }
        expect(key).toContain(f.authorityId);
        expect(out).toContain("version question");
        expect(getPriority(child.pid)).toBe(nice);
        expect(out).toContain(`at niceness ${nice}`);
      } finally {
        await new Promise((r) => (child.once("exit", r), child.kill("SIGTERM")));
      }
      expect(child.exitCode).toBe(0);

      const conf = await runCli(["proxy-config", "--web", "127.0.0.1:3001", "--keys", "127.0.0.1:3100", "127.0.0.1:3200"]);
      expect(conf.code).toBe(0);
      expect(conf.stdout).toContain("upstream moot_keys { server 127.0.0.1:3100; server 127.0.0.1:3200;");
      expect(conf.stdout).toMatch(/location = \/_moot\/cache-key \{[^}]*proxy_pass http:\/\/moot_keys;/);
      const without = await runCli(["proxy-config", "--web", "127.0.0.1:3001"]);
      expect(without.stdout).not.toContain("moot_keys");
      expect(without.stdout).toMatch(/location = \/_moot\/cache-key \{[^}]*proxy_pass http:\/\/moot;/);
      const bad = await runCli(["proxy-config", "--keys", "not a server"]);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain("--keys not a server: expected host:port");
      for (const v of ["-21", "20", "ten", "1.5"]) {
        const r = await runCli(["keys", "--nice", v], { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
        expect(r.code, v).not.toBe(0);
        expect(r.stderr, v).toMatch(/niceness is a whole number from -20 to 19/);
        expect(r.stderr, v).not.toMatch(/ECONNREFUSED|at .*\.js:\d+/);
      }
      if (process.getuid?.() !== 0) {
        // Without the privilege, a raised priority is refused in one line rather than ignored.
        const r = await runCli(["keys", "--nice", "-5"], { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
        expect(r.code).not.toBe(0);
        expect(r.stderr).toMatch(/--nice -5: not permitted/);
      }
    } finally {
      await store.cleanup();
    }
  });
});

async function askKeyOnce(origin: string, path: string): Promise<string | null> {
  const res = await fetch(`${origin}${PROXY_KEY_PATH}`, { headers: { [ORIGINAL_URI_HEADER]: path } });
  return res.headers.get(CACHE_KEY_HEADER);
}
