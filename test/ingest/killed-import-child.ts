import { authorityResolver } from "../../src/ingest/authority-for.js";
import { importPaths } from "../../src/ingest/import-files.js";
import { configFromEnv, migrate, openStore } from "../../src/store/open.js";

/**
 * For killed-import.test.ts: imports the file named on the command line as `moot import`
 * does, and stops dead once the original is written but before the transaction commits,
 * saying so on stdout, so the test can kill -9 it at exactly that point.
 */
const store = openStore(configFromEnv());
await migrate(store);
await importPaths(authorityResolver(store, {}), [process.argv[2]!], {
  onStage: async (stage) => {
    if (stage !== "original") return;
    process.stdout.write("original written\n");
    await new Promise(() => {}); // hold the transaction open until killed
  },
});
