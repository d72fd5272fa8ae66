import { describe, expect, it } from "vitest";
import { joinRuns } from "../../bench/load-clients.js";

const run = (times: number[], failures: Array<[string, number]> = []) => ({
  rps: 0,
  total: times.length,
  p50: 0,
  p95: 0,
  p99: 0,
  errors: failures.filter(([k]) => k === "timeout").reduce((n, [, c]) => n + c, 0),
  non2xx: failures.filter(([k]) => /^\d+$/.test(k)).reduce((n, [, c]) => n + c, 0),
  failures,
  times,
});

describe("joinRuns (bench:scale's paired throughput alone)", () => {
  it("takes the percentiles over every request of every round, and the rate over their seconds together", () => {
    // A fast round and a slow one: each round's own p99 would hide the other's.
    const fast = run(Array.from({ length: 900 }, () => 1));
    const slow = run(Array.from({ length: 100 }, () => 50));
    const joined = joinRuns([fast, slow], 10);
    expect(joined.total).toBe(1000);
    expect(joined.rps).toBe(100);
    expect(joined.p50).toBe(1);
    expect(joined.p99).toBe(50);
  });

  it("adds the rounds' failures by kind", () => {
    const joined = joinRuns(
      [
        run([1, 2], [["503", 2]]),
        run(
          [1],
          [
            ["503", 1],
            ["timeout", 4],
          ],
        ),
      ],
      2,
    );
    expect(joined.failures).toEqual([
      ["503", 3],
      ["timeout", 4],
    ]);
    expect(joined.non2xx).toBe(3);
    expect(joined.errors).toBe(4);
  });
});
