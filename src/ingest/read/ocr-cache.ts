import type { FileStore } from "../../store/files.js";
import { OCR_DPI, type OcrPage, ocrLanguages } from "./ocr.js";
import type { OcrCache } from "./ocr-pdf.js";

/**
 * OCR'd pages kept beside the original in the file store, one JSON file a page, keyed by
 * languages and resolution: a re-import of a scan reads nothing twice, and on PostgreSQL the
 * queued OCR jobs (src/jobs/ocr-job.ts) leave their pages here for the import that follows.
 */
export function fileOcrCache(files: FileStore, sha256: string): OcrCache {
  const key = (page: number) => `ocr-${ocrLanguages().replace(/[^\w]/g, "_")}-${OCR_DPI}-p${page}.json`;
  return {
    async get(page) {
      const bytes = await files.getDerived(sha256, key(page));
      if (!bytes) return null;
      try {
        return JSON.parse(bytes.toString("utf8")) as OcrPage;
      } catch {
        return null; // cut short by a crash: read the page again
      }
    },
    put: (page, result) => files.putDerived(sha256, key(page), JSON.stringify(result)),
  };
}
