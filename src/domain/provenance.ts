import { z } from "zod";
import { Id, RecordBase } from "./common.js";

/** Where an imported value came from: which page of which document, which characters. */
export const Provenance = RecordBase.extend({
  recordTable: z.string().min(1),
  recordId: Id,
  field: z.string().min(1),
  documentId: Id,
  page: z.number().int().positive(),
  spanStart: z.number().int().nonnegative(),
  spanEnd: z.number().int().nonnegative(),
  extractor: z.string().min(1),
  confidence: z.number().min(0).max(1),
});
export type Provenance = z.infer<typeof Provenance>;
