import { z } from "zod";
import { Id, Instant } from "./common.js";

export const AuditOperation = z.enum(["insert", "update", "delete"]);

/**
 * Written by the store in the same transaction as the change it records. It holds only what
 * changed: an update the changed columns each side, an insert nothing (the live row, with later
 * updates' `before` laid over it, is the first version), a delete the whole record.
 */
export const AuditEntry = z.object({
  id: Id,
  authorityId: Id,
  actor: z.string().min(1),
  at: Instant,
  tableName: z.string(),
  recordId: Id,
  operation: AuditOperation,
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string().nullable().default(null),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
