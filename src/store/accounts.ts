import type { Kysely } from "kysely";
import { ulid } from "ulid";
import { User, type PublicUser, type Session } from "../domain/account.js";
import { ConflictError, MootError, invalid } from "../domain/errors.js";
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

/**
 * Changes an account, audited without the password hash. `expectedUpdatedAt` is the account as
 * an administrator's form loaded it: accounts carry no revision, so their last change time
 * (always moved forward by a save) serves, and a save from a stale form is refused with
 * `conflict` and the account as it is now.
 */
export async function updateUser(
  scope: Scope,
  id: string,
  patch: Partial<Pick<User, "passwordHash" | "role" | "disabled" | "displayName" | "personId">>,
  reason?: string,
  expectedUpdatedAt?: string,
): Promise<User> {
  return scope.transaction(async (s) => {
    await s.bumpDataVersion();
    const before = await findUser(s, id);
    if (!before) throw new MootError("not_found", `user ${id} not found`);
    if (expectedUpdatedAt !== undefined && expectedUpdatedAt !== before.updatedAt) throw staleAccount(before);
    const parsed = User.safeParse({ ...before, ...patch, updatedAt: laterThan(before.updatedAt) });
    if (!parsed.success) throw invalid(parsed.error, "invalid user");
    const after = parsed.data;
    const r = await db(s)
      .updateTable("user_account")
      .set({ ...after, disabled: after.disabled ? 1 : 0 })
      .where("id", "=", id)
      .where("authorityId", "=", s.authorityId)
      .where("updatedAt", "=", before.updatedAt)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw staleAccount((await findUser(s, id)) ?? before);
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

/** Now, or a millisecond after `previous` when the clock has not moved past it: every save moves it on. */
function laterThan(previous: string): string {
  const now = nowInstant();
  return now > previous ? now : new Date(Date.parse(previous) + 1).toISOString();
}

function staleAccount(current: User): ConflictError {
  return new ConflictError(
    "Someone else saved a change to this account after you opened it, so your changes have not been saved. " +
      "What is saved now is shown beside what you typed; your choices are still in the form. Save again to replace theirs with yours.",
    { ...publicUser(current), revision: current.updatedAt },
  );
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

/**
 * Counts one sign-in attempt and returns the count in the current window, in one statement:
 * an upsert that starts a new window when the old one has ended. Parallel attempts each get
 * their own number, so twenty at once cannot all read "no failures yet".
 */
export async function countAttempt(scope: Scope, key: string, now: string, windowStartsAfter: string): Promise<number> {
  const row = await db(scope)
    .insertInto("sign_in_attempt")
    .values({ id: ulid(), authorityId: scope.authorityId, key, windowStart: now, failures: 1 })
    .onConflict((oc) =>
      oc.columns(["authorityId", "key"]).doUpdateSet((eb) => {
        const open = eb("sign_in_attempt.windowStart", ">", windowStartsAfter);
        return {
          failures: eb
            .case()
            .when(open)
            .then(eb("sign_in_attempt.failures", "+", 1))
            .else(1)
            .end(),
          windowStart: eb.case().when(open).then(eb.ref("sign_in_attempt.windowStart")).else(eb.ref("excluded.windowStart")).end(),
        };
      }),
    )
    .returning("failures")
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

export async function clearAttempt(scope: Scope, key: string): Promise<void> {
  await db(scope).deleteFrom("sign_in_attempt").where("authorityId", "=", scope.authorityId).where("key", "=", key).execute();
}
