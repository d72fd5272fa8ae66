import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BORSETSHIRE_PACK } from "../../src/ingest/fixtures/borsetshire-pack.js";
import { FileStore } from "../../src/store/files.js";
import { openStore } from "../../src/store/open.js";
import { originalInUse } from "../../src/store/queries/originals.js";
import { ROOT, runCli } from "../support/run-cli.js";
import { DIALECTS, freshPostgresUrl } from "../support/stores.js";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "moot-killed-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Starts an import in its own process and kill -9s it once the original is on disk, before the commit. */
function importKilledMidway(file: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "bin/run-ts.js"), join(ROOT, "test/ingest/killed-import-child.ts"), file], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.stdout.on("data", (d: Buffer) => {
      if (d.toString().includes("original written")) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("close", (code, signal) =>
      signal === "SIGKILL" ? resolve() : reject(new Error(`the import was not killed (exit ${code}): ${err}`)),
    );
  });
}

const OTHER_PACK = BORSETSHIRE_PACK.replace(/Hedgerow/g, "Hawthorn");

for (const dialect of DIALECTS) {
  describe(`${dialect}: an import killed between writing its original and committing`, () => {
    it("leaves an original no document refers to, and the next run removes it", async () => {
      const dataDir = tmp();
      const pg = dialect === "postgres" ? await freshPostgresUrl() : null;
      const env = { MOOT_DATA_DIR: dataDir, ...(pg ? { DATABASE_URL: pg.url } : {}) };
      const store = openStore({ dataDir, databaseUrl: pg?.url ?? null });
      try {
        const packs = tmp();
        const first = join(packs, "borsetshire-2024-04-10.txt");
        const second = join(packs, "borsetshire-other.txt");
        writeFileSync(first, BORSETSHIRE_PACK);
        writeFileSync(second, OTHER_PACK);
        const sha = FileStore.sha256(Buffer.from(BORSETSHIRE_PACK));

        await importKilledMidway(first, env);
        // The kill left the original on disk, its claim beside it, and no document: the orphan we fear.
        expect(existsSync(store.files.pathOf(sha))).toBe(true);
        expect(readdirSync(join(dataDir, "files", ".claims"))).toHaveLength(1);
        expect(await originalInUse(store, sha)).toBe(false);

        // The next run, of another file, cleans it up and keeps its own.
        const next = await runCli(["import", second], env);
        expect(next.code, next.stderr).toBe(0);
        expect(existsSync(store.files.pathOf(sha))).toBe(false);
        expect(readdirSync(join(dataDir, "files", ".claims"))).toEqual([]);
        const kept = FileStore.sha256(Buffer.from(OTHER_PACK));
        expect(existsSync(store.files.pathOf(kept))).toBe(true);
        expect(await originalInUse(store, kept)).toBe(true);

        // Every original left on disk is referenced by a document.
        const stored = readdirSync(join(dataDir, "files"))
          .filter((d) => /^[0-9a-f]{2}$/.test(d))
          .flatMap((d) => readdirSync(join(dataDir, "files", d)).map((f) => d + f));
        for (const s of stored) expect(await originalInUse(store, s), s).toBe(true);

        // And the killed file imports cleanly afterwards.
        const again = await runCli(["import", first], env);
        expect(again.code, again.stderr).toBe(0);
        expect(await originalInUse(store, sha)).toBe(true);
        expect(existsSync(store.files.pathOf(sha))).toBe(true);
      } finally {
        await store.close();
        await pg?.drop();
      }
    }, 120_000);
  });
}
