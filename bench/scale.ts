/**
 * Scale-out benchmark on PostgreSQL: generated councils (years of meetings each) in one
 * database, nginx as the reverse proxy in front of 2 `moot serve` processes and 2 `moot worker`
 * processes, and load clients (bench/load-clients.ts; a process per kind) with 100 connections mixing cached
 * pages, uncached searches with varied words and API calls across councils (by path prefix),
 * while a worker imports packs.
 * References measured in the same run: nginx serving the same bytes of a meeting page, and the
 * raw full-text query (the dialect's rawSearch: one council's matches, ranked, cut, with
 * snippets) for the same words, councils and page size, alone and then under the same load
 * (a second phase: the same pages and API load, the searches replaced by raw queries).
 *
 *   npm run bench:scale                       # a few minutes: 4 councils × 1 year
 *   MOOT_BENCH_AUTHORITIES=100 MOOT_BENCH_YEARS=5 MOOT_BENCH_SECONDS=60 npm run bench:scale
 *
 * PostgreSQL: MOOT_BENCH_POSTGRES_URL (default MOOT_TEST_POSTGRES_URL, else postgres://postgres@127.0.0.1:5432/postgres);
 * a database of its own is made and dropped. To measure again without generating again:
 * MOOT_BENCH_KEEP=1 keeps the database (its name is printed), and MOOT_BENCH_REUSE=<name> runs
 * the load on a kept one (migrated first, so a kept estate takes new migrations).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { loadavg, setPriority, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { migrate, openStore, type Store } from "../src/store/open.js";
import { createAuthority } from "../src/store/authorities.js";
import { Scope } from "../src/store/records.js";
import { bulkCreate, refreshStatistics, type BulkRecords } from "../src/store/bulk-load.js";
import { ulid } from "ulid";
import { parseSearchQuery } from "../src/store/search-query.js";
import { openQueue, QUEUES, queueImport } from "../src/jobs/queue.js";
import { BORSETSHIRE_PACK } from "../src/ingest/fixtures/borsetshire-pack.js";
import { search } from "../src/store/search.js";
import { searchConcurrency } from "../src/store/search-gate.js";
import { summarise } from "./stats.js";
import { closedLoop, type LoadResult, load, pairedH2load } from "./load-clients.js";
import { nginxConfig } from "../src/web/http/proxy-config.js";
import { freePort, nginxBinary } from "../test/support/nginx.js";

const AUTHORITIES = Number(process.env.MOOT_BENCH_AUTHORITIES ?? 4);
const YEARS = Number(process.env.MOOT_BENCH_YEARS ?? 1);
const COMMITTEES = Number(process.env.MOOT_BENCH_COMMITTEES ?? 4);
const SECONDS = Number(process.env.MOOT_BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.MOOT_BENCH_CONNECTIONS ?? 100);
/** nginx keeps public pages by data version (moot proxy-config); MOOT_BENCH_NGINX_CACHE=0 measures the web processes alone. */
const NGINX_CACHE = process.env.MOOT_BENCH_NGINX_CACHE !== "0";
/** MOOT_BENCH_NGINX_LOG=1: nginx logs each request's cache status and times, summarised after the load. */
const NGINX_LOG = process.env.MOOT_BENCH_NGINX_LOG === "1";
/** nginx's worker_processes (MOOT_BENCH_NGINX_WORKERS; default auto, one per core, as Debian's nginx.conf). */
const NGINX_WORKERS = process.env.MOOT_BENCH_NGINX_WORKERS ?? "auto";
/** MOOT_BENCH_NGINX_NICE (e.g. -5, as root): nginx's CPU niceness. */
const NGINX_NICE = process.env.MOOT_BENCH_NGINX_NICE ? Number(process.env.MOOT_BENCH_NGINX_NICE) : null;
/** MOOT_BENCH_WEB_NICE (e.g. -5, as root): the web processes' CPU niceness. */
const WEB_NICE = process.env.MOOT_BENCH_WEB_NICE ? Number(process.env.MOOT_BENCH_WEB_NICE) : null;
/**
 * How nginx picks a web process: "council" (default) hashes the host and the first path
 * segment, so each council's pages are rendered and kept by one process; "least_conn" spreads
 * every request, so each process renders and keeps every page.
 */
const ROUTE = process.env.MOOT_BENCH_ROUTE === "least_conn" ? "least_conn" : "council";
/**
 * Seconds between imports during each load phase (default 6: ten a minute, one council each,
 * round the councils): a worker importing steadily. 0 queues one import for every council at
 * once, which the two workers get through within the minute: every council's pages go stale
 * twice a run, and most page requests are renders (the churn case).
 */
const IMPORT_EVERY = Number(process.env.MOOT_BENCH_IMPORT_EVERY ?? 6);
/**
 * nginx's static copy is also loaded during the mixed load, with the pages' connections: the
 * reference side by side (on two cores the load generator, PostgreSQL and the web processes
 * share the CPU, and alone nginx has it all). MOOT_BENCH_SIDE_BY_SIDE=0 leaves it out.
 */
const SIDE_BY_SIDE = process.env.MOOT_BENCH_SIDE_BY_SIDE !== "0";
/**
 * Seconds of the same mix, unmeasured, before each load phase (MOOT_BENCH_WARMUP, default 5), as
 * the pages are fetched once before the load so their rows measure cached pages: a running
 * site's searches, not its first second. Cold, each web process prepares its search statements
 * on each search connection and reads each council's committee list, and nginx renews every
 * council's key at once: at 100 councils more than half of the searches over p99 fell in the
 * first two seconds (nginx's log, second by second), up to 1.4 s. The raw query's connections
 * are warmed the same way.
 */
