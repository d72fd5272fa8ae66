import { basename } from "node:path";
import type { Extraction, ExtractionProvenance } from "../../domain/extraction.js";
import type { Scope } from "../../store/records.js";
import { FileStore } from "../../store/files.js";
import { originalInUse } from "../../store/queries/originals.js";
import { LoadContext, type KindCounts, type ReviewItem } from "./context.js";
import { People } from "./people.js";
import { Committees, loadMeeting, type LoadedMeeting } from "./meetings.js";
import { loadDocuments, loadPackDocument, mediaTypeOf } from "./documents.js";
import { loadPapers } from "./papers.js";
import { loadMatters } from "./matters.js";

/** What the loader takes: the Extraction (pure data, pages' text included) and where its values came from. */
export interface LoadInput {
  extraction: Extraction;
  provenance: ExtractionProvenance;
}

export interface ImportOptions {
  /** Called between stages inside the transaction; a throw aborts the import and rolls it back. */
  onStage?: (stage: ImportStage) => void | Promise<void>;
  /**
   * Set when the caller runs the transaction this import joins and has claimed the original
   * itself (`FileStore.claim`), to release it after its own commit.
   */
  claimed?: boolean;
}

/** "original": the original has been written, the transaction has not yet committed. */
export type ImportStage = "meetings" | "documents" | "papers" | "provenance" | "original";

export interface ImportSummary {
  file: string;
  sha256: string;
  documentId: string;
  meetings: Array<{ id: string; committee: string; date: string }>;
  /** Per record table: how many rows the import created, changed, or found already right. */
  counts: Record<string, KindCounts>;
  /** Values below 0.6 confidence, and guesses the loader made, for a clerk to check. */
  review: ReviewItem[];
  warnings: string[];
}

/**
 * Loads one file's Extraction: keeps the original (its bytes) content-addressed, and loads
 * everything in ONE transaction by natural keys (DESIGN.md), so a failed load leaves the store
 * as it was and a repeated one changes nothing. It reads no pages: what the file is, the papers
 * cut from it and their page text all come in the Extraction.
 */
export async function loadExtraction(
  scope: Scope,
  file: { path: string; data: Uint8Array },
  input: LoadInput,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const { extraction, provenance } = input;
  const files = scope.store.files;
  const sha256 = FileStore.sha256(file.data);
  // The original is written inside the transaction, under a claim: a failure rolls both back,
  // and a process killed before its commit leaves a claim the next run's sweep acts on.
  const claim = opts.claimed ? null : await files.claim(sha256);
  try {
    return await scope.transaction(async (s) => {
      const ctx = new LoadContext(s, basename(file.path), provenance);
      const committees = await Committees.load(ctx);
      const people = await People.load(ctx);

      await opts.onStage?.("meetings");
      // The meeting the agenda is for goes first: its member list vouches for short names in the minutes.
      const order = extraction.meetings.map((m, i) => ({ m, i })).sort((a, b) => Number(b.m.hasAgenda) - Number(a.m.hasAgenda));
      const loaded: LoadedMeeting[] = [];
      for (const { m, i } of order) {
        const l = await loadMeeting(ctx, committees, people, m, i);
        if (l) loaded.push(l);
      }
      const packMeeting = loaded.find((l) => extraction.meetings[l.index]!.hasAgenda) ?? loaded[0] ?? null;

      await opts.onStage?.("documents");
      const fileName = basename(file.path);
      const pack = await loadPackDocument(
        ctx,
        extraction,
        { fileName, sha256, byteSize: file.data.byteLength, mediaType: mediaTypeOf(fileName, file.data) },
        packMeeting,
      );
      const docs = await loadDocuments(ctx, extraction, pack, packMeeting, loaded);

      await opts.onStage?.("papers");
      await loadPapers(ctx, extraction, loaded, packMeeting, docs);
      await loadMatters(ctx, loaded);

      await opts.onStage?.("provenance");
      await ctx.writeProvenance(pack.id);
      await files.put(file.data);
      await opts.onStage?.("original");
      return {
        file: file.path,
        sha256,
        documentId: pack.id,
        meetings: loaded.map((l) => ({ id: l.meeting.id, committee: l.committee.name, date: l.meeting.localDate })),
        counts: ctx.counts,
        review: ctx.review,
        warnings: ctx.warnings,
      };
    });
  } catch (e) {
    // Take the original away again unless another document or a live import holds it.
    if (claim) {
      await files.release(claim);
      await files.discard(sha256, (sha) => originalInUse(scope.store, sha));
    }
    throw e;
  } finally {
    if (claim) await files.release(claim);
  }
}

/** Adds one import's counts into a running total. */
export function addCounts(total: Record<string, KindCounts>, more: Record<string, KindCounts>): Record<string, KindCounts> {
  for (const [table, c] of Object.entries(more)) {
    const t = (total[table] ??= { created: 0, updated: 0, unchanged: 0 });
    t.created += c.created;
    t.updated += c.updated;
    t.unchanged += c.unchanged;
  }
  return total;
}
