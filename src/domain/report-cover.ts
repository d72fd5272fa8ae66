import type { z } from "zod";
import { Id, LongText, RecordBase, ShortText } from "./common.js";

export const ReportCover = RecordBase.extend({
  agendaItemId: Id,
  documentId: Id.nullable().default(null),
  title: ShortText.nullable().default(null),
  author: ShortText.nullable().default(null),
  service: ShortText.nullable().default(null),
  wards: ShortText.nullable().default(null),
  purpose: LongText.nullable().default(null),
  recommendations: LongText.nullable().default(null),
  implications: LongText.nullable().default(null),
});
export type ReportCover = z.infer<typeof ReportCover>;
