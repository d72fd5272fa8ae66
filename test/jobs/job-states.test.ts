import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DIALECTS, freshPostgresUrl } from "../support/stores.js";
import { runCli } from "../support/run-cli.js";
import { migrate, openStore } from "../../src/store/open.js";
import { createAuthority } from "../../src/store/authorities.js";
import { openQueue, queueImport } from "../../src/jobs/queue.js";
import { startWorker } from "../../src/jobs/worker.js";
import { listJobs, type JobRow } from "../../src/jobs/job-list.js";
import { BORSETSHIRE_PACK } from "../../src/ingest/fixtures/borsetshire-pack.js";

describe.runIf(DIALECTS.includes("postgres"))("job states", () => {
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const d of drops) await d();
  });

  // No time box of its own: it waits for the states, however loaded the machine is.
  it("a failing job is retried, then stays failed with its reason and is dead-lettered; `moot jobs` lists every state", {
    timeout: 600_000,
  }, async () => {
    const pg = await freshPostgresUrl();
    drops.push(pg.drop);
    const dataDir = mkdtempSync(join(tmpdir(), "moot-jobs-"));
    const store = openStore({ databaseUrl: pg.url, dataDir });
    await migrate(store);
    await createAuthority(store, { slug: "borsetshire", name: "Borsetshire County Council" });
    const boss = await openQueue(pg.url, { retryLimit: 1, retryDelay: 1 });
    const worker = await startWorker(store, boss, { log: () => {} });
    try {
      const broken = join(dataDir, "broken.pdf");
      writeFileSync(broken, "not a pdf at all");
      const good = join(dataDir, "pack.txt");
      writeFileSync(good, BORSETSHIRE_PACK);
      await queueImport(boss, { path: broken, authority: null, authorityName: null });
      await queueImport(boss, { path: good, authority: null, authorityName: null });
      // Wait (however long the machine takes) until both have settled.
      let jobs: JobRow[] = [];
      while (!(jobs.some((j) => j.state === "dead") && jobs.some((j) => j.state === "done"))) {
        await new Promise((r) => setTimeout(r, 250));
        jobs = await listJobs(boss);
      }
      const failed = jobs.find((j) => j.queue === "moot-import" && j.subject === broken)!;
      expect(failed).toMatchObject({ state: "failed", tries: 2 });
      expect(failed.reason).toMatch(/broken\.pdf: .*not a PDF/);
      expect(jobs.find((j) => j.state === "dead")).toMatchObject({ subject: broken, reason: failed.reason });
      expect(jobs.find((j) => j.subject === good)).toMatchObject({ state: "done", reason: null });

      const cli = await runCli(["jobs"], { DATABASE_URL: pg.url, MOOT_DATA_DIR: dataDir });
      expect(cli.code, cli.stderr).toBe(0);
      expect(cli.stdout).toMatch(/^failed +moot-import .*broken\.pdf\n +reason: .*not a PDF/m);
      expect(cli.stdout).toMatch(/^done +moot-import .*pack\.txt$/m);
      expect(cli.stdout).toMatch(/^dead +moot-dead /m);
    } finally {
      await worker.stop();
      await store.close();
    }
  });
});
