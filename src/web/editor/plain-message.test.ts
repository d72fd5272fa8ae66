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
