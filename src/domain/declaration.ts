import { z } from "zod";
import { Id, LongText, RecordBase, ShortText } from "./common.js";

/** DPI: disclosable pecuniary; ORI: other registrable; NRI: non-registrable. */
export const InterestType = z.enum(["dpi", "ori", "nri", "other"]);

export const Declaration = RecordBase.extend({
  meetingId: Id,
  agendaItemId: Id.nullable().default(null),
  personId: Id,
  type: InterestType.default("other"),
  nature: LongText.min(1, "must not be empty"),
  dispensation: ShortText.nullable().default(null),
  /** Item reference as printed when no agenda item could be matched. */
  itemAsPrinted: ShortText.nullable().default(null),
});
export type Declaration = z.infer<typeof Declaration>;

/** What each type is called in full, as residents read it (the abbreviation in brackets). */
export const INTEREST_LABELS: Record<z.infer<typeof InterestType>, string> = {
  dpi: "Disclosable pecuniary interest (DPI)",
  ori: "Other registrable interest (ORI)",
  nri: "Non-registrable interest (NRI)",
  other: "Interest",
};
