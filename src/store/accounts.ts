import type { Kysely } from "kysely";
import { ulid } from "ulid";
import { User, type PublicUser, type Session } from "../domain/account.js";
import { MootError, invalid } from "../domain/errors.js";
import type { Database } from "./schema.js";
import { nowInstant, type Scope } from "./records.js";

/**
 * Accounts, sessions and sign-in throttling. Writes to accounts are audited through the
 * Scope like every record, but with the password hash removed from before/after.
 */
type Db = Kysely<Database>;
const db = (scope: Scope) => scope.db as Db;

function decodeUser(row: Record<string, unknown>): User {
  return User.parse({ ...row, disabled: Boolean(Number(row.disabled)) });
}
export function publicUser(u: User): PublicUser {
  const { passwordHash: _hidden, ...rest } = u;
  return rest;
}

export async function findUserByUsername(scope: Scope, username: string): Promise<User | undefined> {
  const row = await db(scope)
    .selectFrom("user_account")
    .selectAll()
    .where("authorityId", "=", scope.authorityId)
    .where("username", "=", username.trim().toLowerCase())
    .executeTakeFirst();
  return row ? decodeUser(row) : undefined;
}

export async function findUser(scope: Scope, id: string): Promise<User | undefined> {
  const row = await db(scope)
    .selectFrom("user_account")
    .selectAll()
    .where("authorityId", "=", scope.authorityId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? decodeUser(row) : undefined;
}

export async function listUsers(scope: Scope): Promise<PublicUser[]> {
  const rows = await db(scope)
    .selectFrom("user_account")
    .selectAll()
    .where("authorityId", "=", scope.authorityId)
    .orderBy("username")
    .execute();
  return rows.map((r) => publicUser(decodeUser(r)));
}

export async function insertUser(scope: Scope, input: Omit<User, "id" | "authorityId" | "createdAt" | "updatedAt">): Promise<User> {
  const now = nowInstant();
  const parsed = User.safeParse({ ...input, id: ulid(), authorityId: scope.authorityId, createdAt: now, updatedAt: now });
  if (!parsed.success) throw invalid(parsed.error, "invalid user");
  const user = parsed.data;
  return scope.transaction(async (s) => {
    if (await findUserByUsername(s, user.username)) throw new MootError("conflict", `a user named "${user.username}" already exists`);
    await db(s)
      .insertInto("user_account")
      .values({ ...user, disabled: user.disabled ? 1 : 0 })
      .execute();
    await s.audit("user_account", user.id, "insert", null, publicUser(user));
    return user;
  });
}

export async function updateUser(
  scope: Scope,
  id: string,
  patch: Partial<Pick<User, "passwordHash" | "role" | "disabled" | "displayName" | "personId">>,
  reason?: string,
): Promise<User> {
  return scope.transaction(async (s) => {
    const before = await findUser(s, id);
    if (!before) throw new MootError("not_found", `user ${id} not found`);
    const parsed = User.safeParse({ ...before, ...patch, updatedAt: nowInstant() });
    if (!parsed.success) throw invalid(parsed.error, "invalid user");
    const after = parsed.data;
    await db(s)
      .updateTable("user_account")
      .set({ ...after, disabled: after.disabled ? 1 : 0 })
      .where("id", "=", id)
      .where("authorityId", "=", s.authorityId)
      .execute();
    const changedPassword = patch.passwordHash !== undefined;
    await s.audit(
      "user_account",
      id,
      "update",
      publicUser(before),
      { ...publicUser(after), ...(changedPassword ? { passwordChanged: true } : {}) },
      reason,
    );
    return after;
  });
}

export async function insertSession(scope: Scope, session: Omit<Session, "authorityId">): Promise<Session> {
  const row = { ...session, authorityId: scope.authorityId };
  await db(scope).insertInto("user_session").values(row).execute();
  return row;
}

export async function findSession(scope: Scope, id: string): Promise<Session | undefined> {
  return db(scope)
    .selectFrom("user_session")
    .selectAll()
    .where("authorityId", "=", scope.authorityId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function deleteSession(scope: Scope, id: string): Promise<void> {
  await db(scope).deleteFrom("user_session").where("authorityId", "=", scope.authorityId).where("id", "=", id).execute();
}

export async function deleteSessionsOf(scope: Scope, userId: string): Promise<number> {
  const r = await db(scope)
    .deleteFrom("user_session")
    .where("authorityId", "=", scope.authorityId)
    .where("userId", "=", userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteExpiredSessions(scope: Scope, now: string): Promise<void> {
  await db(scope).deleteFrom("user_session").where("authorityId", "=", scope.authorityId).where("expiresAt", "<=", now).execute();
}

export async function findAttempt(scope: Scope, key: string) {
  return db(scope)
    .selectFrom("sign_in_attempt")
    .selectAll()
    .where("authorityId", "=", scope.authorityId)
    .where("key", "=", key)
    .executeTakeFirst();
}

export async function saveAttempt(scope: Scope, key: string, windowStart: string, failures: number): Promise<void> {
  await scope.transaction(async (s) => {
    const existing = await findAttempt(s, key);
    if (existing) await db(s).updateTable("sign_in_attempt").set({ windowStart, failures }).where("id", "=", existing.id).execute();
    else await db(s).insertInto("sign_in_attempt").values({ id: ulid(), authorityId: s.authorityId, key, windowStart, failures }).execute();
  });
}

export async function clearAttempt(scope: Scope, key: string): Promise<void> {
  await db(scope).deleteFrom("sign_in_attempt").where("authorityId", "=", scope.authorityId).where("key", "=", key).execute();
}
