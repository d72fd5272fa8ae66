import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openQueue, queueImport } from "../../src/jobs/queue.js";
import { startWorker } from "../../src/jobs/worker.js";
import { listJobs } from "../../src/jobs/job-list.js";
import { tesseractAvailable } from "../../src/ingest/read/ocr.js";
import { FileStore } from "../../src/store/files.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { imageOnly } from "../ingest/make-broken-pdf.js";
import { makePdf } from "../ingest/make-pdf.js";

const dir = mkdtempSync(join(tmpdir(), "moot-ocr-jobs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A made-up two-page parish agenda, scanned: no text layer at all. */
const scannedAgenda = async () =>
  imageOnly(
    await makePdf({
      defaultStyle: { fontSize: 14 },
      content: [
        { text: "WESTBURY PARISH COUNCIL", bold: true, fontSize: 18 },
        "The meeting of the Parish Council will be held on Tuesday 4 March 2025 at 7.30 pm in the Village Hall.",
        "AGENDA",
        "1. Apologies for absence",
        "2. Declarations of interest in items on the agenda",
        { text: "3. Minutes of the meeting held on 4 February 2025", pageBreak: "before" },
        "4. Planning applications received by the council",
      ],
    }),
  );

describe.runIf(DIALECTS.includes("postgres") && tesseractAvailable())("OCR as queued work on PostgreSQL", () => {
  let store: TestStore;
  afterAll(() => store?.cleanup());

  it("an import that needs OCR queues a job per page range; the last one queues the import, which then reads the pages", async () => {
    store = await freshStore("postgres");
    const file = join(dir, "westbury-agenda-scan.pdf");
    const scan = await scannedAgenda();
    writeFileSync(file, scan);
    const url = new URL(process.env.MOOT_TEST_POSTGRES_URL!);
    url.pathname = `/${(await store.db.selectNoFrom((eb) => eb.fn<string>("current_database", []).as("db")).executeTakeFirstOrThrow()).db}`;
    const boss = await openQueue(url.toString());
    const lines: string[] = [];
    process.env.MOOT_OCR_PAGES_PER_JOB = "1";
    const worker = await startWorker(store, boss, { log: (l) => lines.push(l), concurrency: 2 });
    try {
      await queueImport(boss, { path: file, authority: "westbury", authorityName: "Westbury Parish Council" });
      const deadline = Date.now() + 240_000;
      while (Date.now() < deadline && !lines.some((l) => /^moot-import .* created/.test(l))) {
        if (lines.some((l) => / failed: /.test(l))) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const log = lines.join("\n");
      expect(log).toMatch(/^moot-import .*: 2 page\(s\) queued for OCR in 2 job\(s\)/m);
      expect(lines.filter((l) => l.startsWith("moot-ocr"))).toHaveLength(2);
      expect(log).toMatch(/^moot-ocr .*every page read, import queued$/m);
      expect(log).toMatch(/^moot-import .*: [1-9]\d* created/m);
      expect(log).not.toMatch(/failed/);

      const pages = await store.db
        .selectFrom("document_page")
        .innerJoin("document", "document.id", "document_page.documentId")
        .select(["document_page.pageNumber", "document_page.text"])
        .where("document.kind", "=", "agenda-pack")
        .orderBy("document_page.pageNumber")
        .execute();
      expect(pages.map((p) => p.pageNumber)).toEqual([1, 2]);
      expect(pages[0]!.text).toMatch(/Apologies for absence/);
      expect(pages[1]!.text).toMatch(/Minutes of the meeting held on 4 February 2025/);
      // The pages were read once, by the OCR jobs, and kept beside the original for any worker.
      const sha = FileStore.sha256(scan);
      expect(readdirSync(join(store.dataDir, "files", "derived", sha.slice(0, 2), sha)).sort()).toEqual([
        "ocr-eng-300-p1.json",
        "ocr-eng-300-p2.json",
      ]);
      const jobs = await listJobs(boss);
      expect(jobs.filter((j) => j.queue === "moot-ocr").map((j) => j.subject)).toEqual(
        expect.arrayContaining([`${file}, OCR page 1`, `${file}, OCR page 2`]),
      );
    } finally {
      delete process.env.MOOT_OCR_PAGES_PER_JOB;
      await worker.stop();
    }
  }, 300_000);
});
