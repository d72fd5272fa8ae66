import { z } from "zod";
import { Id, RecordBase, ShortText } from "./common.js";

export const AttendanceStatus = z.enum(["present", "apologies", "absent", "substitute"]);
export const AttendanceCapacity = z.enum(["member", "officer", "in-attendance"]);

export const Attendance = RecordBase.extend({
  meetingId: Id,
  personId: Id,
  status: AttendanceStatus,
  capacity: AttendanceCapacity.default("member"),
  /** For a substitute: the member they stood in for. */
  substituteForId: Id.nullable().default(null),
  note: ShortText.nullable().default(null),
}).refine((a) => a.status === "substitute" || a.substituteForId === null, {
  message: "only a substitute stands in for someone",
  path: ["substituteForId"],
});
export type Attendance = z.infer<typeof Attendance>;
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;
