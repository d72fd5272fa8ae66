import { z } from "zod";
import { Id, IsoDate, LongText, RecordBase } from "./common.js";

export const DecisionKind = z.enum(["resolved", "agreed", "noted", "recommended"]);

export const Decision = RecordBase.extend({
  meetingId: Id,
  minuteId: Id.nullable().default(null),
  agendaItemId: Id.nullable().default(null),
  position: z.number().int().nonnegative().default(0),
  text: LongText.min(1, "must not be empty"),
  kind: DecisionKind.default("resolved"),
  decidedOn: IsoDate,
});
export type Decision = z.infer<typeof Decision>;
