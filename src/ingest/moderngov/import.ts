import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { MootError } from "../../domain/errors.js";
import { londonToday } from "../../domain/time.js";
import type { Scope } from "../../store/records.js";
import { emptyCounts, ModernGovLoader, type LoadCounts } from "./load.js";
import { parseModernGov, type MgResponse } from "./parse.js";

export interface ModernGovImportRun {
  files: Array<{ file: string; kind: MgResponse["kind"] }>;
  failures: Array<{ file: string; reason: string }>;
  counts: LoadCounts;
}

/** Saved responses: files as given, directories walked for .xml, sorted by name. */
async function expand(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const s = await stat(p).catch(() => null);
    if (!s?.isDirectory()) {
      out.push(p);
      continue;
    }
    const entries = (await readdir(p, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    out.push(...entries.filter((e) => e.isFile() && extname(e.name).toLowerCase() === ".xml").map((e) => join(p, e.name)));
    out.push(...(await expand(entries.filter((e) => e.isDirectory()).map((e) => join(p, e.name)))));
  }
  return out;
}

// Committees before the meetings that name them, meetings before their detail.
const ORDER: Record<MgResponse["kind"], number> = { committees: 0, councillors: 1, meetings: 2, meeting: 3 };

/**
 * `moot import --from moderngov`: each response in its own transaction, in dependency order
 * whatever order the files were named in. A file that is not a ModernGov response (an error
 * or redirect page saved by a scraper) is reported with its reason and leaves no rows.
 */
export async function importModernGov(scope: Scope, paths: string[], now: Date = new Date()): Promise<ModernGovImportRun> {
  const run: ModernGovImportRun = { files: [], failures: [], counts: emptyCounts() };
  const parsed: Array<{ file: string; response: MgResponse }> = [];
  for (const file of await expand(paths)) {
    try {
      const text = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
        throw new MootError("bad_input", `${file}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
      });
      parsed.push({ file, response: parseModernGov(text, file) });
    } catch (e) {
      run.failures.push({ file, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  parsed.sort((a, b) => ORDER[a.response.kind] - ORDER[b.response.kind]);
  const today = londonToday(now);
  for (const { file, response } of parsed) {
    const counts = emptyCounts();
    try {
      await scope.transaction((s) => new ModernGovLoader(s, today, counts).load(response));
      run.files.push({ file, kind: response.kind });
      for (const [k, v] of Object.entries(counts.created)) run.counts.created[k] = (run.counts.created[k] ?? 0) + v;
      for (const [k, v] of Object.entries(counts.updated)) run.counts.updated[k] = (run.counts.updated[k] ?? 0) + v;
      run.counts.unchanged += counts.unchanged;
    } catch (e) {
      run.failures.push({ file, reason: `${file}: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  return run;
}
