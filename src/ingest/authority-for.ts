import type { Authority } from "../domain/authority.js";
import { displayName } from "../domain/authority-name.js";
import { MootError } from "../domain/errors.js";
import { slugify } from "../domain/slug.js";
import { authorityByName, authorityBySlug, createAuthority } from "../store/authorities.js";
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

/**
 * The authority each pack goes to: `--authority`, else the council the pack prints, matched
 * by its normalised name, short name or aliases ("KENT COUNTY COUNCIL" = "Kent CC"). A council
 * seen for the first time is created inside the pack's own transaction (`scope.db`), so a
 * pack that fails to load leaves no empty authority behind. A pack that names none, with no
 * `--authority`, is refused before anything is written.
 */
export function authorityResolver(store: Store, opts: AuthorityChoice): ScopeFor {
  return {
    store,
    choose: async (extracted, file, db) => {
      let authority: Authority | undefined;
      let isNew = false;
      if (opts.authority) {
        authority = await authorityBySlug(store, opts.authority, db);
        if (!authority) {
          if (!opts.authorityName)
            throw new MootError("not_found", `${file}: no authority "${opts.authority}" (give --authority-name to create it)`);
          authority = await createAuthority(store, { slug: opts.authority, name: displayName(opts.authorityName) }, db);
          isNew = true;
        }
      } else {
        const printed = extracted.extraction.authority ?? opts.authorityName ?? null;
        if (!printed)
          throw new MootError("invalid", `${file}: the pack never names its authority; give --authority SLUG or --authority-name NAME`);
        authority = await authorityByName(store, printed, db);
        if (!authority) {
          const name = displayName(printed);
          authority = await createAuthority(store, { slug: slugify(name), name }, db);
          isNew = true;
        }
      }
      const a = authority;
      // Reported once the pack's transaction has committed, never for a rolled-back creation.
      return { scope: new Scope(store, a.id, "import", db), onCommit: isNew ? () => opts.onCreate?.(a) : undefined };
    },
  };
}
