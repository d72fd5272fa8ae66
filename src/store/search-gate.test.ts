import { describe, expect, it } from "vitest";
import { Gate } from "./search-gate.js";

const deferred = () => {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return { done, release };
};

describe("search gate", () => {
  it("runs up to its concurrency, queues up to its limit, refuses beyond, and drops abandoned waiters", async () => {
    const gate = new Gate(1, 1);
    const first = deferred();
    const ran: string[] = [];
    const a = gate.run(async () => {
      ran.push("a");
      await first.done;
      return "a";
    });
    const abandoned = new AbortController();
    const b = gate.run(async () => {
      ran.push("b");
      return "b";
    }, abandoned.signal);
    expect(gate.stats).toEqual({ running: 1, waiting: 1 });
    await expect(gate.run(async () => "c")).rejects.toMatchObject({ code: "rate_limited" });

    abandoned.abort();
    await expect(b).rejects.toMatchObject({ code: "aborted" });
    expect(gate.stats).toEqual({ running: 1, waiting: 0 });
    const d = gate.run(async () => {
      ran.push("d");
      return "d";
    });
    first.release();
    expect(await a).toBe("a");
    expect(await d).toBe("d");
    // The abandoned search never ran; the slot went to the next in line.
    expect(ran).toEqual(["a", "d"]);
    expect(gate.stats).toEqual({ running: 0, waiting: 0 });
    const gone = new AbortController();
    gone.abort();
    await expect(gate.run(async () => "e", gone.signal)).rejects.toMatchObject({ code: "aborted" });
    expect(gate.stats).toEqual({ running: 0, waiting: 0 });
  });

  it("a failing search frees its slot", async () => {
    const gate = new Gate(1, 0);
    await expect(gate.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await gate.run(async () => 1)).toBe(1);
  });
});
