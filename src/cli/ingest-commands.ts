import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { MootError } from "../domain/errors.js";
import type { ImportRun } from "../ingest/import-files.js";
import { withStore } from "./store-commands.js";
import type { Store } from "../store/open.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function printSummary(run: ImportRun, seconds: number, describe: string): void {
  const imported = run.files.length;
  console.log(
    `Imported ${imported} file(s)${run.failures.length ? `, ${run.failures.length} failed` : ""} into ${describe} in ${seconds.toFixed(1)} s`,
  );
  const rows = Object.entries(run.counts).sort(([a], [b]) => a.localeCompare(b));
  if (rows.length) {
    const w = Math.max(6, ...rows.map(([t]) => t.length));
    console.log(`  ${"record".padEnd(w)}  created  updated  unchanged`);
    for (const [t, c] of rows)
      console.log(
        `  ${t.padEnd(w)}  ${String(c.created).padStart(7)}  ${String(c.updated).padStart(7)}  ${String(c.unchanged).padStart(9)}`,
      );
  }
  if (run.review.length) {
    console.log(`Low-confidence values to check (${run.review.length}):`);
    for (const r of run.review) {
      console.log(
        `  ${basename(r.source)}${r.page ? ` p.${r.page}` : ""}: ${r.recordTable}.${r.field} "${r.value.slice(0, 80)}" (${r.confidence.toFixed(2)}; ${r.reason})`,
      );
    }
  }
  for (const w of run.warnings) console.log(`warning: ${w}`);
}

export function registerIngestCommands(program: Command): void {
  program
    .command("extract")
    .description("extract agenda packs to Extraction JSON (FORMAT.md), one NAME.json per pack; no database")
    .argument("<files...>", "documents (.pdf, .html, .htm, .docx, .txt, .md) or directories of them")
    .option("-o, --out <dir>", "directory to write NAME.json into", ".")
    .action(async (files: string[], opts: { out: string }) => {
      // Modules load per command, so `moot --help` starts fast.
      const { expandPaths } = await import("../ingest/pack-paths.js");
      const { extractAll } = await import("../ingest/extract-pool.js");
      await mkdir(opts.out, { recursive: true });
      let failed = 0;
      let missing = 0;
      // Files are extracted on every core; results come back, and are written, in order.
      for await (const r of extractAll(await expandPaths(files))) {
        const file = r.path;
        if (!r.ok) {
          failed++;
          if (r.code === "not_found") missing++;
          console.error(`moot: ${r.message}`);
          continue;
        }
        const { extraction, warnings } = r.extracted;
        for (const w of warnings) console.error(`warning: ${file}: ${w}`);
        const target = join(opts.out, `${basename(file, extname(file))}.json`);
        // The file's page text rides on the Extraction for the loader; the export is FORMAT.md's shape.
        const { pages: _text, ...shape } = extraction;
        await writeFile(target, `${JSON.stringify(shape, null, 2)}\n`);
        console.log(`${file} → ${target}`);
      }
      // 66 (EX_NOINPUT) when a named path does not exist, 65 for files that could not be read.
      if (failed) process.exitCode = missing ? 66 : 65;
    });

  program
    .command("import")
    .description("import agenda packs into the database (each file in its own transaction; re-importing changes nothing)")
    .argument("<paths...>", "documents (.pdf, .html, .htm, .docx, .txt, .md) or directories of them")
    .option("-a, --authority <slug>", "authority to import into (default: the one the pack names)")
    .option("--authority-name <name>", "name for the authority when it has to be created")
    .option("--queue", "queue each file for `moot worker` (PostgreSQL) instead of importing here")
    .option("--from <system>", "import saved responses of another system instead of packs: moderngov (mgWebService.asmx XML)")
    .action((paths: string[], opts: { authority?: string; authorityName?: string; queue?: boolean; from?: string }) =>
      withStore(async (store) => {
        if (opts.from !== undefined && opts.from !== "moderngov")
          throw new MootError("invalid", `--from ${opts.from}: the only other system Moot imports from is moderngov`);
        if (opts.from === "moderngov") return (await import("./moderngov-commands.js")).importModernGovCommand(store, paths, opts);
        if (opts.queue) return queueImports(store, paths, opts);
        const { importPaths } = await import("../ingest/import-files.js");
        const { authorityResolver } = await import("../ingest/authority-for.js");
        const { importProgress } = await import("./import-progress.js");
        const started = performance.now();
        const view = importProgress({ stream: process.stdout });
        let run: ImportRun;
        try {
          run = await importPaths(
            authorityResolver(store, { ...opts, onCreate: (a) => console.error(`Created authority ${a.name} (${a.slug})`) }),
            paths,
            { onProgress: (p) => view.update(p) },
          );
        } finally {
          view.stop();
        }
        printSummary(run, (performance.now() - started) / 1000, store.describe);
        for (const f of run.failures) console.error(`moot: ${f.reason}`);
        if (run.failures.length) process.exitCode = run.failures.some((f) => / no such file$/.test(f.reason)) ? 66 : 65;
      }),
    );

  program
    .command("eval")
    .description("score extraction over the shared corpus (../shared): every gold document, per body and section, and the pool")
    .option("--shared <dir>", "the shared folder", resolve(ROOT, "../shared"))
    .option("-o, --out <dir>", "keep the extractions in this directory")
    .option("--check", "fail when a document falls below eval/floors.json or a pool measure drops")
    .option("--write-floors", "write this run's figures to eval/floors.json")
    .option("--floors <file>", "the floors file (default eval/floors.json)")
    .option("--no-pool", "leave out the pool (documents without gold)")
    .option("--misses", "list the pool documents that miss a measure")
    .action(
      (opts: {
        shared: string;
        out?: string;
        check?: boolean;
        writeFloors?: boolean;
        pool: boolean;
        misses?: boolean;
        floors?: string;
      }) => {
        const shared = resolve(opts.shared);
        if (!existsSync(join(shared, "corpus")) || !existsSync(join(shared, "tools", "score-extraction.mjs"))) {
          console.log(`No corpus to evaluate: ${shared} has no corpus/ and tools/score-extraction.mjs. Nothing to do.`);
          return;
        }
        const args = [
          join(ROOT, "bin/run-ts.js"),
          join(ROOT, "scripts/eval.ts"),
          "--shared",
          shared,
          ...(opts.out ? ["--out", resolve(opts.out)] : []),
          ...(opts.check ? ["--check"] : []),
          ...(opts.writeFloors ? ["--write-floors"] : []),
          ...(opts.pool ? [] : ["--no-pool"]),
          ...(opts.misses ? ["--misses"] : []),
          ...(opts.floors ? ["--floors", resolve(opts.floors)] : []),
        ];
        const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "inherit" });
        if (r.error) throw new MootError("config", `cannot run the evaluation: ${r.error.message}`);
        if (r.status !== 0) process.exitCode = r.status ?? 1;
      },
    );
}

async function queueImports(store: Store, paths: string[], opts: { authority?: string; authorityName?: string }): Promise<void> {
  const { databaseUrlOf, openQueue, queueImport } = await import("../jobs/queue.js");
  const { expandPaths } = await import("../ingest/pack-paths.js");
  const boss = await openQueue(databaseUrlOf(store));
  try {
    for (const file of await expandPaths(paths)) {
      const id = await queueImport(boss, {
        path: resolve(file),
        authority: opts.authority ?? null,
        authorityName: opts.authorityName ?? null,
      });
      console.log(id ? `queued ${file} (job ${id})` : `${file} is already queued`);
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
