/**
 * The load of bench:scale, each kind of request from a process of its own: autocannon for the
 * pages, the API and nginx's static copy, and closed-loop HTTP clients timed one by one for the
 * searches (each new: its own words and number; exact percentiles). Run inside the benchmark's
 * own process, four loads and the search clients shared one event loop, and its waits were
 * counted as the server's: at 10 councils nginx logged p99 0 ms for the pages it answered from
 * its cache while autocannon measured 138 ms (and 127 ms for nginx's static copy).
 *
 * Throughput alone (one target, every connection) is measured with h2load (Debian's
 * nghttp2-client: C, every request logged), because one autocannon process tops out below
 * nginx's static copy (16,600 req/s here, where h2load gets 32,000). It is not used for the
 * mixed load: its clients each walk the path list from its start, so 34 connections asked for
 * the same page at the same moment and every write made 34 misses of each page (3,305 misses in
 * 20 s where autocannon's spread made 395). Nor wrk: Debian's wrk 4.1.0 reported a mean of
 * 175 ms and a p95 of 1.8 s against a server answering 2% of requests in 2 s and the rest in
 * 10 ms, where 34 connections at 738 req/s allow a mean of 46 ms (Little's law; h2load and
 * autocannon both gave 42 ms).
 *
 *   node bin/run-ts.js bench/load-clients.ts SPEC.json   # prints a LoadResult as JSON
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { setPriority, tmpdir } from "node:os";
import { join } from "node:path";
// @ts-expect-error autocannon ships no declaration file
import autocannonUntyped from "autocannon";
import { summarise } from "./stats.js";

export interface Loop {
  latencies: number[];
  /** Failed calls by status code or error message. */
  failures: Map<string, number>;
}

/** `clients` callers, each running `call` back to back for `seconds`, every call timed. */
export async function closedLoop(clients: number, seconds: number, call: () => Promise<string | null>): Promise<Loop> {
  const end = performance.now() + seconds * 1000;
  const out: Loop = { latencies: [], failures: new Map() };
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const failure = await call().catch((e: Error) => e.message);
        out.latencies.push(performance.now() - t);
        if (failure !== null) out.failures.set(failure, (out.failures.get(failure) ?? 0) + 1);
      }
    }),
  );
  return out;
}

export interface LoadSpec {
  /** autocannon, or closed-loop clients timed one by one. */
  kind: "cannon" | "loop";
  /** Origin (http://127.0.0.1:8080) and paths, taken in turn by all connections together. */
  origin: string;
  paths: string[];
  connections: number;
  seconds: number;
}

export interface LoadResult {
  /** Requests answered per second, and in all. */
  rps: number;
  total: number;
  p50: number;
  /** Not known for autocannon (its histogram has no p95). */
  p95: number | null;
  p99: number;
  /** Requests with no answer (timeouts included). */
  errors: number;
  non2xx: number;
  /** Why requests got no answer, and the statuses outside 2xx. */
  failures: Array<[string, number]>;
}

/** A GET's status, its body read and dropped. */
function getStatus(url: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      })
      .on("error", reject);
  });
}

async function loop(spec: LoadSpec): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  let n = 0;
  const l = await closedLoop(spec.connections, spec.seconds, async () => {
    const status = await getStatus(spec.origin + spec.paths[n++ % spec.paths.length]!, agent);
    return status >= 200 && status < 300 ? null : String(status);
  });
  agent.destroy();
  const st = summarise(l.latencies);
  const failed = [...l.failures.values()].reduce((a, b) => a + b, 0);
  return {
    rps: l.latencies.length / spec.seconds,
    total: l.latencies.length,
    p50: st.p50,
    p95: st.p95,
    p99: st.p99,
    errors: 0,
    non2xx: failed,
    failures: [...l.failures],
  };
}

interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
  statusCodeStats?: Record<string, { count: number }>;
}
type Cannon = (o: object) => Promise<CannonResult> & { on(event: "reqError", f: (e: Error & { code?: string }) => void): unknown };

async function cannon(spec: LoadSpec): Promise<LoadResult> {
  const failures = new Map<string, number>();
  let n = 0;
  const run = (autocannonUntyped as Cannon)({
    url: spec.origin,
    connections: spec.connections,
    duration: spec.seconds,
    requests: [{ method: "GET", setupRequest: (r: Record<string, unknown>) => ({ ...r, path: spec.paths[n++ % spec.paths.length] }) }],
  });
  run.on("reqError", (e) => {
    const kind = e.code ?? e.message;
    failures.set(kind, (failures.get(kind) ?? 0) + 1);
  });
  const r = await run;
  for (const [code, v] of Object.entries(r.statusCodeStats ?? {})) if (!code.startsWith("2")) failures.set(code, v.count);
  return {
    rps: r.requests.average,
    total: r.requests.total,
    p50: r.latency.p50,
    p95: null,
    p99: r.latency.p99,
    errors: r.errors, // timeouts included
    non2xx: r.non2xx,
    failures: [...failures],
  };
}

/**
 * The load clients stand for visitors on other machines; here they share two cores with the
 * server. MOOT_BENCH_CLIENT_NICE (e.g. -10, as root) runs them ahead of it, so their own waits
 * for a core are not counted as the server's.
 */
const CLIENT_NICE = process.env.MOOT_BENCH_CLIENT_NICE ? Number(process.env.MOOT_BENCH_CLIENT_NICE) : null;
function prioritise(pid: number | undefined): void {
  if (CLIENT_NICE === null || pid === undefined) return;
  try {
    setPriority(pid, CLIENT_NICE);
  } catch (e) {
    console.error(`MOOT_BENCH_CLIENT_NICE: ${(e as Error).message}`);
  }
}

