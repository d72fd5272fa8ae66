import { ulid } from "ulid";
import { MootError } from "../domain/errors.js";
import type { Store } from "./open.js";
import type { PlatformAccountRow } from "./schema.js";
import { nowInstant } from "./records.js";

/** Platform administrators' accounts and sessions (see the platform-admins migration). */
export async function insertPlatformAccount(
  store: Store,
  input: { username: string; displayName: string; passwordHash: string },
): Promise<PlatformAccountRow> {
  if (await findPlatformAccount(store, input.username))
    throw new MootError("conflict", `a platform administrator "${input.username}" already exists`);
  const now = nowInstant();
  const row: PlatformAccountRow = { id: ulid(), ...input, disabled: 0, failures: 0, lockedUntil: null, createdAt: now, updatedAt: now };
  await store.db.insertInto("platform_account").values(row).execute();
  return row;
}

export async function findPlatformAccount(store: Store, username: string): Promise<PlatformAccountRow | undefined> {
  return store.db.selectFrom("platform_account").selectAll().where("username", "=", username).executeTakeFirst();
}

export async function setPlatformSignInState(store: Store, id: string, failures: number, lockedUntil: string | null): Promise<void> {
  await store.db.updateTable("platform_account").set({ failures, lockedUntil, updatedAt: nowInstant() }).where("id", "=", id).execute();
}

export async function setPlatformPassword(store: Store, id: string, passwordHash: string): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("platform_account")
      .set({ passwordHash, failures: 0, lockedUntil: null, updatedAt: nowInstant() })
      .where("id", "=", id)
      .execute();
    await trx.deleteFrom("platform_session").where("accountId", "=", id).execute();
  });
}

export async function insertPlatformSession(store: Store, s: { id: string; accountId: string; createdAt: string; expiresAt: string }) {
  await store.db.insertInto("platform_session").values(s).execute();
}

/** The account of a live session; expired sessions are not found. */
export async function platformAccountForSession(store: Store, sessionId: string, now: string): Promise<PlatformAccountRow | undefined> {
  return store.db
    .selectFrom("platform_session")
    .innerJoin("platform_account", "platform_account.id", "platform_session.accountId")
    .selectAll("platform_account")
    .where("platform_session.id", "=", sessionId)
    .where("platform_session.expiresAt", ">", now)
    .where("platform_account.disabled", "=", 0)
    .executeTakeFirst();
}

export async function deletePlatformSession(store: Store, sessionId: string): Promise<void> {
  await store.db.deleteFrom("platform_session").where("id", "=", sessionId).execute();
}
