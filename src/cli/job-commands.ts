import type { Command } from "commander";

export function registerJobCommands(program: Command): void {
  program
    .command("worker")
    .description("work queued imports and pack builds (PostgreSQL only; run as many as you like)")
    .action(async () => {
      const { configFromEnv, migrate, openStore } = await import("../store/open.js");
      const { databaseUrlOf, openQueue } = await import("../jobs/queue.js");
      const { startWorker } = await import("../jobs/worker.js");
      const store = openStore(configFromEnv());
      try {
        const url = databaseUrlOf(store);
        await migrate(store);
        const boss = await openQueue(url);
        const worker = await startWorker(store, boss);
        console.log(`moot worker: working queued jobs on ${store.describe}`);
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once("SIGINT", stop);
          process.once("SIGTERM", stop);
        });
        await worker.stop();
      } finally {
        await store.close();
      }
    });
}
