import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { authorityResolver } from "../../src/ingest/authority-for.js";
import { importPaths } from "../../src/ingest/import-files.js";
import { createApp } from "../../src/web/app.js";
import { DIALECTS, freshStore } from "../support/stores.js";
import { makeDocx } from "./make-docx.js";

const dir = mkdtempSync(join(tmpdir(), "moot-original-types-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A made-up HTML agenda page, as a council's site would save it. */
const AGENDA_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Agenda - Wessex Harbour Board</title></head>
<body><main>
<h1>Wessex Harbour Board</h1>
<h2>Agenda for the meeting on Tuesday, 4th March, 2025 6.30 pm</h2>
<p>Venue: Quay House, Harbour Street</p>
<ol><li>Apologies for Absence</li><li>Minutes of the previous meeting</li><li>Dredging of the Outer Basin</li></ol>
</main></body></html>`;

const TYPES = {
  html: "text/html",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

for (const dialect of DIALECTS) {
  describe(`${dialect}: originals keep their content type`, () => {
    it("stores an HTML page and a Word file as what they are, and serves them so", async () => {
      const store = await freshStore(dialect);
      try {
        const html = join(dir, "harbour-agenda.html");
        writeFileSync(html, AGENDA_PAGE);
        const docx = join(dir, "harbour-minutes.docx");
        const docxBytes = await makeDocx([
          { text: "Wessex Harbour Board", bold: true },
          { text: "Minutes of the meeting held on 4 March 2025" },
          { text: "Apologies for absence", style: "Heading1", numbered: 0 },
          { text: "Apologies were received from Cllr Marsh." },
          { text: "Dredging of the Outer Basin", style: "Heading1", numbered: 0 },
          { text: "RESOLVED that the dredging go ahead." },
        ]);
        writeFileSync(docx, docxBytes);
        // An HTML page saved under a .txt name is still an HTML page.
        const misnamed = join(dir, "harbour-agenda-saved.txt");
        writeFileSync(misnamed, AGENDA_PAGE.replace("Outer Basin", "Inner Basin"));
        const run = await importPaths(authorityResolver(store, { authority: "wessex", authorityName: "Wessex Harbour Board" }), [
          html,
          docx,
          misnamed,
        ]);
        expect(run.failures).toEqual([]);
        const docs = await store.db
          .selectFrom("document")
          .select(["id", "fileName", "mediaType"])
          // The file itself (an agenda pack; the Word minutes are stored as minutes), not papers cut from it.
          .where("sourcePageFrom", "is", null)
          .orderBy("fileName")
          .execute();
        expect(docs.map((d) => [d.fileName, d.mediaType])).toEqual([
          ["harbour-agenda-saved.txt", TYPES.html],
          ["harbour-agenda.html", TYPES.html],
          ["harbour-minutes.docx", TYPES.docx],
        ]);
        const app = createApp(store);
        for (const d of docs) {
          const res = await app.request(`/documents/${d.id}/original`);
          expect(res.status, d.fileName ?? "").toBe(200);
          expect(res.headers.get("content-type")).toBe(d.mediaType);
          // Served as a download, never run: a stored page's scripts stay inert on our origin.
          expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
          expect(res.headers.get("x-content-type-options")).toBe("nosniff");
          expect(res.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
          const body = new Uint8Array(await res.arrayBuffer());
          if (d.fileName === "harbour-minutes.docx") expect(Buffer.from(body).equals(Buffer.from(docxBytes))).toBe(true);
          else expect(Buffer.from(body).toString("utf8")).toContain("<!DOCTYPE html>");
        }
      } finally {
        await store.cleanup();
      }
    }, 180_000);
  });
}
