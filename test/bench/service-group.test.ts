import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** A process's session id (the sixth field of /proc/<pid>/stat, after the parenthesised name). */
const sessionOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[3]);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * bench:scale starts each service through bench/service-group.ts, so the scheduler weighs the
 * service as one group against the load generators (autogroup, one per session).
 */
describe("bench/service-group.ts", () => {
  it("starts the processes together in a session of their own, and stops them all on SIGTERM", async () => {
    const specs = [
      { command: "sleep", args: ["600"] },
      { command: "sleep", args: ["600"] },
    ];
    const launcher = spawn(process.execPath, ["bin/run-ts.js", "bench/service-group.ts", JSON.stringify(specs)], {
      detached: true,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise<number | null>((r) => launcher.once("exit", (code) => r(code)));
    const pids = await new Promise<number[]>((resolve) => {
      let out = "";
      launcher.stdout!.on("data", (b: Buffer) => {
        out += b.toString();
        if (out.includes("\n")) resolve(JSON.parse(out.slice(0, out.indexOf("\n"))) as number[]);
      });
    });
    expect(pids).toHaveLength(2);
    for (const pid of pids) {
      expect(sessionOf(pid)).toBe(launcher.pid);
      expect(sessionOf(pid)).not.toBe(sessionOf(process.pid));
    }
    launcher.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
  });
});
