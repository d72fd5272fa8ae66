import { resolve } from "node:path";
import type { Store } from "../store/open.js";
import { MootError } from "../domain/errors.js";
import { importPaths } from "../ingest/import-files.js";
import { authorityResolver } from "../ingest/authority-for.js";
import { ImportJob } from "./queue.js";

/** Imports one queued pack; idempotent by the loader's natural keys, so a retry changes nothing. */
export async function runImportJob(store: Store, input: unknown): Promise<string> {
  const job = ImportJob.parse(input);
  const run = await importPaths(authorityResolver(store, job), [resolve(job.path)]);
  if (run.failures.length) throw new MootError("bad_input", run.failures.map((f) => f.reason).join("; "));
  const created = Object.values(run.counts).reduce((n, c) => n + c.created, 0);
  const updated = Object.values(run.counts).reduce((n, c) => n + c.updated, 0);
  return `${job.path}: ${created} created, ${updated} updated, ${run.review.length} to review`;
}
