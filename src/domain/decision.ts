import { z } from "zod";
import { Id, Instant, IsoDate, LongText, RecordBase, ShortText } from "./common.js";

export const DecisionKind = z.enum(["resolved", "agreed", "noted", "recommended"]);

export const Decision = RecordBase.extend({
  meetingId: Id,
  minuteId: Id.nullable().default(null),
  agendaItemId: Id.nullable().default(null),
  position: z.number().int().nonnegative().default(0),
  text: LongText.min(1, "must not be empty"),
  kind: DecisionKind.default("resolved"),
  decidedOn: IsoDate,
  /**
   * Call-in (domain/forward-plan.ts): the day the decision was published, which starts the
   * period, and the period's last day; null when the decision is not subject to call-in.
   */
  callInFrom: IsoDate.nullable().default(null),
  callInEndsOn: IsoDate.nullable().default(null),
  /** When it was called in, and why; when scrutiny finished with it (the call-in ended). */
  calledInAt: Instant.nullable().default(null),
  callInReason: ShortText.nullable().default(null),
  callInEndedAt: Instant.nullable().default(null),
  /** When officers recorded it as implemented; never inside an open or live call-in. */
  implementedAt: Instant.nullable().default(null),
});
export type Decision = z.infer<typeof Decision>;
