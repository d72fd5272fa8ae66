import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorityResolver } from "../../src/ingest/authority-for.js";
import { type ExtractOutcome, extractAll } from "../../src/ingest/extract-pool.js";
import { importPaths } from "../../src/ingest/import-files.js";
import { BORSETSHIRE_PACK } from "../../src/ingest/fixtures/borsetshire-pack.js";
import type { Store } from "../../src/store/open.js";
import { DIALECTS, freshStore } from "../support/stores.js";
import { makeDocx } from "./make-docx.js";
import { makePdf, packDefinition } from "./make-pdf.js";

const dir = mkdtempSync(join(tmpdir(), "moot-pool-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files: string[] = [];

beforeAll(async () => {
  const put = (name: string, data: string | Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, data);
    return path;
  };
  files = [
    put("a-harbour-minutes.pdf", await makePdf(packDefinition({ pages: 5, rows: 12 }))),
    put("b-borsetshire-2024-04-10.txt", BORSETSHIRE_PACK),
    put("c-broken.pdf", "not a pdf at all"),
    put(
      "d-harbour-minutes.docx",
      await makeDocx([
        { text: "Wessex Harbour Board", bold: true },
        { text: "Minutes of the meeting held on 4 March 2025" },
        { text: "Apologies for absence", style: "Heading1", numbered: 0 },
        { text: "Apologies were received from Cllr Marsh." },
        {
          table: [
            ["Berth", "Fee"],
            ["Visitor", "£12.50"],
          ],
        },
      ]),
    ),
    put("e-big-minutes.pdf", await makePdf(packDefinition({ pages: 12, rows: 40, firstPage: 7, footer: "page-of" }))),
    join(dir, "f-missing.txt"),
  ];
});

const collect = async (gen: AsyncGenerator<ExtractOutcome>) => {
  const out: ExtractOutcome[] = [];
  for await (const o of gen) out.push(o);
  return out;
};
/** An outcome without the thread that made it, its bytes as a plain array (they cross threads as a copy). */
const comparable = (o: ExtractOutcome) => {
  const { threadId: _, ...rest } = o;
  return "data" in rest ? { ...rest, data: Buffer.from(rest.data).toString("base64") } : rest;
};

describe("extraction on worker threads", () => {
  it("gives exactly the serial results, in the files' order, from threads other than this one", async () => {
    const serial = await collect(extractAll(files, { threads: 1 }));
    const pooled = await collect(extractAll(files, { threads: 2 }));
    expect(serial.map((o) => o.path)).toEqual(files);
    expect(pooled.map(comparable)).toEqual(serial.map(comparable));
    expect(serial.map((o) => o.ok)).toEqual([true, true, false, true, true, false]);
    expect(pooled.find((o) => o.path.endsWith("f-missing.txt"))).toMatchObject({ ok: false, code: "not_found" });
    expect(new Set(serial.map((o) => o.threadId))).toEqual(new Set([0]));
    // Really on worker threads: none came from the main thread.
    expect(pooled.every((o) => o.threadId > 0)).toBe(true);
  }, 120_000);
});

/** Every row of the records an import writes, less ids and times (which differ run to run), sorted. */
async function contents(store: Store): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of [
    "authority",
    "committee",
    "meeting",
    "agenda_item",
    "minute",
    "person",
    "document",
    "document_page",
    "action",
  ] as const) {
    const rows = (await store.db.selectFrom(table).selectAll().execute()) as Array<Record<string, unknown>>;
    out[table] = rows.map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !/(^id$|Id$|_id$|At$|_at$)/.test(k)))).sort();
  }
  return out;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: an import on worker threads`, () => {
    it("leaves the store as a serial import does", async () => {
      const results: Array<{ contents: Record<string, string[]>; failures: string[]; counts: unknown }> = [];
      for (const threads of [1, 2]) {
        const store = await freshStore(dialect);
        try {
          const run = await importPaths(authorityResolver(store, { authority: "wessex", authorityName: "Wessex Harbour Board" }), files, {
            threads,
          });
          results.push({ contents: await contents(store), failures: run.failures.map((f) => f.reason), counts: run.counts });
        } finally {
          await store.cleanup();
        }
      }
      const [serial, pooled] = results;
      expect(serial!.failures).toHaveLength(2);
      expect(serial!.contents.document_page!.length).toBeGreaterThan(20);
      expect(pooled).toEqual(serial);
    }, 180_000);
  });
}
