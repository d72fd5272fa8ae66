import { describe, expect, it } from "vitest";
import { oneWriter } from "../../src/jobs/worker.js";

describe("a worker's one writer", () => {
  it("runs loads one at a time, in the order asked, and a failed load does not stop the next", async () => {
    const writer = oneWriter();
    const events: string[] = [];
    const load = (name: string, fail = false) =>
      writer(async () => {
        events.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, 20));
        events.push(`end ${name}`);
        if (fail) throw new Error(`${name} failed`);
        return name;
      });
    const results = await Promise.allSettled([load("a"), load("b", true), load("c")]);
    expect(events).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });
});