const WARMUP = Number(process.env.MOOT_BENCH_WARMUP ?? 5);
/**
 * MOOT_BENCH_KEYS=1: a `moot keys` process answers nginx's version question (moot proxy-config
 * --keys) instead of the web processes; MOOT_BENCH_KEYS_NICE its niceness (`moot keys --nice`,
 * -10 as root). At 100 councils, 60 s, the requests that wait for a council's key to be renewed
 * (nginx's log, STALE) waited p50 79-92 ms for a web process, 30 ms for a key process at the same
 * priority and 6-16 ms for one at -10, and the API's p99 went from 93-119 ms to 55 and 47. Off by
 * default: the issue's layout is 2 web processes and 2 workers.
 */
const KEY_PROCESS = process.env.MOOT_BENCH_KEYS === "1";
/**
 * MOOT_BENCH_WORKER_NICE (0 to 19, default 10, `moot worker`'s own default; anything else: 10): the workers' niceness,
 * and in "services" mode their session's weight. At 10 against the other services' 0, on two
 * saturated cores the workers get a few per cent of the CPU: an import that takes half a second
 * alone took 30-80 s from queued to finished in the load (reported per phase below), and public requests come first.
 */
const workerNice = Number(process.env.MOOT_BENCH_WORKER_NICE ?? 10);
const WORKER_NICE = Number.isInteger(workerNice) && workerNice >= 0 && workerNice <= 19 ? workerNice : 10;
/** MOOT_BENCH_KEYS_NICE (e.g. -10, as root): the `moot keys` process's CPU niceness. */
const KEYS_NICE = process.env.MOOT_BENCH_KEYS_NICE ? Number(process.env.MOOT_BENCH_KEYS_NICE) : null;
/** MOOT_BENCH_CPU_PROF=<dir>: the web processes write V8 CPU profiles there when they stop. */
const CPU_PROF = process.env.MOOT_BENCH_CPU_PROF ?? null;
/**
 * How the server's processes are scheduled against the load generators (bench/service-group.ts):
 * "services" (default) starts nginx, the web processes, the workers and the key process each
 * kind in a session of its own, as systemd starts each service in a cgroup of its own; "one"
 * starts them as plain children, in the load generators' session.
 */
const GROUPS = process.env.MOOT_BENCH_GROUPS === "one" ? "one" : "services";
const KEEP = process.env.MOOT_BENCH_KEEP === "1" || !!process.env.MOOT_BENCH_REUSE;
const REUSE = process.env.MOOT_BENCH_REUSE ?? null;
const BASE_URL = process.env.MOOT_BENCH_POSTGRES_URL ?? process.env.MOOT_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** The web's search page asks for its 20 shown hits and one more, which says a next page exists. */
const SEARCH_LIMIT = 21;

const WORDS =
  "budget housing library flood school transport planning licensing parking heritage waste recycling bridge museum leisure carbon care children scrutiny contract".split(
    " ",
  );
const VOCAB = WORDS.flatMap((w) => ["", "s", "ing", "ed", "er", "ment", "al", "ly", "ness", "ship"].map((x) => w + x));
let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
const word = () => VOCAB[Math.floor(VOCAB.length * rand() ** 2)]!;

interface Council {
  id: string;
  slug: string;
  meetingIds: string[];
}

/**
 * One council: committees × years × 10 meetings, each with a published 4-page pack, 5 items and
 * a decision, written through the store's bulk path (bulk-load.ts: validated, audited and indexed
 * as single writes would be, in multi-row inserts), one transaction per council.
 */
async function generateCouncil(store: Store, n: number): Promise<Council> {
  const a = await createAuthority(store, { slug: `council-${n}`, name: `Council ${n} District Council` });
  const records: Required<Pick<BulkRecords, "committee" | "meeting" | "document" | "document_page" | "agenda_item" | "decision">> = {
    committee: [],
    meeting: [],
    document: [],
    document_page: [],
    agenda_item: [],
    decision: [],
  };
  const meetingIds: string[] = [];
  const start = Date.UTC(new Date().getUTCFullYear() - YEARS, 0, 8);
  for (let c = 0; c < COMMITTEES; c++) {
    const committeeId = ulid();
    records.committee.push({ id: committeeId, slug: `committee-${c}`, name: `Committee ${c}`, kind: "scrutiny" });
    for (let k = 0; k < YEARS * 10; k++) {
      const day = new Date(start + (k * 36 + c) * 86400000).toISOString().slice(0, 10);
      const meetingId = ulid();
      records.meeting.push({
        id: meetingId,
        committeeId,
        localDate: day,
        localTime: "18:30",
        startsAt: `${day}T18:30:00Z`,
        venue: "Council Chamber",
        status: "held",
        // Published, as a real council's past meetings are: public searches then find them.
        agendaPublishedAt: `${day}T09:00:00Z`,
        minutesPublishedAt: `${day}T20:00:00Z`,
      });
      const packId = ulid();
      records.document.push({ id: packId, meetingId, kind: "agenda-pack", title: `Agenda pack ${day}`, pageCount: 4 });
      for (let p = 1; p <= 4; p++)
        records.document_page.push({ documentId: packId, pageNumber: p, text: Array.from({ length: 150 }, word).join(" ") });
      for (let i = 1; i <= 5; i++)
        records.agenda_item.push({
          meetingId,
          number: String(i),
          position: i,
          title: `${WORDS[(i + k) % WORDS.length]} update ${i}`,
          description: `Report on ${WORDS[(i * 3 + c) % WORDS.length]}.`,
        });
      records.decision.push({ meetingId, text: `RESOLVED: that the ${WORDS[k % WORDS.length]} report be noted.`, decidedOn: day });
      meetingIds.push(meetingId);
    }
  }
  await bulkCreate(new Scope(store, a.id, "bench"), records);
  return { id: a.id, slug: a.slug, meetingIds };
}

