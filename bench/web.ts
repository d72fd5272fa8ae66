/**
 * Web benchmark: a generated council (years × committees of meetings), the real server in a
 * child process, autocannon against a meeting page, a committee page and search, and nginx
 * serving the same rendered bytes of the meeting page in the same run as the reference.
 * Goal: cached meeting page ≥ 50% of nginx's throughput, p99 < 50 ms at 100 connections.
 *
 *   npm run bench:web
 *   MOOT_BENCH_YEARS=2 MOOT_BENCH_COMMITTEES=10 MOOT_BENCH_SECONDS=5 npm run bench:web
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
// autocannon ships no types; the few fields used here are typed by hand below.
// @ts-expect-error no declaration file
import autocannonUntyped from "autocannon";
import { migrate, openStore, type Store } from "../src/store/open.js";
import { createAuthority } from "../src/store/authorities.js";
import { Scope } from "../src/store/records.js";
import { freePort } from "../test/support/nginx.js";

const YEARS = Number(process.env.MOOT_BENCH_YEARS ?? 10);
const COMMITTEES = Number(process.env.MOOT_BENCH_COMMITTEES ?? 50);
const SECONDS = Number(process.env.MOOT_BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.MOOT_BENCH_CONNECTIONS ?? 100);

const WORDS =
  "budget housing library flood school transport planning licensing parking heritage waste recycling bridge museum leisure carbon care children scrutiny contract".split(
    " ",
  );
/** A larger vocabulary with a long tail, so a search matches some pages rather than all of them. */
const VOCAB = WORDS.flatMap((w) =>
  [
    "",
    "s",
    "ing",
    "ed",
    "er",
    "ment",
    "al",
    "ly",
    "ness",
    "ship",
    "ward",
    "wise",
    "ful",
    "ist",
    "ism",
    "ity",
    "ive",
    "ous",
    "ery",
    "ite",
  ].map((x) => w + x),
);
function makeRng(seed: number) {
  let a = seed >>> 0;
  return () => (a = (a * 1103515245 + 12345) >>> 0) / 4294967296;
}
const rand = makeRng(7);
const word = () => VOCAB[Math.floor(VOCAB.length * rand() ** 2)];

const londonParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The UTC instant of a London wall-clock time (exact away from the clock-change hour). */
function londonToUtc(date: string, time: string): string {
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  const p = Object.fromEntries(londonParts.formatToParts(new Date(asUtc)).map((x) => [x.type, Number(x.value)]));
  const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - asUtc;
  return new Date(asUtc - offset).toISOString().replace(/\.\d{3}Z$/, "Z");
}

