import { afterAll, describe, expect, it } from "vitest";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { loadDemo } from "../../src/demo/demo-council.js";
import { Scope } from "../../src/store/records.js";
import { openQueue, queuePack } from "../../src/jobs/queue.js";
import { runPackJob } from "../../src/jobs/pack-job.js";
import { startWorker } from "../../src/jobs/worker.js";
import { queueImport } from "../../src/jobs/queue.js";
import { runImportJob } from "../../src/jobs/import-job.js";
import { BORSETSHIRE_PACK } from "../../src/ingest/fixtures/borsetshire-pack.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

describe("queued jobs", () => {
  const stores: TestStore[] = [];
  afterAll(async () => {
    for (const s of stores) await s.cleanup();
  });

  it("runs in-process on SQLite and replaces, not duplicates, the pack document", async () => {
    const store = await freshStore("sqlite");
    stores.push(store);
    const { authorityId } = await loadDemo(store, { today: "2026-11-24" });
    const meeting = await store.db.selectFrom("meeting").select("id").where("status", "=", "held").limit(1).executeTakeFirstOrThrow();
    const first = await runPackJob(store, { authorityId, meetingId: meeting.id, audience: "public" });
    const again = await runPackJob(store, { authorityId, meetingId: meeting.id, audience: "public" });
    expect(again.documentId).toBe(first.documentId);
    expect(first.pages).toBeGreaterThanOrEqual(2);
    const docs = await new Scope(store, authorityId, "t").list("document", { meetingId: meeting.id, kind: "agenda-pack" });
    expect(docs.length).toBe(1);
    expect(await store.files.has(first.sha256)).toBe(true);
    await expect(runPackJob(store, { authorityId, meetingId: "nope", audience: "public" })).rejects.toMatchObject({ code: "not_found" });
  });

  it.runIf(DIALECTS.includes("postgres"))("a worker works queued pack builds and imports on PostgreSQL", async () => {
    const store = await freshStore("postgres");
    stores.push(store);
    const { authorityId } = await loadDemo(store, { today: "2026-11-24" });
    const meeting = await store.db.selectFrom("meeting").select("id").where("status", "=", "held").limit(1).executeTakeFirstOrThrow();
    const boss = await openQueue(await urlOf(store));
    const lines: string[] = [];
    const worker = await startWorker(store, boss, { log: (l) => lines.push(l) });
    try {
      expect(await queuePack(boss, { authorityId, meetingId: meeting.id, audience: "members" })).toBeTruthy();
      const deadline = Date.now() + 60_000;
      let docs: unknown[] = [];
      while (Date.now() < deadline && docs.length === 0) {
        await new Promise((r) => setTimeout(r, 300));
        docs = await store.db
          .selectFrom("document")
          .select(["id", "exemptParagraph"])
          .where("meetingId", "=", meeting.id)
          .where("kind", "=", "agenda-pack")
          .execute();
      }
      expect(docs).toEqual([expect.objectContaining({ exemptParagraph: 3 })]);
      expect(lines.join("\n")).toMatch(/moot-pack .*pages/);

      // An import, queued twice: the second run is a no-op by the loader's natural keys.
      const file = join(mkdtempSync(join(tmpdir(), "moot-job-")), "borsetshire-pack.txt");
      writeFileSync(file, BORSETSHIRE_PACK);
      expect(await queueImport(boss, { path: file, authority: null, authorityName: null })).toBeTruthy();
      while (Date.now() < deadline && !lines.some((l) => l.startsWith("moot-import"))) await new Promise((r) => setTimeout(r, 300));
      expect(lines.find((l) => l.startsWith("moot-import"))).toMatch(/[1-9]\d* created/);
      expect(await runImportJob(store, { path: file, authority: null, authorityName: null })).toMatch(/ 0 created, 0 updated/);
    } finally {
      await worker.stop();
    }
  });
});

async function urlOf(store: TestStore): Promise<string> {
  const url = new URL(process.env.MOOT_TEST_POSTGRES_URL!);
  url.pathname = `/${(await store.db.selectNoFrom((eb) => eb.fn<string>("current_database", []).as("db")).executeTakeFirstOrThrow()).db}`;
  return url.toString();
}
