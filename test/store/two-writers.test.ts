import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { ROOT } from "../support/run-cli.js";
import { DIALECTS, expectSqliteWriterHeld, freshStore, type TestStore } from "../support/stores.js";

interface Result {
  ok: boolean;
  created?: boolean;
  id?: string;
  code?: string | null;
  message?: string;
}

/** A writer in its own process (two-writers-child.ts); `line(x)` resolves once it has printed x. */
function writer(args: object) {
  const child = spawn(
    process.execPath,
    [join(ROOT, "bin/run-ts.js"), join(ROOT, "test/store/two-writers-child.ts"), JSON.stringify(args)],
    {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const waiting = new Map<string, () => void>();
  const seen = new Set<string>();
  let result: Result | undefined;
  createInterface({ input: child.stdout }).on("line", (l) => {
    if (l.startsWith("{")) result = JSON.parse(l);
    seen.add(l);
    waiting.get(l)?.();
  });
  const done = new Promise<Result>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => (code === 0 && result ? resolve(result) : reject(new Error(`writer exited ${code}: ${stderr}`))));
  });
  return {
    done,
    line: (l: string) => (seen.has(l) ? Promise.resolve() : new Promise<void>((r) => waiting.set(l, r))),
    send: (l: string) => child.stdin.write(`${l}\n`),
  };
}

/**
 * Two processes write the same natural key at once, each in a transaction that reads before it
 * writes: both finish, one row. On SQLite the first transaction holds the write lock from its
 * BEGIN (BEGIN IMMEDIATE), so the second waits for its commit and then reads it, instead of
 * reading an old snapshot and failing with SQLITE_BUSY when it comes to write.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: two writing processes on one natural key`, () => {
    let store: TestStore;
    beforeEach(async () => {
      store = await freshStore(dialect);
    });
    afterEach(() => store?.cleanup());

    it("both finish and leave one row", async () => {
      const a = await createAuthority(store, { slug: "north", name: "North Council" });
      const s = new Scope(store, a.id, "test");
      const c = await s.create("committee", { slug: "planning", name: "Planning", kind: "regulatory" });
      const m = await s.create("meeting", { committeeId: c.id, localDate: "2026-01-10", startsAt: "2026-01-10T18:00:00Z" });
      const args = { dataDir: store.dataDir, databaseUrl: store.databaseUrl ?? null, authorityId: a.id, meetingId: m.id };

      const first = writer({ ...args, title: "Apologies" });
      await first.line("ready");
      first.send("go");
      await first.line("read");
      if (dialect === "sqlite") {
        // The first transaction has only read so far, yet no one else may start writing.
        expectSqliteWriterHeld(store);
      }
      const second = writer({ ...args, title: "Apologies for absence" });
      await second.line("ready");
      second.send("go");
      second.send("write");
      first.send("write");
      const results = await Promise.all([first.done, second.done]);
      expect(results.map((r) => r.ok)).toEqual([true, true]);
      expect(results.map((r) => r.created).sort()).toEqual([false, true]);
      expect(results[0]!.id).toBe(results[1]!.id);
      expect((await s.list("agenda_item", { meetingId: m.id })).length).toBe(1);
    }, 120_000);
  });
}
