import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { seedCouncil, type Council } from "./fixture.js";
import {
  addUser,
  resetPassword,
  setUserDisabled,
  signIn,
  signOut,
  userForSession,
  viewerFor,
  SIGN_IN_LIMIT,
} from "../../src/workflow/accounts.js";
import { hashPassword, verifyPassword } from "../../src/workflow/password.js";
import { findUserByUsername } from "../../src/store/accounts.js";

describe("password hashing", () => {
  it("salts, verifies, and rejects a wrong password", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).not.toBe(b);
    expect(a.startsWith("scrypt$")).toBe(true);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
    expect(await verifyPassword("x", "not-a-hash")).toBe(false);
  });
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: accounts`, () => {
    let store: TestStore;
    let c: Council;
    beforeAll(async () => {
      store = await freshStore(dialect);
      c = await seedCouncil(store);
    });
    afterAll(() => store.cleanup());

    it("adds users, hashing the password and keeping the hash out of the audit trail", async () => {
      const { user, password } = await addUser(c.scope, { username: "Clerk.One", role: "clerk" });
      expect(user.username).toBe("clerk.one");
      expect(password.length).toBeGreaterThanOrEqual(20);
      expect(user).not.toHaveProperty("passwordHash");
      const stored = await findUserByUsername(c.scope, "clerk.one");
      expect(stored!.passwordHash).not.toContain(password);
      const audit = await store.db.selectFrom("audit_entry").selectAll().where("tableName", "=", "user_account").execute();
      expect(audit).toHaveLength(1);
      expect(audit[0].after).not.toContain("scrypt$");
      expect(audit[0].actor).toBe("test-clerk");
      await expect(addUser(c.scope, { username: "clerk.one", role: "clerk" })).rejects.toMatchObject({ code: "conflict" });
    });

    it("refuses a member account without a person, and a short password", async () => {
      await expect(addUser(c.scope, { username: "nobody", role: "member" })).rejects.toMatchObject({ code: "invalid" });
      await expect(addUser(c.scope, { username: "shorty", role: "clerk", password: "short" })).rejects.toThrow(
        /password: must be at least 12/,
      );
    });

    it("signs in with a session whose token is stored only as a hash, and signs out", async () => {
      await addUser(c.scope, { username: "gwen", role: "member", personId: c.chair.id, password: "gwen-long-password" });
      const now = new Date("2025-03-01T10:00:00Z");
      const { token, user, expiresAt } = await signIn(c.scope, { username: "gwen", password: "gwen-long-password", ip: "10.0.0.1", now });
      expect(user.displayName).toBe("Gwen Pritchard");
      expect(expiresAt).toBe("2025-03-01T22:00:00.000Z");
      const rows = await store.db.selectFrom("user_session").selectAll().execute();
      expect(rows.map((r) => r.id)).not.toContain(token);
      expect((await userForSession(c.scope, token, now))?.username).toBe("gwen");
      expect(await userForSession(c.scope, token, new Date("2025-03-01T22:00:01Z"))).toBeUndefined();
      const again = await signIn(c.scope, { username: "gwen", password: "gwen-long-password", ip: "10.0.0.1", now });
      await signOut(c.scope, again.token);
      expect(await userForSession(c.scope, again.token, now)).toBeUndefined();
    });

    it("limits failed sign-ins per username and address, then lets the window expire", async () => {
      await addUser(c.scope, { username: "tomos", role: "member", personId: c.member.id, password: "tomos-long-password" });
      const t0 = Date.parse("2025-03-02T09:00:00Z");
      for (let i = 0; i < SIGN_IN_LIMIT; i++) {
        await expect(
          signIn(c.scope, { username: "tomos", password: "wrong-guess-xx", ip: "192.0.2.7", now: new Date(t0 + i * 1000) }),
        ).rejects.toMatchObject({ code: "unauthenticated" });
      }
      // Even the right password is refused while the window is full…
      await expect(
        signIn(c.scope, { username: "tomos", password: "tomos-long-password", ip: "192.0.2.7", now: new Date(t0 + 60_000) }),
      ).rejects.toMatchObject({ code: "rate_limited" });
      // …but another address is not locked out,
      await expect(
        signIn(c.scope, { username: "tomos", password: "tomos-long-password", ip: "192.0.2.8", now: new Date(t0 + 60_000) }),
      ).resolves.toHaveProperty("token");
      // and the first address may try again after the window.
      await expect(
        signIn(c.scope, { username: "tomos", password: "tomos-long-password", ip: "192.0.2.7", now: new Date(t0 + 16 * 60_000) }),
      ).resolves.toHaveProperty("token");
    });

    it("twenty wrong passwords at once: only the limit are checked, the rest are throttled, and all are counted", async () => {
      await addUser(c.scope, { username: "parallel", role: "clerk", password: "parallel-long-password" });
      const now = new Date();
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () => signIn(c.scope, { username: "parallel", password: "a wrong guess", ip: "198.51.100.9", now })),
      );
      const codes = results.map((r) => (r.status === "rejected" ? (r.reason as { code: string }).code : "signed-in"));
      expect(codes.filter((x) => x === "unauthenticated")).toHaveLength(SIGN_IN_LIMIT);
      expect(codes.filter((x) => x === "rate_limited")).toHaveLength(20 - SIGN_IN_LIMIT);
      const row = await store.db
        .selectFrom("sign_in_attempt")
        .select("failures")
        .where("key", "=", "parallel|198.51.100.9")
        .executeTakeFirstOrThrow();
      expect(Number(row.failures)).toBe(20);
      // and the right password is refused too until the window ends
      await expect(
        signIn(c.scope, { username: "parallel", password: "parallel-long-password", ip: "198.51.100.9", now }),
      ).rejects.toMatchObject({
        code: "rate_limited",
      });
    });

    it("reset changes the password and ends existing sessions; disabled users cannot sign in", async () => {
      await addUser(c.scope, { username: "ada", role: "clerk", password: "ada-first-password" });
      const now = new Date("2025-03-03T09:00:00Z");
      const { token } = await signIn(c.scope, { username: "ada", password: "ada-first-password", ip: "10.0.0.2", now });
      const { password } = await resetPassword(c.scope, "ada");
      expect(await userForSession(c.scope, token, now)).toBeUndefined();
      await expect(signIn(c.scope, { username: "ada", password: "ada-first-password", ip: "10.0.0.2", now })).rejects.toMatchObject({
        code: "unauthenticated",
      });
      await expect(signIn(c.scope, { username: "ada", password, ip: "10.0.0.2", now })).resolves.toHaveProperty("token");
      await expect(resetPassword(c.scope, "nobody-here")).rejects.toMatchObject({ code: "not_found" });
      const audit = await store.db
        .selectFrom("audit_entry")
        .selectAll()
        .where("tableName", "=", "user_account")
        .where("reason", "=", "password reset")
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0].after).toContain("passwordChanged");
      await setUserDisabled(c.scope, "ada", true);
      await expect(signIn(c.scope, { username: "ada", password, ip: "10.0.0.3", now })).rejects.toMatchObject({ code: "unauthenticated" });
    });

    it("one authority's accounts and sessions mean nothing in another", async () => {
      const other = await seedCouncil(store, { slug: "borchester" });
      await addUser(other.scope, { username: "gwen", role: "clerk", password: "borchester-password" });
      const now = new Date("2025-03-04T09:00:00Z");
      await expect(signIn(other.scope, { username: "gwen", password: "gwen-long-password", ip: "10.0.0.9", now })).rejects.toMatchObject({
        code: "unauthenticated",
      });
      const { token } = await signIn(c.scope, { username: "gwen", password: "gwen-long-password", ip: "10.0.0.9", now });
      expect(await userForSession(other.scope, token, now)).toBeUndefined();
      expect((await userForSession(c.scope, token, now))?.role).toBe("member");
      await expect(resetPassword(other.scope, "tomos")).rejects.toMatchObject({ code: "not_found" });
    });

    it("viewerFor gives members the committees they currently sit on", async () => {
      expect(await viewerFor(c.scope, null)).toEqual({ kind: "public" });
      expect(await viewerFor(c.scope, { role: "clerk", personId: null })).toEqual({ kind: "clerk" });
      expect(await viewerFor(c.scope, { role: "admin", personId: null })).toEqual({ kind: "admin" });
      expect(await viewerFor(c.scope, { role: "member", personId: c.chair.id }, "2025-01-01")).toEqual({
        kind: "member",
        personId: c.chair.id,
        committeeIds: [c.committee.id],
      });
      // Tomos joined on 2024-05-20, so before that he sees no exempt papers.
      expect(await viewerFor(c.scope, { role: "member", personId: c.member.id }, "2024-05-01")).toMatchObject({ committeeIds: [] });
      expect(await viewerFor(c.scope, { role: "member", personId: c.member.id }, "2024-06-01")).toMatchObject({
        committeeIds: [c.committee.id],
      });
    });
  });
}
