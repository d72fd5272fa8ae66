/**
 * Search benchmark: index N synthetic document pages, then time Moot's search function
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
import { fillSearchVectors } from "../src/store/search-index.js";
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

async function populate(store: Store): Promise<string> {
  const authority = await createAuthority(store, { slug: "bench", name: "Bench Council", timezone: "Europe/London", website: null });
  const now = new Date().toISOString();
  const base = { authorityId: authority.id, createdAt: now, updatedAt: now };
  const committeeIds: string[] = [];
  for (let c = 0; c < 50; c++) {
    const id = ulid();
    committeeIds.push(id);
    await store.db
      .insertInto("committee")
      .values({
        ...base,
        id,
        slug: `c${c}`,
        name: `Committee ${c}`,
        kind: "other",
        minuteScheme: '{"pattern":"{n}","resetEach":"never"}',
        parentId: null,
        activeFrom: null,
        activeTo: null,
        description: null,
      })
      .execute();
  }
  const rand = makeRng(42);
  const pagesPerDoc = 40;
  const docs = Math.ceil(N / pagesPerDoc);
  let written = 0;
  const t0 = Date.now();
  for (let d = 0; d < docs; d++) {
    const meetingId = ulid();
    const date = new Date(Date.UTC(2015, 0, 1) + Math.floor(rand() * 3650) * 86400000).toISOString().slice(0, 10);
    await store.db
      .insertInto("meeting")
      .values({
        ...base,
        id: meetingId,
        committeeId: committeeIds[d % 50],
        localDate: date,
        localTime: "10:00",
        startsAt: `${date}T10:00:00.000Z`,
        title: null,
        venue: null,
        status: "held",
        agendaPublishedAt: null,
        contactOfficer: null,
        webcastUrl: null,
        statusNote: null,
      })
      .execute();
    const documentId = ulid();
    await store.db
      .insertInto("document")
      .values({
        ...base,
        id: documentId,
        meetingId,
        agendaItemId: null,
        kind: "report",
        title: `Report ${d}`,
        sha256: null,
        fileName: null,
        mediaType: null,
        byteSize: null,
        pageCount: pagesPerDoc,
        sourcePageFrom: null,
        sourcePageTo: null,
        exemptParagraph: d % 17 === 0 ? 3 : null,
        publishedAt: null,
      })
      .execute();
    const pages = [];
    const rows = [];
    for (let p = 1; p <= pagesPerDoc && written < N; p++, written++) {
      const pageId = ulid();
      pages.push({ ...base, id: pageId, documentId, pageNumber: p, printedNumber: null, text: pageText(rand, 180) });
      rows.push({
        id: pageId,
        authorityId: authority.id,
        kind: "page" as const,
        recordId: pageId,
        meetingId,
        documentId,
        agendaItemId: null,
        pageNumber: p,
        committeeId: committeeIds[d % 50],
        meetingDate: date,
        restricted: d % 17 === 0 ? 1 : 0,
        title: `Report ${d}`,
      });
    }
    // The page text lives in document_page; the entry reads it from there (search-index.ts).
    if (pages.length) await store.db.insertInto("document_page").values(pages).execute();
    if (rows.length) await store.db.insertInto("search_entry").values(rows).execute();
    await fillSearchVectors(
      store,
      rows.map((r) => r.id),
    );
    if (d % 500 === 0)
      process.stderr.write(
        `\r  indexed ${written.toLocaleString()} / ${N.toLocaleString()} pages (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
      );
  }
  process.stderr.write(`\r  indexed ${written.toLocaleString()} pages in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
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
