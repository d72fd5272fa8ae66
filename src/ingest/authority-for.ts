import type { Authority } from "../domain/authority.js";
import { MootError } from "../domain/errors.js";
import { slugify } from "../domain/slug.js";
import { authorityBySlug, createAuthority, listAuthorities } from "../store/authorities.js";
import type { Store } from "../store/open.js";
import { Scope } from "../store/records.js";
import type { ScopeFor } from "./import-files.js";

export interface AuthorityChoice {
  /** Slug of the authority to import into; otherwise the one the pack names. */
  authority?: string | null;
  /** Name to create the authority with when it is new. */
  authorityName?: string | null;
  onCreate?: (a: Authority) => void;
}

/** The authority each pack goes to: --authority, else the name the pack prints (created on first sight). */
export function authorityResolver(store: Store, opts: AuthorityChoice): ScopeFor {
  const scopes = new Map<string, Scope>();
  const scopeOf = async (slug: string, name: string | undefined, file: string): Promise<Scope> => {
    const cached = scopes.get(slug);
    if (cached) return cached;
    let a = await authorityBySlug(store, slug);
    if (!a) {
      if (!name) throw new MootError("not_found", `${file}: no authority "${slug}" (give --authority-name to create it)`);
      a = await createAuthority(store, { slug, name });
      opts.onCreate?.(a);
    }
    const scope = new Scope(store, a.id, "import");
    scopes.set(slug, scope);
    return scope;
  };
  return async (extracted, file) => {
    if (opts.authority) return scopeOf(opts.authority, opts.authorityName ?? undefined, file);
    const name = extracted.extraction.authority ?? opts.authorityName ?? undefined;
    if (name) return scopeOf(slugify(name), name, file);
    const all = await listAuthorities(store);
    if (all.length === 1) return scopeOf(all[0]!.slug, undefined, file);
    throw new MootError("invalid", `${file}: the pack never names its authority; give --authority SLUG or --authority-name NAME`);
  };
}
