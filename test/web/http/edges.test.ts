import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/web/app.js";
import type { App } from "../../../src/web/context.js";
import { ERROR_CODES, MootError } from "../../../src/domain/errors.js";
import { STATUS } from "../../../src/web/http/errors.js";
import { EXIT } from "../../../src/cli/errors.js";
import { safeNext } from "../../../src/web/auth/sign-in.js";
import { addUser } from "../../../src/workflow/accounts.js";
import { MOUNTS } from "../../../src/web/mounts.js";
import { Scope } from "../../../src/store/records.js";
import { freshStore, type TestStore } from "../../support/stores.js";
import { buildWebFixture, FIXTURE_NOW, type WebFixture } from "../../support/web-fixtures.js";
import { EditorClient } from "../../support/editor-client.js";
import { ROOT } from "../../support/run-cli.js";

const MB = 1024 * 1024;

describe("edges of the site", () => {
  let store: TestStore;
  let f: WebFixture;
  let app: App;
  beforeAll(async () => {
    store = await freshStore("sqlite");
    f = await buildWebFixture(store);
    const boom = (a: App) => {
      a.get("/boom-dated", () => {
        throw new MootError("locked", "the minutes of 2026-12-01 are approved");
      });
      a.get("/boom/:code", (c) => {
        throw new MootError(c.req.param("code"), "The plain message.");
      });
      a.get("/api/v1/boom/:code", (c) => {
        throw new MootError(c.req.param("code"), "The plain message.");
      });
      // A refusal as the workflow words it: field key, ISO date and instant.
      a.get("/api/v1/dated", () => {
        throw new MootError("rule", "urgencyReason: the agenda of 2026-12-01 was published at 2026-11-20T09:30:00.000Z");
      });
    };
    app = createApp(store, { now: () => FIXTURE_NOW, extraRoutes: [...MOUNTS, boom] });
  });
  afterAll(() => store?.cleanup());

  it("every error code has its own HTTP status and exit code; none is a 500", async () => {
    const want: Record<string, number> = { conflict: 409, locked: 423, rate_limited: 429, too_large: 413, timeout: 504, rule: 422 };
    for (const code of ERROR_CODES) {
      expect(STATUS[code], code).toBeDefined();
      expect(EXIT[code], code).toBeGreaterThan(1);
      const page = await app.request(`/boom/${code}`);
      const json = await app.request(`/api/v1/boom/${code}`);
      expect(page.status, code).toBe(STATUS[code]);
      expect(json.status, code).toBe(STATUS[code]);
      if (want[code]) expect(page.status, code).toBe(want[code]);
      expect(page.status, code).not.toBe(500);
      expect(await page.text()).toContain("The plain message.");
      expect(await json.json()).toEqual({ error: { code, message: "The plain message." } });
    }
  });

  it("an API error carries a plain message for people, and the code and raw detail for programs", async () => {
    const res = await app.request("/api/v1/dated");
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error: {
        code: "rule",
        message: "Reason for urgency: the agenda of 1 December 2026 was published at 20 November 2026 at 09:30",
        detail: "urgencyReason: the agenda of 2026-12-01 was published at 2026-11-20T09:30:00.000Z",
      },
    });
    const html = await (await app.request("/boom-dated")).text();
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("next after sign-in stays on this site", async () => {
    for (const bad of [
      "//evil.example",
      "/\t/evil.example",
      "/%09/evil.example".replace("%09", "\t"),
      "\\\\evil",
      "/\\evil",
      "javascript:alert(1)",
      "https://evil.example/",
      " /x",
      "/\n/evil.example",
    ]) {
      expect(safeNext(bad), JSON.stringify(bad)).toBe("/editor");
    }
    expect(safeNext("/editor/meetings/1?x=1#a")).toBe("/editor/meetings/1?x=1#a");
    expect(safeNext("/%09/evil.example")).toBe("/%09/evil.example"); // still a path here: the tab stays encoded
    await addUser(new Scope(store, f.authorityId, "test"), { username: "nextclerk", role: "clerk", password: "a long enough password" });
    const c = new EditorClient(app);
    const res = await c.post("/sign-in", { username: "nextclerk", password: "a long enough password", next: "/\t/evil.example" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/editor");
    for (const next of ["%2F%09%2Fevil.example", "%2F%2Fevil.example", "%5C%5Cevil", "javascript%3Aalert(1)"]) {
      const again = await c.get(`/sign-in?next=${next}`);
      expect(again.status, next).toBe(303);
      expect(again.headers.get("location"), next).toBe("/editor");
    }
  });

  it("a declared oversize body is refused with 413 before a byte of it is read", async () => {
    let read = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctl) {
        read += 64 * 1024;
        ctl.enqueue(new Uint8Array(64 * 1024));
        if (read >= 50 * MB) ctl.close();
      },
    });
    const res = await app.request("/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(50 * MB) },
      body,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/more than the 64 KB this site accepts from a form/);
    expect(read).toBeLessThanOrEqual(128 * 1024); // the stream's own read-ahead, never the body
  });

  it("a streamed oversize body is cut off at the limit", async () => {
    let read = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctl) {
        read += 16 * 1024;
        ctl.enqueue(new Uint8Array(16 * 1024).fill(97));
        if (read >= 50 * MB) ctl.close();
      },
    });
    const res = await app.request("/mgWebService.asmx", {
      method: "POST",
      headers: { "content-type": "text/xml", "transfer-encoding": "chunked" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(read).toBeLessThan(1 * MB);
  });

  it("feeds send editor text as text: a title with markup reaches readers escaped", async () => {
    const s = new Scope(store, f.authorityId, "clerk");
    await s.update("document", f.documents.report, { title: 'Library <script>alert("x")</script> & <b>bold</b>' });
    const atom = await (await app.request("/feeds/papers.atom")).text();
    expect(atom).toContain("Library &lt;script&gt;");
    expect(atom).not.toMatch(/<script|<b>/);
    const rss = await (await app.request("/feeds/papers.rss")).text();
    expect(rss).not.toMatch(/<script|<b>/);
  });

  it("links are http(s) only: a javascript: webcast is refused, and one stored earlier is not a link", async () => {
    const s = new Scope(store, f.authorityId, "clerk");
    for (const bad of ["javascript:alert(1)", "data:text/html,hi", "JAVASCRIPT:alert(1)", "vbscript:x"]) {
      await expect(s.update("meeting", f.meetings.summer, { webcastUrl: bad }), bad).rejects.toMatchObject({ code: "invalid" });
    }
    await s.update("meeting", f.meetings.summer, { webcastUrl: "https://video.example/live" });
    await store.db.updateTable("meeting").set({ webcastUrl: "javascript:alert(1)" }).where("id", "=", f.meetings.summer).execute();
    const html = await (await app.request(`/meetings/${f.meetings.summer}`)).text();
    expect(html).not.toContain("javascript:");
  });
});

