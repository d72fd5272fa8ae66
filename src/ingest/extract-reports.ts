import type { PageSet } from "./page.js";
import type { ExtractedReport, ProvenanceRef } from "../domain/extraction.js";
export function extractReports(_pages: PageSet): { rows: ExtractedReport[]; provenance: Record<string, ProvenanceRef> } { return { rows: [], provenance: {} }; }
