import { MootError } from "../domain/errors.js";
import { slugify } from "../domain/slug.js";
import { importModernGov } from "../ingest/moderngov/import.js";
import { authorityBySlug, createAuthority, listAuthorities } from "../store/authorities.js";
import type { Store } from "../store/open.js";
import { Scope } from "../store/records.js";

/** `moot import --from moderngov PATH…`: saved mgWebService.asmx responses into one authority. */
export async function importModernGovCommand(
  store: Store,
  paths: string[],
  opts: { authority?: string; authorityName?: string },
): Promise<void> {
  const slug = opts.authority ?? (opts.authorityName ? slugify(opts.authorityName) : undefined);
  let authority = slug ? await authorityBySlug(store, slug) : undefined;
  if (!authority && slug) {
    if (!opts.authorityName) throw new MootError("not_found", `no authority "${slug}" (give --authority-name to create it)`);
    authority = await createAuthority(store, { slug, name: opts.authorityName });
    console.error(`Created authority ${authority.name} (${authority.slug})`);
  }
  if (!authority) {
    const all = await listAuthorities(store);
    if (all.length !== 1)
      throw new MootError(
        "invalid",
        "ModernGov responses never name their council: give --authority SLUG (and --authority-name NAME to create it)",
      );
    authority = all[0];
  }
  const started = performance.now();
  const run = await importModernGov(new Scope(store, authority.id, "import:moderngov"), paths);
  const list = (c: Record<string, number>) =>
    Object.entries(c)
      .map(([k, v]) => `${v} ${k.replace(/_/g, " ")}`)
      .join(", ") || "none";
  console.log(
    `Imported ${run.files.length} ModernGov response(s)${run.failures.length ? `, ${run.failures.length} failed` : ""} into ${authority.name} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(`  created: ${list(run.counts.created)}; updated: ${list(run.counts.updated)}; unchanged: ${run.counts.unchanged}`);
  for (const f of run.failures) console.error(`moot: ${f.reason}`);
  if (run.failures.length) process.exitCode = 65;
}
