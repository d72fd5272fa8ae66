import { z } from "zod";
import { Id, Instant } from "./common.js";

/**
 * Sign-in accounts. Kept out of the records registry on purpose: exports and the audit
 * trail take their shapes from the registry, and neither may carry a password hash.
 */
export const Role = z.enum(["admin", "clerk", "member"]);

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._@-]{1,63}$/, "2–64 letters, digits, dots, dashes, underscores or @");

export const User = z
  .object({
    id: Id,
    authorityId: Id,
    username: Username,
    displayName: z.string().trim().min(1).max(200),
    role: Role,
    /** A member account is the councillor or co-opted member it signs in as. */
    personId: Id.nullable().default(null),
    /** `scrypt$N$r$p$salt$hash`, base64 parts; never leaves the store except to verify. */
    passwordHash: z.string().min(20),
    disabled: z.boolean().default(false),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .refine((u) => u.role !== "member" || u.personId !== null, {
    message: "a member account must be linked to a person",
    path: ["personId"],
  });

/** A new account as a caller gives it; the password is hashed before it is stored. */
export const UserInput = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(200).optional(),
  role: Role,
  personId: Id.nullable().optional(),
  password: z.string().min(12, "must be at least 12 characters").max(1000).optional(),
});

/** What an administrator changes on an account in the editor (the password has its own step). */
export const AccountChange = z.object({
  displayName: z.string().trim().min(1, "must not be empty").max(200),
  role: Role,
  personId: Id.nullable(),
});
export type AccountChange = z.infer<typeof AccountChange>;

export const ROLE_NAMES: Record<Role, string> = {
  admin: "Administrator",
  clerk: "Clerk",
  member: "Member (councillor or co-opted member)",
};

export const Session = z.object({
  /** sha256 of the token; the token itself is only ever in the user's cookie. */
  id: z.string().regex(/^[0-9a-f]{64}$/),
  authorityId: Id,
  userId: Id,
  createdAt: Instant,
  expiresAt: Instant,
});

export const SignInAttempt = z.object({
  id: Id,
  authorityId: Id,
  /** "username|ip", so one address cannot lock everyone else out of an account. */
  key: z.string().min(1).max(400),
  windowStart: Instant,
  failures: z.number().int().nonnegative(),
});

export type Role = z.infer<typeof Role>;
export type User = z.infer<typeof User>;
export type UserInput = z.input<typeof UserInput>;
export type Session = z.infer<typeof Session>;
export type SignInAttempt = z.infer<typeof SignInAttempt>;
/** What callers other than the sign-in check may see of an account. */
export type PublicUser = Omit<User, "passwordHash">;
