import { createHash, randomBytes } from "node:crypto";
import { AccountChange, ROLE_NAMES, UserInput, type PublicUser, type Role, type User } from "../domain/account.js";
import { MootError, invalid } from "../domain/errors.js";
import type { Viewer } from "../domain/viewer.js";
import { londonToday } from "../domain/time.js";
import type { Scope } from "../store/records.js";
import * as accounts from "../store/accounts.js";
import { generatePassword, hashPassword, verifyPassword } from "./password.js";

export const SESSION_HOURS = 12;
/** Failures allowed per username+address inside one window before sign-in is refused. */
export const SIGN_IN_LIMIT = 5;
export const SIGN_IN_WINDOW_MINUTES = 15;

/** `moot user add`: creates an account; returns the password when one was generated. */
export async function addUser(scope: Scope, input: UserInput): Promise<{ user: PublicUser; password: string }> {
  const parsed = UserInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, "invalid user");
  const { username, role, personId = null, displayName } = parsed.data;
  if (role === "member" && !personId) throw new MootError("invalid", "personId: a member account must be linked to a person");
  let name = displayName;
  if (personId) name ??= (await scope.require("person", personId)).name;
  const password = parsed.data.password ?? generatePassword();
  const user = await accounts.insertUser(scope, {
    username,
    role,
    personId: role === "member" ? personId : (personId ?? null),
    displayName: name ?? username,
    passwordHash: await hashPassword(password),
    disabled: false,
  });
  return { user: accounts.publicUser(user), password };
}

/** `moot user reset`: sets a new password (generated unless given) and ends every session. */
export async function resetPassword(scope: Scope, username: string, newPassword?: string): Promise<{ user: PublicUser; password: string }> {
  if (newPassword !== undefined) {
    const check = UserInput.shape.password.safeParse(newPassword);
    if (!check.success) throw invalid(check.error, "invalid password");
  }
  const user = await accounts.findUserByUsername(scope, username);
  if (!user) throw new MootError("not_found", `no user named "${username}"`);
  const password = newPassword ?? generatePassword();
  const hash = await hashPassword(password);
  const updated = await scope.transaction(async (s) => {
    const u = await accounts.updateUser(s, user.id, { passwordHash: hash }, "password reset");
    await accounts.deleteSessionsOf(s, user.id);
    return u;
  });
  return { user: accounts.publicUser(updated), password };
}

export async function setUserDisabled(scope: Scope, username: string, disabled: boolean): Promise<PublicUser> {
  const user = await accounts.findUserByUsername(scope, username);
  if (!user) throw new MootError("not_found", `no user named "${username}"`);
  return scope.transaction(async (s) => {
    const u = await accounts.updateUser(s, user.id, { disabled }, disabled ? "account disabled" : "account enabled");
    if (disabled) await accounts.deleteSessionsOf(s, user.id);
    return accounts.publicUser(u);
  });
}

/** The signed-in account making a change to accounts: only an administrator may. */
export interface Acting {
  id: string;
  role: Role;
}

function requireAdmin(actor: Acting): void {
  if (actor.role !== "admin") throw new MootError("forbidden", "Only an administrator can manage accounts.");
}

/**
 * A person an account may be linked to: one of this council's (the scope finds no other
 * council's), and for a member account a councillor or co-opted member with no other member
 * account, since a member account is that person.
 */
async function checkLink(scope: Scope, role: Role, personId: string | null, except?: string): Promise<void> {
  if (role === "member" && !personId)
    throw new MootError("invalid", "personId: a member account must be linked to a councillor or co-opted member");
  if (!personId) return;
  const person = await scope.get("person", personId);
  if (!person) throw new MootError("invalid", "personId: choose a person of this council");
  if (role !== "member") return;
  if (person.kind === "officer")
    throw new MootError("invalid", `personId: ${person.name} is an officer; a member account is for a councillor or co-opted member`);
  const others = (await accounts.listUsers(scope)).filter((u) => u.personId === personId && u.role === "member" && u.id !== except);
  if (others.length) throw new MootError("conflict", `personId: ${person.name} already signs in as "${others[0].username}"`);
}

/** An administrator creates an account in the editor; the password is generated unless given, and shown once. */
export async function createAccount(scope: Scope, actor: Acting, input: UserInput): Promise<{ user: PublicUser; password: string }> {
  requireAdmin(actor);
  const parsed = UserInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, "invalid account");
  return scope.transaction(async (s) => {
    await checkLink(s, parsed.data.role, parsed.data.personId ?? null);
    return addUser(s, input);
  });
}

/**
 * An administrator changes an account's name, role or linked person. No one changes their own
 * role (a clerk cannot reach this at all, and an administrator cannot demote themselves and
 * leave the council with none); `expectedUpdatedAt` is the account as the form loaded it.
 */
export async function changeAccount(
  scope: Scope,
  actor: Acting,
  id: string,
  change: AccountChange,
  expectedUpdatedAt?: string,
): Promise<PublicUser> {
  requireAdmin(actor);
  const parsed = AccountChange.safeParse(change);
  if (!parsed.success) throw invalid(parsed.error, "invalid account");
  const c = parsed.data;
  return scope.transaction(async (s) => {
    const before = await accounts.findUser(s, id);
    if (!before) throw new MootError("not_found", `account ${id} not found`);
    if (id === actor.id && c.role !== before.role)
      throw new MootError("forbidden", "role: you cannot change your own role; ask another administrator");
    await checkLink(s, c.role, c.personId, id);
    const reason =
      c.role !== before.role ? `role changed from ${ROLE_NAMES[before.role]} to ${ROLE_NAMES[c.role]}` : "account details changed";
    return accounts.publicUser(await accounts.updateUser(s, id, c, reason, expectedUpdatedAt));
  });
}