/** The generated councils of a kept database, as generateCouncil returned them. */
async function keptCouncils(store: Store): Promise<Council[]> {
  const authorities = await store.db.selectFrom("authority").select(["id", "slug"]).where("slug", "like", "council-%").execute();
  const out: Council[] = [];
  for (const a of authorities.sort((x, y) => Number(x.slug.slice(8)) - Number(y.slug.slice(8)))) {
    const meetings = await store.db
      .selectFrom("meeting")
      .innerJoin("committee", "committee.id", "meeting.committeeId")
      .select("meeting.id")
      .where("meeting.authorityId", "=", a.id)
      .where("committee.slug", "like", "committee-%")
      .orderBy("committee.slug")
      .orderBy("meeting.localDate")
      .execute();
    out.push({ id: a.id, slug: a.slug, meetingIds: meetings.map((m) => m.id) });
  }
  return out;
}

/**
 * Starts processes as one service: in GROUPS "services" a launcher in a new session starts them
 * (so `processes` is the launcher, which passes SIGTERM on and exits when they have), else each
 * as a plain child. `pids` are the processes' own ids either way.
 *
 * `nice`, in "services" mode, is the session's own niceness (/proc/<pid>/autogroup), its weight
 * against the other services, as systemd's CPUWeight= weighs a unit against the others: a
 * process's own niceness orders it only within its session (or its unit). The workers' 10 (what
 * `moot worker` takes for itself) and the key process's MOOT_BENCH_KEYS_NICE are given so.
 */
async function startGroup(
  specs: Array<{ command: string; args: string[] }>,
  env: NodeJS.ProcessEnv,
  nice: number | null = null,
): Promise<{ processes: ChildProcess[]; pids: number[] }> {
  if (GROUPS === "one") {
    const processes = specs.map((s) => spawn(s.command, s.args, { env, stdio: ["ignore", "ignore", "inherit"] }));
    return { processes, pids: processes.map((c) => c.pid!) };
  }
  const launcher = spawn(process.execPath, ["bin/run-ts.js", "bench/service-group.ts", JSON.stringify(specs)], {
    env,
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    launcher.stdout!.on("data", (b: Buffer) => {
      out += b.toString();
      if (out.includes("\n")) resolve(out.slice(0, out.indexOf("\n")));
    });
    launcher.once("exit", (code) => reject(new Error(`bench/service-group.ts exited with ${code}`)));
  });
  // Without autogroup (a kernel built without it) there is no such file, and nothing to weigh.
  if (nice !== null)
    try {
      writeFileSync(`/proc/${launcher.pid}/autogroup`, String(nice));
    } catch {}
  return { processes: [launcher], pids: JSON.parse(line) as number[] };
}

/** Whether the kernel schedules sessions as groups (kernel.sched_autogroup_enabled). */
function autogroup(): string {
  try {
    return readFileSync("/proc/sys/kernel/sched_autogroup_enabled", "utf8").trim() === "1" ? "on" : "off";
  } catch {
    return "not in this kernel";
  }
}

async function waitFor(url: string, child?: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child?.exitCode != null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    if (
      await fetch(url).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} never answered`);
}

/**
 * nginx: what `moot proxy-config` prints (pages routed by council and kept by its data version,
 * searches to the least busy process; with MOOT_BENCH_NGINX_CACHE=0 nothing kept), and beside
 * it a static server of the same page bytes, the reference.
 */
async function startNginx(dir: string, webPorts: number[], keyPorts: number[], page: Buffer, cache: boolean) {
  const proxy = await freePort();
  const stat = await freePort();
  mkdirSync(join(dir, "www"), { recursive: true });
  mkdirSync(join(dir, "tmp"), { recursive: true });
  mkdirSync(join(dir, "cache"), { recursive: true });
  writeFileSync(join(dir, "www", "index.html"), page);
  for (const d of [dir, join(dir, ".."), join(dir, "www"), join(dir, "tmp"), join(dir, "cache")]) chmodSync(d, 0o755);
  let site = nginxConfig({
    upstreams: webPorts.map((p) => `127.0.0.1:${p}`),
    listen: `127.0.0.1:${proxy}`,
    serverNames: [],
    cacheDir: cache ? join(dir, "cache") : null,
    cacheSize: "2g",
    keyServers: keyPorts.map((p) => `127.0.0.1:${p}`),
  });
  if (ROUTE !== "council") site = site.replace(/hash \$host\/\$moot_council consistent;/, "least_conn;");
  writeFileSync(
    join(dir, "nginx.conf"),
    `worker_processes ${NGINX_WORKERS}; daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 4096; }
