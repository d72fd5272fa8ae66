import { afterAll, describe, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import { DIALECTS, freshPostgresUrl } from "../support/stores.js";
import { ALERT_QUEUES, DEAD_LETTER, openQueue, QUEUES } from "../../src/jobs/queue.js";

/**
 * Several workers (and web processes) started together on a new database each set up the job
 * queues. Two pg-boss queue set-ups at once deadlocked in PostgreSQL, and the loser's
 * `moot worker` exited with "deadlock detected" (seen starting the benchmark's two workers); with
 * only queue creation taken in turns, pg-boss's own start (its cron queue) still deadlocked, 1 run in 4.
 */
describe.runIf(DIALECTS.includes("postgres"))("job queue set-up", () => {
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const d of drops) await d();
  });

  it("sets the queues up once however many processes open them at the same moment", { timeout: 600_000 }, async () => {
    for (let round = 0; round < 5; round++) {
      const pg = await freshPostgresUrl();
      drops.push(pg.drop);
      const opened = await Promise.allSettled(Array.from({ length: 6 }, () => openQueue(pg.url)));
      const bosses = opened.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
      try {
        expect(opened.filter((o) => o.status === "rejected").map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
        const queues = (await bosses[0]!.getQueues()).map((q: { name: string }) => q.name);
        for (const name of [...Object.values(QUEUES), ...Object.values(ALERT_QUEUES), DEAD_LETTER]) expect(queues).toContain(name);
      } finally {
        await Promise.all(bosses.map((b: PgBoss) => b.stop({ graceful: false, wait: true })));
      }
    }
  });
});