async function populate(store: Store): Promise<{ meetingId: string; committeeSlug: string; meetings: number }> {
  const a = await createAuthority(store, { slug: "bench", name: "Benchmark Borough Council" });
  const root = new Scope(store, a.id, "bench");
  const people: Array<{ id: string; slug: string }> = [];
  for (let p = 0; p < 120; p++)
    people.push(
      await root.create("person", {
        slug: `person-${p}`,
        name: `Councillor ${p}`,
        kind: "councillor",
        party: p % 3 ? "Independent" : "Green",
      }),
    );
  const start = new Date(Date.UTC(new Date().getUTCFullYear() - YEARS + 1, 0, 8));
  let meetings = 0;
  let sample = { meetingId: "", committeeSlug: "" };
  const t0 = Date.now();
  for (let c = 0; c < COMMITTEES; c++) {
    await root.transaction(async (s) => {
      const committee = await s.create("committee", {
        slug: `committee-${c}`,
        name: `Committee ${c}`,
        kind: c === 0 ? "council" : "scrutiny",
      });
      const members = people.slice((c * 7) % 110, ((c * 7) % 110) + 8);
      for (const [i, p] of members.entries())
        await s.create("membership", { personId: p.id, committeeId: committee.id, role: i === 0 ? "chair" : "member", kind: "councillor" });
      for (let k = 0; k < YEARS * 10; k++) {
        const day = new Date(start.getTime() + (k * 36 + (c % 28)) * 86400000).toISOString().slice(0, 10);
        const meeting = await s.create("meeting", {
          committeeId: committee.id,
          localDate: day,
          localTime: "18:30",
          startsAt: londonToUtc(day, "18:30"),
          venue: "Council Chamber",
          status: "held",
        });
        const pack = await s.create("document", {
          meetingId: meeting.id,
          kind: "agenda-pack",
          title: `Agenda pack ${day}`,
          pageCount: 6,
          publishedAt: `${day}T09:00:00Z`,
        });
        for (let p = 1; p <= 6; p++) {
          const text = Array.from({ length: 150 }, word).join(" ");
          await s.create("document_page", { documentId: pack.id, pageNumber: p, text });
        }
        for (let i = 1; i <= 6; i++) {
          await s.create("agenda_item", {
            meetingId: meeting.id,
            number: String(i),
            position: i,
            title: `${WORDS[(i + k) % WORDS.length]} update ${i}`,
            description: `Report on ${WORDS[(i * 3 + c) % WORDS.length]}.`,
            pageFrom: i,
            pageTo: i,
            exemptParagraph: i === 6 && k % 5 === 0 ? 3 : null,
          });
        }
        for (const p of members.slice(0, 6))
          await s.create("attendance", {
            meetingId: meeting.id,
            personId: p.id,
            status: (p.slug.length + k) % 7 ? "present" : "apologies",
          });
        await s.create("decision", {
          meetingId: meeting.id,
          text: `RESOLVED: that the ${WORDS[k % WORDS.length]} report be noted.`,
          decidedOn: day,
        });
        meetings += 1;
        if (c === 1 && k === Math.floor(YEARS * 5)) sample = { meetingId: meeting.id, committeeSlug: committee.slug };
      }
    });
    process.stderr.write(`\r  generated ${meetings.toLocaleString()} meetings (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  process.stderr.write("\n");
  return { ...sample, meetings };
}

/** nginx from Debian: installed with apt-get when root, otherwise reported missing. */
function findNginx(): string | null {
  for (const p of ["/usr/sbin/nginx", "/usr/bin/nginx"]) if (existsSync(p)) return p;
  if (process.getuid?.() === 0) {
    console.error("  nginx not found: installing the Debian package");
    spawnSync("apt-get", ["update", "-qq"], { stdio: "ignore" });
    spawnSync("apt-get", ["install", "-y", "-qq", "nginx"], {
      stdio: "ignore",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    for (const p of ["/usr/sbin/nginx", "/usr/bin/nginx"]) if (existsSync(p)) return p;
  }
  return null;
}

async function startNginx(dir: string, body: Buffer): Promise<{ url: string; stop(): void } | null> {
  const bin = findNginx();
  if (!bin) return null;
  const port = await freePort();
  mkdirSync(join(dir, "www"), { recursive: true });
  writeFileSync(join(dir, "www", "index.html"), body);
  chmodSync(dir, 0o755);
  chmodSync(join(dir, ".."), 0o755); // nginx workers run as an unprivileged user
  chmodSync(join(dir, "www"), 0o755);
  // One worker: the Node server is one thread too, and autocannon needs the other core.
  writeFileSync(
    join(dir, "nginx.conf"),
    `worker_processes 1; daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp; uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  server { listen 127.0.0.1:${port}; root ${dir}/www; location / { default_type text/html; try_files /index.html =404; } } }\n`,
  );
  const child = spawn(bin, ["-c", join(dir, "nginx.conf"), "-p", dir], { stdio: "ignore" });
  for (let i = 0; i < 50; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill("SIGTERM") };
}

async function startMoot(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["bin/run-ts.js", "bench/web.ts", "--serve", dataDir], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url: (JSON.parse(line) as { url: string }).url, child };
}

interface CannonRequest {
  method: string;
  setupRequest?: (req: Record<string, unknown>) => Record<string, unknown>;
}
interface CannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
const autocannon = autocannonUntyped as (o: {
  url: string;
  connections: number;
  duration: number;
  requests?: CannonRequest[];
}) => Promise<CannonResult>;

interface Row {
  target: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(target: string, url: string, requests?: CannonRequest[]): Promise<Row> {
  // A short warm-up first, so JIT compilation is not charged to either side.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, requests });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests });
  return { target, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "moot-bench-web-"));
  const store = openStore({ dataDir: join(dir, "data") });
  await migrate(store);
  console.log(`Generating ${YEARS} years × ${COMMITTEES} committees …`);
  const sample = await populate(store);
  const searchTimes = await timeSearch(store);
  await store.close();
  const moot = await startMoot(join(dir, "data"));
  const meetingUrl = `${moot.url}/meetings/${sample.meetingId}`;
  const page = Buffer.from(await (await fetch(meetingUrl)).arrayBuffer());
  const nginx = await startNginx(join(dir, "nginx"), page);
  const rows: Row[] = [];
  try {
    if (nginx) rows.push(await load("nginx, same bytes of the meeting page", nginx.url));
    rows.push(await load("Moot meeting page (cached)", meetingUrl));
    rows.push(await load("Moot committee page (cached)", `${moot.url}/committees/${sample.committeeSlug}`));
    rows.push(await load("Moot search page (cached query)", `${moot.url}/search?q=libraryship+budgetism`));
    let n = 0;
    rows.push(
      await load("Moot search page (every query new)", moot.url, [
        {
          method: "GET",
          setupRequest: (req: Record<string, unknown>) => ({
            ...req,
            path: `/search?q=${VOCAB[(n * 37) % VOCAB.length]}+${VOCAB[(n * 91 + 5) % VOCAB.length]}&n=${n++}`,
          }),
        },
      ]),
    );
  } finally {
    nginx?.stop();
    moot.child.kill("SIGTERM");
  }
  const ref = rows.find((r) => r.target.startsWith("nginx"));
  console.log(
    `\n${sample.meetings.toLocaleString()} meetings; ${CONNECTIONS} connections, ${SECONDS} s each; meeting page ${page.byteLength.toLocaleString()} bytes`,
  );
  console.log(
    "target".padEnd(42),
    "req/s".padStart(9),
    "p50 ms".padStart(8),
    "p99 ms".padStart(8),
    "vs nginx".padStart(9),
    "errors".padStart(7),
  );
  for (const r of rows) {
    const ratio = ref ? `${((100 * r.rps) / ref.rps).toFixed(0)}%` : "n/a";
    console.log(
      r.target.padEnd(42),
      r.rps.toFixed(0).padStart(9),
      String(r.p50).padStart(8),
      String(r.p99).padStart(8),
      ratio.padStart(9),
      String(r.errors + r.non2xx).padStart(7),
    );
  }
  if (!ref) console.log("\nnginx is missing (not root, so not installed): no reference in this run.");
  const cached = rows.find((r) => r.target === "Moot meeting page (cached)")!;
  if (ref)
    console.log(
      `\nGoal, cached meeting page ≥ 50% of nginx: ${cached.rps / ref.rps >= 0.5 ? "met" : "NOT met"} (${((100 * cached.rps) / ref.rps).toFixed(0)}%)`,
    );
  console.log(`Goal, p99 < 50 ms at ${CONNECTIONS} connections: ${cached.p99 < 50 ? "met" : "NOT met"} (${cached.p99} ms)`);
  console.log(
    `\nFor the uncached search row: the store's search() alone, same queries, one at a time: p50 ${searchTimes.store.p50.toFixed(1)} ms, p99 ${searchTimes.store.p99.toFixed(1)} ms.`,
  );
  mkdirSync("bench/out", { recursive: true });
  writeFileSync(
    "bench/out/web.json",
    JSON.stringify(
      {
        at: new Date().toISOString(),
        years: YEARS,
        committees: COMMITTEES,
        meetings: sample.meetings,
        connections: CONNECTIONS,
        seconds: SECONDS,
        rows,
      },
      null,
      2,
    ),
  );
  rmSync(dir, { recursive: true, force: true });
}

/** The search the page runs, without HTTP or rendering, to show where uncached time goes. */
async function timeSearch(store: Store) {
  const { search } = await import("../src/store/search.js");
  const { PUBLIC } = await import("../src/domain/viewer.js");
  const { summarise } = await import("./stats.js");
  const authorityId = (await store.db.selectFrom("authority").select("id").executeTakeFirstOrThrow()).id;
  const a: number[] = [];
  for (let n = 0; n < 60; n++) {
    const q = `${VOCAB[(n * 37) % VOCAB.length]} ${VOCAB[(n * 91 + 5) % VOCAB.length]}`;
    const t = performance.now();
    await search(store, authorityId, q, { limit: 21 }, PUBLIC);
    a.push(performance.now() - t);
  }
  return { store: summarise(a) };
}

async function serve(dataDir: string) {
  const { startServer } = await import("../src/web/server.js");
  const store = openStore({ dataDir });
  const server = await startServer(store, { port: 0 });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.on(
    "SIGTERM",
    () =>
      void server
        .close()
        .then(() => store.close())
        .then(() => process.exit(0)),
  );
}

if (process.argv[2] === "--serve") await serve(process.argv[3]);
else await main();
