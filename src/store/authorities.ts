import { ulid } from "ulid";
import { Authority, type AuthorityInput } from "../domain/authority.js";
import { MootError, invalid } from "../domain/errors.js";
import type { Store } from "./open.js";
import { nowInstant } from "./records.js";

export async function createAuthority(store: Store, input: AuthorityInput & { id?: string }): Promise<Authority> {
  const now = nowInstant();
  const parsed = Authority.safeParse({ ...input, id: input.id ?? ulid(), createdAt: now, updatedAt: now });
  if (!parsed.success) throw invalid(parsed.error, "invalid authority");
  const existing = await store.db.selectFrom("authority").select("id").where("slug", "=", parsed.data.slug).executeTakeFirst();
  if (existing) throw new MootError("conflict", `an authority with slug "${parsed.data.slug}" already exists`);
  await store.db.insertInto("authority").values(parsed.data).execute();
  return parsed.data;
}

export async function listAuthorities(store: Store): Promise<Authority[]> {
  return (await store.db.selectFrom("authority").selectAll().orderBy("name").execute()) as Authority[];
}

export async function authorityBySlug(store: Store, slug: string): Promise<Authority | undefined> {
  return (await store.db.selectFrom("authority").selectAll().where("slug", "=", slug).executeTakeFirst()) as Authority | undefined;
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