http { ${NGINX_LOG ? `log_format probe '$msec $upstream_cache_status ${cache ? "$moot_version_status" : "-"} $request_time $upstream_response_time $uri $upstream_addr'; access_log ${dir}/access.log probe;` : "access_log off;"} client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp; uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  # A load generator may write its next request as soon as an answer ends (autocannon ignored
  # 'Connection: close'): nginx closes a client's connection after keepalive_requests (1,000)
  # answers, and now and then that request arrived on the closed socket and was reset. Browsers
  # honour the close; the load generator is not a browser.
  keepalive_requests 1000000;
  ${site}
  server { listen 127.0.0.1:${stat}; root ${dir}/www; location / { default_type text/html; try_files /index.html =404; } } }\n`,
  );
  // Niceness is set before nginx forks its workers, so they have it too.
  const args = ["-c", join(dir, "nginx.conf"), "-p", dir];
  const group = await startGroup(
    [
      NGINX_NICE === null
        ? { command: nginxBinary(), args }
        : { command: "nice", args: ["-n", String(NGINX_NICE), nginxBinary(), ...args] },
    ],
    process.env,
    NGINX_NICE,
  );
  await waitFor(`http://127.0.0.1:${stat}/`, group.processes[0]);
  return { proxy: `http://127.0.0.1:${proxy}`, stat: `http://127.0.0.1:${stat}`, processes: group.processes };
}

interface Row {
  target: string;
  rps: number;
  p50: number;
  p95: number | null;
  p99: number;
  errors: number;
  non2xx: number;
}
const row = (target: string, r: LoadResult): Row => ({
  target,
  rps: r.rps,
  p50: r.p50,
  p95: r.p95,
  p99: r.p99,
  errors: r.errors, // timeouts included
  non2xx: r.non2xx,
});

/** A GET with no Accept-Encoding, as autocannon sends. */
function plainGet(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        res.resume();
        res.on("end", () => resolve());
      })
      .on("error", reject);
  });
}

/** When imports changed their councils since `start` (each moves its council's data version), in seconds after it. */
async function councilsChangedSince(url: string, start: string): Promise<string> {
  const r = await withClient(url, (c) =>
    c.query("select count(*) as n, min(changed_at) as first, max(changed_at) as last from data_version where changed_at >= $1", [start]),
  );
  const at = (t: string | null) => (t ? `${((Date.parse(t) - Date.parse(start)) / 1000).toFixed(0)} s` : "-");
  return `${r.rows[0].n} (first at ${at(r.rows[0].first)}, last at ${at(r.rows[0].last)}, after ${((Date.now() - Date.parse(start)) / 1000).toFixed(0)} s of load)`;
}

/**
 * How the imports fared in a load phase: how many finished within it, and for those queued in
 * it, queued to finished (the workers' share of the CPU decides it: see WORKER_NICE).
 */
function importsDuring(jobs: Array<{ createdAt: string; finishedAt: string | null }>, phase: { from: number; to: number }): string {
  const queued = jobs.filter((j) => Date.parse(j.createdAt) >= phase.from && Date.parse(j.createdAt) <= phase.to);
  const finished = jobs.filter((j) => j.finishedAt && Date.parse(j.finishedAt) >= phase.from && Date.parse(j.finishedAt) <= phase.to);
  const waits = queued.flatMap((j) => (j.finishedAt ? [(Date.parse(j.finishedAt) - Date.parse(j.createdAt)) / 1000] : []));
  const st = waits.length ? summarise(waits) : null;
  return `${queued.length} queued, ${finished.length} finished within it; queued to finished p50 ${st ? st.p50.toFixed(1) : "-"} s, longest ${waits.length ? Math.max(...waits).toFixed(1) : "-"} s`;
}

/** A connection of its own for one task, closed after it however it ends. */
async function withClient<T>(url: string, task: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await task(c);
  } finally {
    await c.end();
  }
}

async function dbSize(url: string): Promise<number> {
  const r = await withClient(url, (c) => c.query("select pg_database_size(current_database()) as n"));
  return Number(r.rows[0].n);
}

/**
 * After generating: what a serving site's database has long since done with a bulk load, done
 * before the measurements rather than during them. VACUUM, as autovacuum would (this machine's
 * server runs none): the bulk path writes each search entry twice (inserted, then its copied
 * columns and vector set), and the first reads of each row otherwise set its hint bits.
 * CHECKPOINT, as the checkpointer would within its 5 minutes, so the generation's ~600 MB are not
 * written back beside the load. (The one run measured straight after a generation without them
 * gave the cached pages alone 19% of nginx's static copy, p99 41 ms; the next, on the same
 * estate, 60% and 5 ms.)
 */