/** Disables (ending every session at once) or re-enables an account; never one's own. */
export async function setAccountDisabled(
  scope: Scope,
  actor: Acting,
  id: string,
  disabled: boolean,
  expectedUpdatedAt?: string,
): Promise<PublicUser> {
  requireAdmin(actor);
  if (id === actor.id && disabled) throw new MootError("forbidden", "You cannot disable your own account; ask another administrator.");
  return scope.transaction(async (s) => {
    const u = await accounts.updateUser(s, id, { disabled }, disabled ? "account disabled" : "account enabled", expectedUpdatedAt);
    if (disabled) await accounts.deleteSessionsOf(s, id);
    return accounts.publicUser(u);
  });
}

/** Gives an account a new generated password (shown once) and ends its sessions. */
export async function issuePassword(scope: Scope, actor: Acting, id: string): Promise<{ user: PublicUser; password: string }> {
  requireAdmin(actor);
  const password = generatePassword();
  const hash = await hashPassword(password);
  return scope.transaction(async (s) => {
    const u = await accounts.updateUser(s, id, { passwordHash: hash }, "new password issued by an administrator");
    await accounts.deleteSessionsOf(s, id);
    return { user: accounts.publicUser(u), password };
  });
}

const tokenDigest = (token: string) => createHash("sha256").update(token).digest("hex");

export interface SignInRequest {
  username: string;
  password: string;
  ip: string;
  now?: Date;
}

/**
 * Checks a password and opens a session. Failures count per username+address in a
 * window; past the limit even the right password is refused until the window ends, so
 * guessing cannot be sped up by mixing in a correct attempt. Every refusal says the same.
 */
export async function signIn(scope: Scope, req: SignInRequest): Promise<{ token: string; user: PublicUser; expiresAt: string }> {
  const now = req.now ?? new Date();
  const key = `${req.username.trim().toLowerCase()}|${req.ip}`;
  // Counted before the password is checked, in one statement: parallel guesses each take a
  // number, and only the first SIGN_IN_LIMIT in a window are ever checked.
  const windowStartsAfter = new Date(now.getTime() - SIGN_IN_WINDOW_MINUTES * 60_000).toISOString();
  const attempts = await accounts.countAttempt(scope, key, now.toISOString(), windowStartsAfter);
  if (attempts > SIGN_IN_LIMIT) {
    throw new MootError("rate_limited", `Too many failed sign-ins. Try again in ${SIGN_IN_WINDOW_MINUTES} minutes.`);
  }
  const user = await accounts.findUserByUsername(scope, req.username);
  // Verify against a throwaway hash when there is no user, so timing does not reveal which names exist.
  const ok = user ? await verifyPassword(req.password, user.passwordHash) : (await verifyPassword(req.password, DUMMY_HASH), false);
  if (!ok || !user || user.disabled) throw new MootError("unauthenticated", "wrong username or password");
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await scope.transaction(async (s) => {
    await accounts.clearAttempt(s, key);
    await accounts.deleteExpiredSessions(s, now.toISOString());
    await accounts.insertSession(s, { id: tokenDigest(token), userId: user.id, createdAt: now.toISOString(), expiresAt });
  });
  return { token, user: accounts.publicUser(user), expiresAt };
}

const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + Buffer.alloc(64).toString("base64");

/** The signed-in user for a session token, or undefined when unknown, expired or disabled. */
export async function userForSession(scope: Scope, token: string, now: Date = new Date()): Promise<PublicUser | undefined> {
  if (!token) return undefined;
  const session = await accounts.findSession(scope, tokenDigest(token));
  if (!session) return undefined;
  if (session.expiresAt <= now.toISOString()) {
    await accounts.deleteSession(scope, session.id);
    return undefined;
  }
  const user = await accounts.findUser(scope, session.userId);
  return user && !user.disabled ? accounts.publicUser(user) : undefined;
}

export async function signOut(scope: Scope, token: string): Promise<void> {
  await accounts.deleteSession(scope, tokenDigest(token));
}

/**
 * The domain Viewer for a signed-in user (or the public when none). A member sees exempt
 * papers of the committees they sit on today, from their memberships.
 */
export async function viewerFor(
  scope: Scope,
  user: Pick<User, "role" | "personId"> | null | undefined,
  today: string = londonToday(),
): Promise<Viewer> {
  if (!user) return { kind: "public" };
  if (user.role === "admin") return { kind: "admin" };
  if (user.role === "clerk") return { kind: "clerk" };
  if (!user.personId) return { kind: "public" };
  const memberships = await scope.list("membership", { personId: user.personId });
  const current = memberships.filter((m) => (!m.fromDate || m.fromDate <= today) && (!m.toDate || m.toDate >= today));
  return { kind: "member", personId: user.personId, committeeIds: [...new Set(current.map((m) => m.committeeId))].sort() };
}