/** The h2load binary: MOOT_BENCH_H2LOAD, else Debian's (nghttp2-client, installed with apt-get when root). */
function h2loadBinary(): string {
  if (process.env.MOOT_BENCH_H2LOAD) return process.env.MOOT_BENCH_H2LOAD;
  const bin = "/usr/bin/h2load";
  if (!existsSync(bin) && process.getuid?.() === 0) {
    console.error("  h2load not found: installing the Debian package nghttp2-client");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    if (spawnSync("apt-get", ["install", "-y", "-qq", "nghttp2-client"], { stdio: "ignore", env }).status !== 0) {
      spawnSync("apt-get", ["update", "-qq"], { stdio: "ignore" });
      spawnSync("apt-get", ["install", "-y", "-qq", "nghttp2-client"], { stdio: "ignore", env });
    }
  }
  return existsSync(bin) ? bin : "h2load";
}

/** h2load over HTTP/1.1, every connection walking `paths` from the start; times from its log of every request. */
export async function h2load(spec: Omit<LoadSpec, "kind">): Promise<LoadResult & { times: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), "moot-h2load-"));
  try {
    const uris = join(dir, "uris.txt");
    const log = join(dir, "requests.log");
    writeFileSync(uris, `${spec.paths.map((p) => spec.origin + p).join("\n")}\n`);
    const args = ["--h1", "-t1", `-c${spec.connections}`, "-D", String(spec.seconds), "-i", uris, `--log-file=${log}`];
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(h2loadBinary(), args, { stdio: ["ignore", "pipe", "pipe"] });
      prioritise(child.pid);
      let text = "";
      child.stdout.on("data", (d: Buffer) => (text += d));
      child.stderr.on("data", (d: Buffer) => (text += d));
      child.on("error", (e) =>
        reject(new Error(`h2load did not start (apt-get install nghttp2-client, or set MOOT_BENCH_H2LOAD): ${e.message}`)),
      );
      child.on("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`h2load exited ${code}: ${text}`))));
    });
    const times: number[] = [];
    const statuses = new Map<string, number>();
    for (const line of readFileSync(log, "utf8").split("\n")) {
      const [, status, micros] = line.split("\t");
      if (!micros) continue;
      times.push(Number(micros) / 1000);
      if (!status?.startsWith("2")) statuses.set(status!, (statuses.get(status!) ?? 0) + 1);
    }
    // "requests: 5920 total, 5954 started, 5920 done, 5920 succeeded, 0 failed, 0 errored, 0 timeout"
    const counts = /(\d+) errored, (\d+) timeout/.exec(out);
    if (!counts) throw new Error(`h2load printed no summary:\n${out}`);
    const st = summarise(times);
    const non2xx = [...statuses.values()].reduce((a, b) => a + b, 0);
    return {
      rps: times.length / spec.seconds,
      total: times.length,
      p50: st.p50,
      p95: st.p95,
      p99: st.p99,
      errors: Number(counts[1]) + Number(counts[2]),
      non2xx,
      failures: [...statuses, ["errored", Number(counts[1])], ["timeout", Number(counts[2])]].filter(([, n]) => Number(n) > 0) as Array<
        [string, number]
      >,
      times,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * h2load runs of one target, taken in turns with another's (pairedH2load), as one result: their
 * requests and times together over their seconds together.
 */
export function joinRuns(runs: Array<LoadResult & { times: number[] }>, seconds: number): LoadResult {
  const times = runs.flatMap((r) => r.times);
  const st = summarise(times);
  const failures = new Map<string, number>();
  for (const r of runs) for (const [kind, n] of r.failures) failures.set(kind, (failures.get(kind) ?? 0) + n);
  return {
    rps: times.length / seconds,
    total: times.length,
    p50: st.p50,
    p95: st.p95,
    p99: st.p99,
    errors: runs.reduce((n, r) => n + r.errors, 0),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    failures: [...failures],
  };
}

/**
 * Two targets' throughput alone, measured in turns (a, b, a, b …, `rounds` each, `seconds` in
 * all for each), so a drift in the machine's speed over the measurement (a late write-back, a
 * neighbour) falls on both rather than on whichever ran second.
 */
export async function pairedH2load(
  a: Omit<LoadSpec, "kind" | "seconds">,
  b: Omit<LoadSpec, "kind" | "seconds">,
  seconds: number,
  rounds: number,
): Promise<[LoadResult, LoadResult]> {
  // h2load's -D takes whole seconds.
  const slice = Math.max(1, Math.round(seconds / rounds));
  seconds = slice * rounds;
  const runsA: Array<LoadResult & { times: number[] }> = [];
  const runsB: Array<LoadResult & { times: number[] }> = [];
  for (let i = 0; i < rounds; i++) {
    runsA.push(await h2load({ ...a, seconds: slice }));
    runsB.push(await h2load({ ...b, seconds: slice }));
  }
  return [joinRuns(runsA, seconds), joinRuns(runsB, seconds)];
}

/** Runs one kind of load in a child process and returns what it measured. */
export async function load(spec: LoadSpec): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), "moot-load-"));
  try {
    writeFileSync(join(dir, "spec.json"), JSON.stringify(spec));
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ["bin/run-ts.js", "bench/load-clients.ts", join(dir, "spec.json")], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      prioritise(child.pid);
      let text = "";
      child.stdout.on("data", (d: Buffer) => (text += d));
      child.on("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`load clients exited ${code}`))));
    });
    return JSON.parse(out) as LoadResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("load-clients.ts") && process.argv[2]) {
  const spec = JSON.parse(readFileSync(process.argv[2], "utf8")) as LoadSpec;
  process.stdout.write(JSON.stringify(await (spec.kind === "cannon" ? cannon(spec) : loop(spec))));
}
