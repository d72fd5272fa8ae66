import type { Kysely, Transaction } from "kysely";
import { ulid } from "ulid";
import { Authority, AuthorityPatch, type AuthorityInput } from "../domain/authority.js";
import { normaliseAuthorityName } from "../domain/authority-name.js";
import { MootError, invalid } from "../domain/errors.js";
import type { Store } from "./open.js";
import type { Database } from "./schema.js";
import { decodeRow, encodeRow } from "./codec.js";
import { nowInstant, Scope } from "./records.js";

type Db = Kysely<Database> | Transaction<Database>;

const decode = (row: Record<string, unknown>): Authority => decodeRow<Authority>(Authority, row);
const encode = (a: Authority) => encodeRow(Authority, a as unknown as Record<string, unknown>) as never;

/** The stored row of an authority as it goes into the table (lists as JSON text); for load. */
export const encodeAuthority = encode;

/**
 * Adds an authority. Its slug, host names and names (name, short name, aliases) must not
 * be another authority's, so a request's host and an imported pack's printed name each lead
 * to one authority only. `db` lets an import create it inside the pack's own transaction.
 */
export async function createAuthority(
  store: Store,
  input: AuthorityInput & { id?: string },
  db: Db = store.db,
  actor = "platform",
): Promise<Authority> {
  const now = nowInstant();
  const parsed = Authority.safeParse({ ...input, id: input.id ?? ulid(), createdAt: now, updatedAt: now });
  if (!parsed.success) throw invalid(parsed.error, "invalid authority");
  await checkUnique(db, parsed.data);
  await db.insertInto("authority").values(encode(parsed.data)).execute();
  await new Scope(store, parsed.data.id, actor, db).audit("authority", parsed.data.id, "insert", null, parsed.data);
  return parsed.data;
}

/**
 * Changes an authority's names, slug or host names, audited under that authority so its
 * cached pages are dropped (the page cache follows the audit trail).
 */
export async function updateAuthority(store: Store, id: string, patch: AuthorityPatch, actor = "platform"): Promise<Authority> {
  const p = AuthorityPatch.safeParse(patch);
  if (!p.success) throw invalid(p.error, "invalid authority");
  return store.db.transaction().execute(async (trx) => {
    const before = await getAuthority(trx, id);
    if (!before) throw new MootError("not_found", `authority ${id} not found`);
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const parsed = Authority.safeParse({ ...before, ...defined, id, createdAt: before.createdAt, updatedAt: nowInstant() });
    if (!parsed.success) throw invalid(parsed.error, "invalid authority");
    await checkUnique(trx, parsed.data);
    await trx.updateTable("authority").set(encode(parsed.data)).where("id", "=", id).execute();
    await new Scope(store, id, actor, trx).audit("authority", id, "update", before, parsed.data);
    return parsed.data;
  });
}

async function checkUnique(db: Db, a: Authority): Promise<void> {
  for (const other of await listAuthoritiesIn(db)) {
    if (other.id === a.id) continue;
    if (other.slug === a.slug) throw new MootError("conflict", `an authority with slug "${a.slug}" already exists`);
    const host = a.hosts.find((h) => other.hosts.includes(h));
    if (host) throw new MootError("conflict", `host ${host} already serves ${other.name}`);
    const theirs = new Set(namesOf(other));
    const name = namesOf(a).find((n) => theirs.has(n));
    if (name) throw new MootError("conflict", `"${name}" already names ${other.name}; one name must lead to one authority`);
  }
}

/** The normalised names an authority answers to: name, short name and aliases. */
export function namesOf(a: Pick<Authority, "name" | "shortName" | "aliases">): string[] {
  return [a.name, a.shortName, ...a.aliases].filter((n): n is string => !!n).map(normaliseAuthorityName);
}

async function listAuthoritiesIn(db: Db): Promise<Authority[]> {
  return (await db.selectFrom("authority").selectAll().orderBy("name").execute()).map((r) => decode(r as Record<string, unknown>));
}

export async function getAuthority(db: Db, id: string): Promise<Authority | undefined> {
  const row = await db.selectFrom("authority").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? decode(row as Record<string, unknown>) : undefined;
}

export async function listAuthorities(store: Store, db: Db = store.db): Promise<Authority[]> {
  return listAuthoritiesIn(db);
}

export async function authorityBySlug(store: Store, slug: string, db: Db = store.db): Promise<Authority | undefined> {
  const row = await db.selectFrom("authority").selectAll().where("slug", "=", slug).executeTakeFirst();
  return row ? decode(row as Record<string, unknown>) : undefined;
}

/** The authority a printed name belongs to: "KENT COUNTY COUNCIL", "Kent CC" and an alias all match. */
export async function authorityByName(store: Store, name: string, db: Db = store.db): Promise<Authority | undefined> {
  const wanted = normaliseAuthorityName(name);
  if (!wanted) return undefined;
  return (await listAuthoritiesIn(db)).find((a) => namesOf(a).includes(wanted));
}

export async function requireAuthority(store: Store, slug?: string): Promise<Authority> {
  const all = await listAuthorities(store);
  if (slug) {
    const a = all.find((x) => x.slug === slug);
    if (!a) throw new MootError("not_found", `no authority "${slug}" (have: ${all.map((x) => x.slug).join(", ") || "none"})`);
    return a;
  }
  if (all.length === 0) throw new MootError("not_found", "the database holds no authority yet: run `moot demo` or `moot import`");
  if (all.length > 1)
    throw new MootError("invalid", `several authorities are stored; choose one with --authority (${all.map((x) => x.slug).join(", ")})`);
  return all[0];
}

/** The authority's own audit rows (added, renamed, host names…), newest first. */
export async function authorityAudit(
  store: Store,
  id: string,
): Promise<Array<{ at: string; actor: string; operation: string; before: string | null; after: string | null }>> {
  return store.db
    .selectFrom("audit_entry")
    .select(["at", "actor", "operation", "before", "after"])
    .where("authorityId", "=", id)
    .where("tableName", "=", "authority")
    .where("recordId", "=", id)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(50)
    .execute();
}