async function settle(url: string): Promise<void> {
  const t = performance.now();
  await withClient(url, async (c) => {
    await c.query("vacuum");
    // CHECKPOINT needs a superuser or pg_checkpoint (PostgreSQL 15); without it, the write-back is left to the server.
    await c.query("checkpoint").catch((e: Error) => console.log(`  (no checkpoint: ${e.message})`));
  });
  console.log(
    `Vacuumed and checkpointed the estate in ${((performance.now() - t) / 1000).toFixed(1)} s (not counted in its generation time)`,
  );
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "moot-bench-scale-"));
  const name = REUSE ?? `moot_bench_scale_${process.pid}`;
  if (!/^\w+$/.test(name)) throw new Error(`MOOT_BENCH_REUSE: not a database name: ${name}`);
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  if (!REUSE) await admin.query(`create database ${name}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  const dbUrl = url.toString();
  const children: ChildProcess[] = [];
  try {
    const store = openStore({ databaseUrl: dbUrl, dataDir: join(dir, "data") });
    await migrate(store);
    console.log(`Generating ${AUTHORITIES} councils × ${YEARS} year(s) × ${COMMITTEES} committees (10 meetings a year each) …`);
    const councils: Council[] = REUSE ? await keptCouncils(store) : [];
    const growth: Array<{ authorities: number; seconds: number; bytes: number }> = [];
    let t0 = performance.now();
    for (let n = 0; n < (REUSE ? 0 : AUTHORITIES); n++) {
      councils.push(await generateCouncil(store, n));
      const count = n + 1;
      if (count === 1 || count === 10 || count === AUTHORITIES || count % 10 === 0) {
        growth.push({ authorities: count, seconds: (performance.now() - t0) / 1000, bytes: await dbSize(dbUrl) });
        process.stderr.write(`\r  ${count} councils, ${(growth.at(-1)!.bytes / 2 ** 20).toFixed(0)} MB`);
      }
    }
    process.stderr.write("\n");
    // The server may not run autovacuum (this machine's does not): plan queries on real statistics.
    await refreshStatistics(store);
    if (!REUSE) await settle(dbUrl);
    t0 = performance.now();

    // The search reference: the raw full-text query (rawSearch: one council's matches ranked,
    // cut and given snippets, no rights, filters or joins) for the words, council and page size
    // (20 shown + 1 that says a next page exists) the load's n-th search asks, one at a time;
    // then Moot's own query (store/search.ts, as a public viewer) the same way, no HTTP.
    const words = (n: number) => `${VOCAB[(n * 37) % VOCAB.length]} ${VOCAB[(n * 91 + 5) % VOCAB.length]}`;
    const rawQuery = (db: Store, n: number) =>
      db.dialect.rawSearch(db.db, councils[n % councils.length]!.id, parseSearchQuery(words(n)), SEARCH_LIMIT);
    const raw: number[] = [];
    // As the web asks (with its request's signal): the cancellable path, on the search pool's
    // connections, as a prepared statement.
    const never = new AbortController().signal;
    const mootAlone: number[] = [];
    for (let n = 0; n < 200; n++) {
      let t = performance.now();
      await rawQuery(store, n);
      raw.push(performance.now() - t);
      t = performance.now();
      await search(store, councils[n % councils.length]!.id, words(n), { limit: SEARCH_LIMIT }, { kind: "public" }, { signal: never });
      mootAlone.push(performance.now() - t);
    }
    const rawStats = summarise(raw);
    const mootAloneStats = summarise(mootAlone);
    await store.close();

    const env = {
      ...process.env,
      DATABASE_URL: dbUrl,
      MOOT_DATA_DIR: join(dir, "data"),
      MOOT_PG_POOL: process.env.MOOT_BENCH_PG_POOL ?? "10",
    };
    // MOOT_BENCH_WEB: how many web processes (default 2, as the issue's layout). At 100 councils
    // 4 processes with a search gate of 2 each ran 125 searches a second (2 processes with 4: 99-101)
    // and pages 960 a second (1,335-1,495): more threads for the web tier take CPU from the rest.
    const webPorts = await Promise.all(Array.from({ length: Number(process.env.MOOT_BENCH_WEB ?? 2) }, () => freePort()));
    const web = await startGroup(
      webPorts.map((port) => ({
        command: process.execPath,
        args: [
          ...(CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROF}`] : []),
          "bin/moot.js",
          "serve",
          "--no-demo",
          "--port",
          String(port),
        ],
      })),
      env,
      WEB_NICE,
    );
    children.push(...web.processes);
    if (WEB_NICE !== null) for (const pid of web.pids) setPriority(pid, WEB_NICE);
    for (const [i, port] of webPorts.entries()) await waitFor(`http://127.0.0.1:${port}/`, web.processes[i] ?? web.processes[0]);
    const workers = await startGroup(
      [0, 1].map(() => ({ command: process.execPath, args: ["bin/moot.js", "worker", "--nice", String(WORKER_NICE)] })),
      env,
      WORKER_NICE,
    );
    children.push(...workers.processes);
    const keyPorts = KEY_PROCESS ? [await freePort()] : [];
    for (const port of keyPorts) {
      const keys = await startGroup(
        [
          {
            command: process.execPath,
            args: ["bin/moot.js", "keys", "--port", String(port), ...(KEYS_NICE !== null ? ["--nice", String(KEYS_NICE)] : [])],
          },
        ],
        env,
        KEYS_NICE,
      );
      children.push(...keys.processes);
      await waitFor(`http://127.0.0.1:${port}/_moot/cache-key`, keys.processes[0]);
    }

    const sample = councils[0]!;
    const meetingPath = `/${sample.slug}/meetings/${sample.meetingIds[Math.floor(sample.meetingIds.length / 2)]}`;
    const page = Buffer.from(await (await fetch(`http://127.0.0.1:${webPorts[0]}${meetingPath}`)).arrayBuffer());
    const nginx = await startNginx(join(dir, "nginx"), webPorts, keyPorts, page, NGINX_CACHE);
    children.push(...nginx.processes);

    const pages = councils.flatMap((c) => c.meetingIds.slice(0, 20).map((id) => `/${c.slug}/meetings/${id}`));
    pages.push(...councils.map((c) => `/${c.slug}/committees/committee-0`), ...councils.map((c) => `/${c.slug}/`));
    // Warm every page once through the proxy, so the page rows measure cached pages. With the
    // load's headers: fetch() asks for gzip and br, and pages vary by Accept-Encoding, so pages
    // warmed by fetch were a different variant from autocannon's, which sends none.
    const warmPages = async () => {
      for (const p of pages) await plainGet(`${nginx.proxy}${p}`);
    };
    await warmPages();
    // Packs for the workers to import into the councils while the load runs (each load phase
    // queues its own round, so both run beside imports), queued once the pages are warm (queued
    // before, the imports were done before the load began).
    const packs = join(dir, "packs");
    mkdirSync(packs, { recursive: true });
    const boss = await openQueue(dbUrl);
    // A kept estate's queue may still hold an earlier run's imports, whose packs went with its
    // temporary directory: the workers would spend this run failing them (one 100-council run
    // imported nothing during its load).
    if (REUSE) await boss.purgeQueue(QUEUES.import);
    const timers: NodeJS.Timeout[] = [];
    /** Queues a round of imports: all at once (IMPORT_EVERY 0), or one every IMPORT_EVERY seconds of the phase. */
    const queuePacks = async (round: number) => {
      let queued = 0;
      const count = IMPORT_EVERY > 0 ? Math.max(1, Math.floor(SECONDS / IMPORT_EVERY)) : Math.max(4, councils.length);
      // Round the councils with a stride, so paced imports land in councils far apart.
      const stride = councils.length > 7 && councils.length % 7 !== 0 ? 7 : 1;
      for (let i = 0; i < count; i++) {
        const file = join(packs, `pack-${round}-${i}.txt`);
        writeFileSync(
          file,
          // A title new to each run: a pack imported unchanged writes nothing and empties no
          // cached page, so a rerun on a kept estate (MOOT_BENCH_REUSE) would measure no invalidation.
          BORSETSHIRE_PACK.replace(/Rural Affairs Scrutiny Committee/g, `Imported Committee ${round} ${i}`)
            .replace("Borsetshire County Council\n", "")
            .replaceAll("Hedgerow Management Plan", `Hedgerow Management Plan ${process.pid}`),
        );
        const job = { path: file, authority: councils[(i * stride + round) % councils.length]!.slug, authorityName: null };
        if (IMPORT_EVERY <= 0) {
          if (await queueImport(boss, job)) queued++;
        } else {
          queued++;
          timers.push(setTimeout(() => void queueImport(boss, job).catch(() => undefined), i * IMPORT_EVERY * 1000));
        }
      }
      return queued;
    };
    let nSearch = 0;
    const third = Math.max(1, Math.floor(CONNECTIONS / 3));
    const apiPaths = Array.from(
      { length: councils.length * 6 },
      (_, n) => `/${councils[n % councils.length]!.slug}/api/v1/meetings?limit=20&offset=${(n * 7) % 40}`,
    );
    const pageConnections = CONNECTIONS - 2 * third;
    // nginx's static copy is loaded in both phases (Moot's searches, then the raw query), so the
    // raw reference runs beside the same load as Moot (loaded in the first phase only, it had
    // taken CPU from Moot's searches and left it to the raw query's).
    const pagesAndApi = (seconds = SECONDS) =>
      Promise.all([
        load({ kind: "cannon", origin: nginx.proxy, paths: pages, connections: pageConnections, seconds }),
        load({ kind: "cannon", origin: nginx.proxy, paths: apiPaths, connections: third, seconds }),
        SIDE_BY_SIDE ? load({ kind: "cannon", origin: nginx.stat, paths: ["/"], connections: pageConnections, seconds }) : null,
      ]);
    // Every search new: more paths than the run can ask (a few hundred a second at most).
    const searchPaths = (from: number, seconds: number) =>
      Array.from(
        { length: 1000 * seconds },
        (_, i) => `/${councils[(from + i) % councils.length]!.slug}/search?q=${encodeURIComponent(words(from + i))}&n=${from + i}`,
      );
    if (WARMUP > 0) {
      console.log(`Warming up: the same mix for ${WARMUP} s, unmeasured …`);
      await Promise.all([
        pagesAndApi(WARMUP),
        load({ kind: "loop", origin: nginx.proxy, paths: searchPaths(10_000_000, WARMUP), connections: third, seconds: WARMUP }),
      ]);
    }
    const queued = await queuePacks(0);
    console.log(
      `Load: ${CONNECTIONS} connections for ${SECONDS} s through nginx, ${queued} imports ${IMPORT_EVERY > 0 ? `(one every ${IMPORT_EVERY} s)` : "queued at once"} …`,
    );
    const loadStart = new Date().toISOString();
    const [[pageRes, apiRes, sideBySide], searchRes] = await Promise.all([
      pagesAndApi(),
      load({ kind: "loop", origin: nginx.proxy, paths: searchPaths(0, SECONDS), connections: third, seconds: SECONDS }),
    ]);
    const mootPhase = { from: Date.parse(loadStart), to: Date.now() };
    const changed = await councilsChangedSince(dbUrl, loadStart);
    const loadDuringSearch = loadavg()[0];
    // The reference under the same load: the same mix again, beside a new round of imports, with
    // the searches replaced by the raw query for the same words and councils, from as many
    // clients, through as many PostgreSQL connections as Moot lets searches hold at once (each
    // web process's search gate): no HTTP, nginx, web process or rendering. (Given a connection
    // each, 33 raw clients took the CPU from the pages and API, whose rates fell 20-fold: a
    // reference that wins by starving the rest of the load measures the scheduler, not Moot.)
    const rawConnections = webPorts.length * searchConcurrency();
    process.env.MOOT_PG_POOL = String(rawConnections);
    const rawStore = openStore({ databaseUrl: dbUrl, dataDir: join(dir, "data") });
    delete process.env.MOOT_PG_POOL;
    if (WARMUP > 0) {
      nSearch = 10_000_000;
      await Promise.all([
        pagesAndApi(WARMUP),
        closedLoop(third, WARMUP, async () => {
          await rawQuery(rawStore, nSearch++);
          return null;
        }),
      ]);
    }
    await queuePacks(1);
    nSearch = 0;
    const rawStart = Date.now();
    const [[pageRes2, apiRes2, sideBySide2], rawLoop] = await Promise.all([
      pagesAndApi(),
      closedLoop(third, SECONDS, async () => {
        await rawQuery(rawStore, nSearch++);
        return null;
      }),
    ]);
    const rawPhase = { from: rawStart, to: Date.now() };
    await rawStore.close();
    const loadDuringRaw = loadavg()[0];
    const rawLoadStats = summarise(rawLoop.latencies);
    const searchStats = { p50: searchRes.p50, p95: searchRes.p95 ?? NaN, p99: searchRes.p99 };
    // Throughput alone, all connections on one target: the cached pages through nginx (its
    // version question included), then nginx's static copy of a page.
    const { listJobs } = await import("../src/jobs/job-list.js");
    // This run's imports only: a kept estate's queue still holds earlier runs' unfinished jobs,
    // whose packs went with their temporary directories.
    const runJobs = async () => (await listJobs(boss, { limit: 5000 })).filter((j) => j.subject.startsWith(packs));
    const unfinished = (js: Awaited<ReturnType<typeof runJobs>>) => js.filter((j) => ["queued", "running", "retrying"].includes(j.state));
    // Alone means alone: the raw phase's last imports finished first (up to 30 s), as the load
    // generators have. Then each target in turns, two rounds each (pairedH2load).
    for (const t of timers) clearTimeout(t);
    const drainStart = performance.now();
    for (let i = 0; i < 60 && unfinished(await runJobs()).length > 0; i++) await new Promise((r) => setTimeout(r, 500));
    const drained = (performance.now() - drainStart) / 1000;
    // Cached pages, as before the load: the imports emptied their councils' pages (a new data
    // version), and h2load's connections walk the path list together, so each emptied page
    // was asked of a web process by every connection at once.
    await warmPages();
    const [reference, pagesAlone] = await pairedH2load(
      { origin: nginx.stat, paths: ["/"], connections: CONNECTIONS },
      { origin: nginx.proxy, paths: pages, connections: CONNECTIONS },
      Math.min(SECONDS, 10),
      2,
    );
    const jobs = await runJobs();
    await boss.stop({ graceful: false, wait: true });

    const rows = [
      row("nginx, same bytes of a meeting page, alone", reference),
      row("pages (cached) through nginx, alone", pagesAlone),
      ...(sideBySide ? [row("nginx, same bytes, during the load", sideBySide)] : []),
      row("pages (cached), through nginx", pageRes),
      row("search (every query new), through nginx", searchRes),
      row("API meetings, through nginx", apiRes),
    ];
    console.log(
      `\n${councils.length} councils, ${councils.reduce((n, c) => n + c.meetingIds.length, 0).toLocaleString()} meetings; ${webPorts.length} web, 2 workers (niceness ${WORKER_NICE})${keyPorts.length ? ", moot keys" : ""}, nginx${NGINX_CACHE ? " (pages kept by data version)" : " (no cache)"}; ${SECONDS} s; ${GROUPS === "services" ? "each service in a session of its own" : "one session"} (autogroup ${autogroup()})`,
    );
    console.log(
      "target".padEnd(42),
      "req/s".padStart(8),
      "p50 ms".padStart(7),
      "p95 ms".padStart(7),
      "p99 ms".padStart(7),
      "errors".padStart(7),
    );
    for (const r of rows)
      console.log(
        r.target.padEnd(42),
        r.rps.toFixed(0).padStart(8),
        r.p50.toFixed(1).padStart(7),
        (r.p95 == null ? "-" : r.p95.toFixed(1)).padStart(7),
        r.p99.toFixed(1).padStart(7),
        String(r.errors + r.non2xx).padStart(7),
      );
    const errors = rows.filter((r) => !r.target.startsWith("nginx")).reduce((n, r) => n + r.errors + r.non2xx, 0);
    console.log(
      `\nErrors and non-2xx answers under load: ${errors} (requests answered: pages ${pageRes.total}, search ${searchRes.total}, API ${apiRes.total}; alone, pages ${pagesAlone.total})`,
    );
    console.log(
      `Cached pages alone vs nginx's static copy alone (${CONNECTIONS} connections each): ${((100 * pagesAlone.rps) / reference.rps).toFixed(0)}% of its throughput (goal at least 50%), p99 ${pagesAlone.p99.toFixed(1)} ms vs ${reference.p99.toFixed(1)} ms`,
    );
    if (sideBySide)
      console.log(
        `Pages vs nginx's static copy with as many connections during the same load: ${((100 * pageRes.rps) / sideBySide.rps).toFixed(0)}% of its throughput, p99 ${pageRes.p99.toFixed(1)} ms vs ${sideBySide.p99.toFixed(1)} ms (goal under 50)`,
      );
    const pct = (st: { p50: number; p95: number; p99: number }) => `${st.p50.toFixed(1)} / ${st.p95.toFixed(1)} / ${st.p99.toFixed(1)}`;
    console.log("\nSearch, p50 / p95 / p99 ms (same words, councils and page size throughout):");
    console.log(`  raw full-text query, one at a time          ${pct(rawStats)}`);
    console.log(`  Moot's query (store/search.ts), one at a time ${pct(mootAloneStats)}`);
    console.log(
      `  raw query, ${third} clients on ${rawConnections} connections beside the pages and API load: ${pct(rawLoadStats)}, ${(rawLoop.latencies.length / SECONDS).toFixed(0)} req/s (pages ${pageRes2.rps.toFixed(0)}, API ${apiRes2.rps.toFixed(0)}${sideBySide2 ? `, static ${sideBySide2.rps.toFixed(0)}` : ""} req/s meanwhile)`,
    );
    console.log(
      `  Moot through nginx, ${third} clients, same load: ${pct(searchStats)}, ${searchRes.rps.toFixed(0)} req/s (pages ${pageRes.rps.toFixed(0)}, API ${apiRes.rps.toFixed(0)}${sideBySide ? `, static ${sideBySide.rps.toFixed(0)}` : ""} req/s meanwhile)`,
    );
    console.log(
      `Search p95 is ${(searchStats.p95 / rawLoadStats.p95).toFixed(2)}x the raw query's under the same load and ${(searchStats.p95 / rawStats.p95).toFixed(1)}x its p95 alone (goal at most 2x); p99 ${searchStats.p99.toFixed(0)} ms (goal under 300)`,
    );
    console.log(
      `Load average (1 min) at the end of the Moot phase ${loadDuringSearch.toFixed(1)}, of the raw phase ${loadDuringRaw.toFixed(1)} (2 cores)`,
    );
    for (const [name, r] of [
      ["pages", pageRes],
      ["search", searchRes],
      ["API", apiRes],
      ["pages alone", pagesAlone],
    ] as const)
      if (r.failures.length > 0)
        console.log(`${name}: no answer or not 2xx: ${r.failures.map(([kind, k]) => `${kind} × ${k}`).join(", ")}`);
    console.log(
      `Imports during the load: ${jobs.filter((j) => j.state === "done").length} done, ${jobs.filter((j) => j.state === "failed").length} failed, ${unfinished(jobs).length} unfinished (waited ${drained.toFixed(1)} s after the load for the last to finish)`,
    );
    console.log(`Councils changed by the first round of imports since the load began: ${changed}`);
    for (const [name, phase] of [
      ["Moot", mootPhase],
      ["raw", rawPhase],
    ] as const)
      console.log(`  imports in the ${name} phase: ${importsDuring(jobs, phase)}`);
    console.log("\nGrowth (generation through the store's bulk path, audited and indexed):");
    for (const g of growth)
      console.log(
        `  ${String(g.authorities).padStart(4)} councils: ${(g.bytes / 2 ** 20).toFixed(1)} MB, ${g.seconds.toFixed(1)} s to generate`,
      );
    if (growth.length > 1) {
      const [first, last] = [growth.find((g) => g.authorities === Math.min(10, AUTHORITIES)) ?? growth[0]!, growth.at(-1)!];
      if (last.authorities > first.authorities)
        console.log(
          `  from ${first.authorities} to ${last.authorities}: size ×${(last.bytes / first.bytes).toFixed(2)}, time ×${(last.seconds / first.seconds).toFixed(2)} (authorities ×${(last.authorities / first.authorities).toFixed(1)})`,
        );
    }
    if (NGINX_LOG) {
      // Per kind of request: how nginx answered (HIT, STALE, UPDATING, MISS, EXPIRED, -) and its time.
      const by = new Map<string, { times: number[]; upstream: number[] }>();
      const processes = new Map<string, number>();
      for (const line of readFileSync(join(dir, "nginx", "access.log"), "utf8").split("\n")) {
        const [msec, status, version, time, upstreamTime, uri, addr] = line.split(" ");
        // The Moot phase only (the rows above): the raw phase's and the alone runs' requests apart.
        if (!uri || Number(msec) * 1000 < mootPhase.from || Number(msec) * 1000 > mootPhase.to) continue;
        const kind = uri.includes("/search") ? "search" : uri.includes("/api/") ? "api" : "page";
        const key = `${kind} ${status} version ${version}`;
        const t = by.get(key) ?? { times: [], upstream: [] };
        t.times.push(Number(time) * 1000);
        if (upstreamTime && upstreamTime !== "-") t.upstream.push(Number(upstreamTime) * 1000);
        by.set(key, t);
        if (addr && addr !== "-") processes.set(`${kind} ${addr}`, (processes.get(`${kind} ${addr}`) ?? 0) + 1);
      }
      console.log(
        "\nnginx cache status by request kind, during the Moot phase (count; p50 and p99 ms of nginx's own time, then of the web process's answer):",
      );
      for (const [key, { times, upstream }] of [...by].sort()) {
        const st = summarise(times);
        const up = upstream.length ? summarise(upstream) : null;
        console.log(
          `  ${key.padEnd(20)} ${String(times.length).padStart(7)} ${st.p50.toFixed(0).padStart(6)} ${st.p99.toFixed(0).padStart(6)}${up ? ` ${up.p50.toFixed(0).padStart(6)} ${up.p99.toFixed(0).padStart(6)}` : ""}`,
        );
      }
      console.log(
        `Requests each web process answered (${ROUTE}): ${[...processes]
          .sort()
          .map(([k, n]) => `${k} ${n}`)
          .join(", ")}`,
      );
    }
    mkdirSync("bench/out", { recursive: true });
    writeFileSync(
      "bench/out/scale.json",
      JSON.stringify(
        {
          at: new Date().toISOString(),
          authorities: AUTHORITIES,
          years: YEARS,
          committees: COMMITTEES,
          seconds: SECONDS,
          connections: CONNECTIONS,
          nginxCache: NGINX_CACHE,
          route: ROUTE,
          rows,
          raw: rawStats,
          rawUnderLoad: rawLoadStats,
          mootAlone: mootAloneStats,
          search: searchStats,
          growth,
          errors,
        },
        null,
        2,
      ),
    );
  } finally {
    // Stop every process and wait for it before dropping the database under it.
    await Promise.all(children.map((c) => (c.exitCode != null ? null : new Promise((r) => (c.once("exit", r), c.kill("SIGTERM"))))));
    if (KEEP) console.log(`Kept the database: MOOT_BENCH_REUSE=${name}`);
    else await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
