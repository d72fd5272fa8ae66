import { describe, expect, it } from "vitest";
import { plainMessage } from "./plain-message.js";

describe("refusals as a clerk reads them", () => {
  it("names fields by their labels, writes dates out, and drops the store's record prefix", () => {
    expect(plainMessage("urgencyReason: the agenda is already published")).toBe("Reason for urgency: the agenda is already published");
    expect(plainMessage("invalid registered interest: category: a DPI needs a category")).toBe("Category: a DPI needs a category");
    expect(plainMessage("action.1.dueDate: expected a date as YYYY-MM-DD")).toBe("Due date: expected a date as YYYY-MM-DD");
    expect(plainMessage("the meeting on 2026-12-01 leaves 3 clear days")).toBe("the meeting on 1 December 2026 leaves 3 clear days");
    expect(plainMessage("wardName: required", ["wardName"])).toBe("Ward name: required");
  });

  it("leaves alone what is not a field key or not a real date", () => {
    expect(plainMessage("too late to publish: five are needed")).toBe("too late to publish: five are needed");
    expect(plainMessage("notes.txt: papers are attached as PDF")).toBe("notes.txt: papers are attached as PDF");
    expect(plainMessage("localDate: 2026-02-30 is not a real calendar date")).toBe("Date: 2026-02-30 is not a real calendar date");
  });
});

describe("dates and instants in any refusal", () => {
  it("writes instants out in London time and leaves dates inside file names alone", () => {
    expect(plainMessage("approved at 2026-12-01T18:30:00.000Z by the committee")).toBe(
      "approved at 1 December 2026 at 18:30 by the committee",
    );
    expect(plainMessage("saved 2026-07-01T09:05:00Z.")).toBe("saved 1 July 2026 at 10:05.");
    expect(plainMessage("/tmp/borsetshire-2024-04-10.txt: the pack never names its authority")).toBe(
      "/tmp/borsetshire-2024-04-10.txt: the pack never names its authority",
    );
    expect(plainMessage("minutes of 2024-04-10 are approved at the committee's next meeting (2024-05-08)")).toBe(
      "minutes of 10 April 2024 are approved at the committee's next meeting (8 May 2024)",
    );
  });
});