/** CPU time (user and system, every thread) a process has used, in milliseconds, from /proc. */
function cpuMsOf(pid: number): number {
  // Fields after the command name's closing parenthesis: state is field 3, utime 14, stime 15.
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ").at(-1)!.split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Math.round((ticks * 1000) / CLOCK_TICKS);
}
const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** Peak and current resident memory of a process, in bytes, from /proc. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)![1]) * 1024;
  return { rss: kb("VmRSS"), peak: kb("VmHWM") };
}

/** Sends `total` bytes to the server as one POST, from one reused buffer, and returns the status. */
function bigPost(url: string, path: string, total: number, declared: boolean): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, 97);
  return new Promise((resolve, reject) => {
    const u = new URL(path, url);
    const req = request(u, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(declared ? { "content-length": String(total) } : {}) },
    });
    req.on("response", (res) => {
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => {
        if (process.env.MOOT_DEBUG) console.log(res.statusCode, text.slice(0, 300));
      });
      resolve(res.statusCode ?? 0);
    });
    // The server may close the connection once it has answered: that is the point.
    req.on("error", (e) => (/ECONNRESET|EPIPE/.test(String(e)) ? undefined : reject(e)));
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
        sent += part.length;
        if (!req.write(part)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

describe("a 50 MB anonymous POST to a running server", () => {
  let store: TestStore;
  let server: ChildProcess;
  let url = "";
  beforeAll(async () => {
    store = await freshStore("sqlite");
    await buildWebFixture(store);
    await store.close();
    server = spawn(process.execPath, [`${ROOT}/bin/moot.js`, "serve", "--port", "0", "--no-demo"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: "", MOOT_DATA_DIR: store.dataDir, SMTP_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Wait for the server to say it is ready: start-up time is not part of what is measured.
    url = await new Promise<string>((resolve, reject) => {
      let out = "";
      server.stdout!.on("data", (d) => {
        out += d;
        const m = / at (http:\/\/[\d.:]+)/.exec(out);
        if (m) resolve(m[1]);
      });
      server.stderr!.on("data", (d) => (out += d));
      server.on("exit", (code) => reject(new Error(`server exited ${code}: ${out}`)));
    });
  }, 120_000);
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
    await store?.cleanup().catch(() => undefined);
  });

  it("is refused with 413 in under a second of server time, and the server's memory does not grow by more than a few MB", async () => {
    // Warm up the route once, so what follows measures the body and not the first request.
    expect(await bigPost(url, "/sign-in", 1024, true)).toBe(403);
    const before = memoryOf(server.pid!);
    const cpuBefore = cpuMsOf(server.pid!);
    expect(await bigPost(url, "/sign-in", 50 * MB, true)).toBe(413);
    expect(await bigPost(url, "/sign-in", 50 * MB, false)).toBe(413);
    const after = memoryOf(server.pid!);
    // The server's own CPU time (all its threads), not the wall clock: a loaded machine slows
    // the sending, not what the server spends refusing.
    const cpuMs = cpuMsOf(server.pid!) - cpuBefore;
    const grewBy = (after.peak - before.peak) / MB;
    console.log(
      `server peak RSS before ${(before.peak / MB).toFixed(1)} MB, after two 50 MB POSTs ${(after.peak / MB).toFixed(1)} MB; server CPU ${cpuMs} ms for both`,
    );
    expect(grewBy).toBeLessThan(8);
    expect(cpuMs / 2).toBeLessThan(1000);
  }, 120_000);
});
