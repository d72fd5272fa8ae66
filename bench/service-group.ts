/**
 * Starts processes in a session of their own, so that Linux schedules them as one group, as
 * systemd runs a service's processes in one cgroup (bench/scale.ts, MOOT_BENCH_GROUPS).
 *
 * With autogroup on (kernel.sched_autogroup_enabled, the default of most distributions' kernels),
 * the scheduler shares the CPU fairly between sessions first and between a session's threads
 * second. Started as plain children, nginx, the web processes and the workers share the load
 * generators' session: on two saturated cores the load generators' threads then outnumber and
 * outweigh them, which a deployment never sees (systemd gives each service its own cgroup, and
 * its clients are elsewhere).
 *
 *   node bin/run-ts.js bench/service-group.ts '[{"command":"nginx","args":["-c","…"]}]'
 *
 * Prints the processes' ids as one JSON line, passes SIGTERM and SIGINT on to them, and exits
 * once all have exited (with the first non-zero code among them).
 */
import { spawn } from "node:child_process";

const specs = JSON.parse(process.argv[2] ?? "[]") as Array<{ command: string; args: string[] }>;
const children = specs.map((s) => spawn(s.command, s.args, { stdio: ["ignore", "ignore", "inherit"] }));
let code = 0;
let running = children.length;
for (const c of children)
  c.once("exit", (n) => {
    if (n && !code) code = n;
    if (--running === 0) process.exit(code);
  });
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.on(signal, () => {
    for (const c of children) if (c.exitCode === null) c.kill(signal);
  });
// Only now: a caller that signals as soon as it has read the ids (the test does) found the
// launcher still without its handlers, and killed it, leaving its processes running.
process.stdout.write(`${JSON.stringify(children.map((c) => c.pid))}\n`);
