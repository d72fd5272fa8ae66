/**
 * What `moot eval` walks: every document in the shared corpus that has a gold file (any folder
 * but the pool, any format), and every document of the pool (scored against its MANIFEST.tsv).
 * Each document is named by its body, so scores can be grouped per body and the bodies set
 * aside in eval/holdout.json reported on their own.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export interface GoldDoc {
  stem: string;
  file: string;
  gold: string;
  folder: string;
  body: string;
}

export interface PoolDoc {
  stem: string;
  file: string;
  body: string;
}

/** Files that sit beside documents but are not documents. */
const NOT_DOCUMENTS = /^(SOURCES\.md|README\.md|FORMAT\.md|MANIFEST\.tsv)$|\.gold\.json$/i;

/** "tintern-cc-2018-06-25-minutes" -> "tintern-cc"; names with no date keep their whole stem. */
export function bodyOfStem(stem: string): string {
  const m = /^(.*?)-(?:\d{4}-\d{2}-\d{2})\b/.exec(stem);
  return m ? m[1]! : stem;
}

/** Every gold file under `corpus` except the pool, paired with the document of the same stem. */
export function goldDocuments(corpus: string): GoldDoc[] {
  const found: GoldDoc[] = [];
  const walk = (dir: string) => {
    const names = readdirSync(dir).sort();
    for (const n of names) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) {
        if (n !== "pool" && !n.startsWith(".")) walk(p);
        continue;
      }
      if (!n.endsWith(".gold.json")) continue;
      const stem = n.slice(0, -".gold.json".length);
      const doc = names.find((x) => x !== n && x.startsWith(`${stem}.`) && !NOT_DOCUMENTS.test(x));
      if (!doc) continue;
      const gold = join(dir, n);
      const folder = relative(corpus, dir) || ".";
      // The seed packs are named by hash; their body is the authority their gold names.
      const body =
        folder === "." ? ((JSON.parse(readFileSync(gold, "utf8")) as { authority?: string | null }).authority ?? stem) : bodyOfStem(stem);
      found.push({ stem, file: join(dir, doc), gold, folder, body });
    }
  };
  if (existsSync(corpus)) walk(corpus);
  return found;
}

/** Every document listed in the pool's manifest that is present on disk. */
export function poolDocuments(pool: string): PoolDoc[] {
  const manifest = join(pool, "MANIFEST.tsv");
  if (!existsSync(manifest)) return [];
  const lines = readFileSync(manifest, "utf8").split(/\r?\n/).filter(Boolean);
  lines.shift();
  return lines
    .map((l) => l.split("\t")[0]!)
    .filter((f) => existsSync(join(pool, f)) && !NOT_DOCUMENTS.test(f))
    .map((f) => {
      const stem = f.replace(/\.[^.]+$/, "");
      return { stem, file: join(pool, f), body: bodyOfStem(stem) };
    });
}

/** A body is held out when its name is one of the holdout bodies (a pool's "-apm" names count too). */
export function isHeldOut(body: string, holdout: readonly string[]): boolean {
  return holdout.some((h) => body === h || body.startsWith(`${h}-`) || body.replace(/-apm$/, "-pc") === h);
}
