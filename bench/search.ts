/**
 * Search benchmark: index N synthetic document pages (through the store's bulk path), then time Moot's search function
 * (rights, filters, joins, snippets) against the bare FTS query on the same database, in
 * the same run, on SQLite and PostgreSQL. Goal: Moot's p95 at most 2× the raw query's.
 *
 *   npm run bench:search                   N = 200,000 pages
 *   MOOT_BENCH_PAGES=20000 npm run bench:search
 *   MOOT_BENCH_POSTGRES_URL=postgres://…   (default: MOOT_TEST_POSTGRES_URL, else local postgres/test)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { ulid } from "ulid";
import { migrate, openStore, type Store } from "../src/store/open.js";
import { createAuthority } from "../src/store/authorities.js";
import { search } from "../src/store/search.js";
import { Scope } from "../src/store/records.js";
import { bulkCreate, refreshStatistics, type BulkRecords } from "../src/store/bulk-load.js";
import { parseSearchQuery } from "../src/store/search-query.js";
import { summarise, timed, ms } from "./stats.js";

const N = Number(process.env.MOOT_BENCH_PAGES ?? 200_000);
const ROUNDS = Number(process.env.MOOT_BENCH_ROUNDS ?? 5);
const PG_BASE = process.env.MOOT_BENCH_POSTGRES_URL ?? process.env.MOOT_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const VOCAB = (
  "council committee report budget planning application housing school transport highways library flood " +
  "safeguarding children adult care health scrutiny cabinet recommendation resolved minutes agenda appendix officer member " +
  "ward consultation policy strategy contract procurement capital revenue forecast overspend savings climate carbon waste " +
  "recycling licensing taxi premises alcohol tree preservation conservation listed building heritage parking permit bus " +
  "cycle footpath drainage sewer pothole resurfacing bridge school admissions exclusion attendance attainment apprentice " +
  "employment skills regeneration town centre market tourism museum leisure swimming pool playground allotment cemetery"
).split(" ");

function makeRng(seed: number) {
  let a = seed;
  return () => (a = (a * 1103515245 + 12345) >>> 0) / 4294967296;
}

/** Zipf-ish word choice, so some words are common and some rare, as in real papers. */
function pageText(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(VOCAB[Math.floor(VOCAB.length * rand() ** 2.2)]);
  return out.join(" ");
}

/**
 * N pages in documents of 40, one a meeting of one of 50 committees; every 17th document exempt.
 * Written through the store's bulk path (bulk-load.ts: validated, audited and indexed as single
 * writes would be), 100 documents a transaction.
 */
async function populate(store: Store): Promise<string> {
  const authority = await createAuthority(store, { slug: "bench", name: "Bench Council", timezone: "Europe/London", website: null });
  const scope = new Scope(store, authority.id, "bench");
  const committeeIds = Array.from({ length: 50 }, () => ulid());
  await bulkCreate(scope, {
    committee: committeeIds.map((id, c) => ({ id, slug: `c${c}`, name: `Committee ${c}`, kind: "other" as const })),
  });
  const rand = makeRng(42);
  const pagesPerDoc = 40;
  const docs = Math.ceil(N / pagesPerDoc);
  let written = 0;
  const t0 = Date.now();
  for (let d0 = 0; d0 < docs; d0 += 100) {
    const batch: Required<Pick<BulkRecords, "meeting" | "document" | "document_page">> = { meeting: [], document: [], document_page: [] };
    for (let d = d0; d < Math.min(docs, d0 + 100); d++) {
      const meetingId = ulid();
      const date = new Date(Date.UTC(2015, 0, 1) + Math.floor(rand() * 3650) * 86400000).toISOString().slice(0, 10);
      batch.meeting.push({
        id: meetingId,
        committeeId: committeeIds[d % 50]!,
        localDate: date,
        localTime: "10:00",
        startsAt: `${date}T10:00:00.000Z`,
        status: "held",
        // Published, so public searches find them (bar the exempt papers).
        agendaPublishedAt: `${date}T09:00:00.000Z`,
      });
      const documentId = ulid();
      batch.document.push({
        id: documentId,
        meetingId,
        kind: "report",
        title: `Report ${d}`,
        pageCount: pagesPerDoc,
        exemptParagraph: d % 17 === 0 ? 3 : null,
      });
      for (let p = 1; p <= pagesPerDoc && written < N; p++, written++)
        batch.document_page.push({ documentId, pageNumber: p, text: pageText(rand, 180) });
    }
    await bulkCreate(scope, batch);
    process.stderr.write(
      `\r  indexed ${written.toLocaleString()} / ${N.toLocaleString()} pages (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
    );
  }
  process.stderr.write(`\r  indexed ${written.toLocaleString()} pages in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  await refreshStatistics(store);
  return authority.id;
}

const QUERIES = [
  "flood",
  "budget overspend",
  '"school admissions"',
  "taxi licensing",
  "pothole resurfacing bridge",
  "museum",
  "tree preservation",
  "carbon",
  "24/00123/FUL",
  "apprentice skills",
  "council",
  "cemetery allotment",
  "conservation heritage",
  "bus",
  "recycling waste",
];

async function bench(label: string, store: Store): Promise<Record<string, string | number>> {
  await migrate(store);
  const authorityId = await populate(store);
  const moot: number[] = [];
  const raw: number[] = [];
  // Warm both paths once, then alternate so neither gets the warmer cache.
  for (const q of QUERIES) {
    await search(store, authorityId, q, {}, { kind: "public" });
    await store.dialect.rawSearch(store.db, authorityId, parseSearchQuery(q), 20);
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of QUERIES) {
      const [a] = await timed(() => store.dialect.rawSearch(store.db, authorityId, parseSearchQuery(q), 20));
      const [b] = await timed(() => search(store, authorityId, q, { limit: 20 }, { kind: "public" }));
      raw.push(a);
      moot.push(b);
    }
  }
  const m = summarise(moot);
  const rw = summarise(raw);
  return {
    dialect: label,
    pages: N,
    "raw p50": ms(rw.p50),
    "raw p95": ms(rw.p95),
    "moot p50": ms(m.p50),
    "moot p95": ms(m.p95),
    "p95 ratio": (m.p95 / rw.p95).toFixed(2),
  };
}

const results: Array<Record<string, string | number>> = [];
const dir = process.env.MOOT_BENCH_DIR ?? mkdtempSync(join(tmpdir(), "moot-bench-"));
try {
  console.log(`Search benchmark: ${N.toLocaleString()} pages, ${QUERIES.length} queries × ${ROUNDS} rounds, top 20 hits with snippets`);
  const sqlite = openStore({ dataDir: dir });
  results.push(await bench("sqlite", sqlite));
  await sqlite.close();

  const name = `moot_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_BASE });
  try {
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(PG_BASE);
    url.pathname = `/${name}`;
    const store = openStore({ databaseUrl: url.toString(), dataDir: dir });
    try {
      results.push(await bench("postgres", store));
    } finally {
      await store.close();
      await admin.query(`drop database if exists ${name} with (force)`);
    }
  } catch (e) {
    console.log(`PostgreSQL skipped: ${(e as Error).message}`);
  } finally {
    await admin.end().catch(() => {});
  }
  console.table(results);
  for (const r of results) console.log(`${r.dialect}: Moot p95 is ${r["p95 ratio"]}× the raw FTS query's (goal ≤ 2×)`);
} finally {
  if (!process.env.MOOT_BENCH_DIR) rmSync(dir, { recursive: true, force: true });
}
