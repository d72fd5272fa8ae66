import { createHash, randomBytes } from "node:crypto";
import { Username } from "../domain/account.js";
import { MootError, invalid } from "../domain/errors.js";
import type { Store } from "../store/open.js";
import * as platform from "../store/platform-accounts.js";
import { generatePassword, hashPassword, verifyPassword } from "./password.js";
import { SESSION_HOURS, SIGN_IN_LIMIT, SIGN_IN_WINDOW_MINUTES } from "./accounts.js";

export interface PlatformAdmin {
  id: string;
  username: string;
  displayName: string;
}

const digest = (token: string) => createHash("sha256").update(token).digest("hex");
const DUMMY_HASH = `scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$${Buffer.alloc(64).toString("base64")}`;

/** Creates a platform administrator; the password is generated unless given (12+ characters). */
export async function addPlatformAdmin(
  store: Store,
  input: { username: string; displayName?: string; password?: string },
): Promise<{ admin: PlatformAdmin; password: string }> {
  const u = Username.safeParse(input.username);
  if (!u.success) throw invalid(u.error, "invalid username");
  if (input.password !== undefined && input.password.length < 12)
    throw new MootError("invalid", "the password must be at least 12 characters");
  const password = input.password ?? generatePassword();
  const row = await platform.insertPlatformAccount(store, {
    username: u.data,
    displayName: input.displayName?.trim() || u.data,
    passwordHash: await hashPassword(password),
  });
  return { admin: { id: row.id, username: row.username, displayName: row.displayName }, password };
}

export async function resetPlatformPassword(store: Store, username: string, password?: string): Promise<string> {
  const row = await platform.findPlatformAccount(store, username.trim().toLowerCase());
  if (!row) throw new MootError("not_found", `no platform administrator "${username}"`);
  const next = password ?? generatePassword();
  if (next.length < 12) throw new MootError("invalid", "the password must be at least 12 characters");
  await platform.setPlatformPassword(store, row.id, await hashPassword(next));
  return next;
}

/**
 * Checks a platform administrator's password and opens a session. After SIGN_IN_LIMIT
 * failures the account refuses every password, the right one too, for the sign-in window.
 * Every refusal says the same.
 */
export async function signInPlatform(
  store: Store,
  username: string,
  password: string,
  now = new Date(),
): Promise<{ token: string; admin: PlatformAdmin; expiresAt: string }> {
  const row = await platform.findPlatformAccount(store, username.trim().toLowerCase());
  if (row?.lockedUntil && row.lockedUntil > now.toISOString())
    throw new MootError("rate_limited", `too many failed sign-ins; try again after ${SIGN_IN_WINDOW_MINUTES} minutes`);
  const ok = row ? await verifyPassword(password, row.passwordHash) : (await verifyPassword(password, DUMMY_HASH), false);
  if (!ok || !row || row.disabled) {
    if (row) {
      const failures = row.failures + 1;
      const lock = failures >= SIGN_IN_LIMIT ? new Date(now.getTime() + SIGN_IN_WINDOW_MINUTES * 60_000).toISOString() : null;
      await platform.setPlatformSignInState(store, row.id, lock ? 0 : failures, lock);
    }
    throw new MootError("unauthenticated", "wrong username or password");
  }
  if (row.failures || row.lockedUntil) await platform.setPlatformSignInState(store, row.id, 0, null);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await platform.insertPlatformSession(store, { id: digest(token), accountId: row.id, createdAt: now.toISOString(), expiresAt });
  return { token, admin: { id: row.id, username: row.username, displayName: row.displayName }, expiresAt };
}

export async function platformAdminForSession(store: Store, token: string, now = new Date()): Promise<PlatformAdmin | undefined> {
  if (!token) return undefined;
  const row = await platform.platformAccountForSession(store, digest(token), now.toISOString());
  return row ? { id: row.id, username: row.username, displayName: row.displayName } : undefined;
}

export async function signOutPlatform(store: Store, token: string): Promise<void> {
  await platform.deletePlatformSession(store, digest(token));
}

/** The form token of a platform session: derived from the httpOnly session token. */
export const platformFormToken = (token: string) => createHash("sha256").update(`platform-form:${token}`).digest("base64url");
