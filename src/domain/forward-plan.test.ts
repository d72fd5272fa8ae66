import { describe, expect, it } from "vitest";
import { addWorkingDays } from "./bank-holidays.js";
import { callInEndsOn, callInState, checkNotice, clearDaysBetween, latestNoticeDate } from "./forward-plan.js";

describe("forward plan notice: 28 clear days", () => {
  it("counts neither the day of notice nor the day of the decision", () => {
    expect(clearDaysBetween("2026-03-01", "2026-03-30")).toBe(28);
    expect(clearDaysBetween("2026-03-02", "2026-03-30")).toBe(27);
    expect(clearDaysBetween("2026-03-01", "2026-03-02")).toBe(0);
    expect(clearDaysBetween("2026-03-05", "2026-03-01")).toBe(0);
    expect(checkNotice("2026-03-01", "2026-03-30")).toEqual({ clearDays: 28, latest: "2026-03-01", sufficient: true });
    expect(checkNotice("2026-03-02", "2026-03-30").sufficient).toBe(false);
  });
  it("runs across months, a leap day and the clocks changing", () => {
    expect(clearDaysBetween("2028-02-01", "2028-03-01")).toBe(28); // 29 days in February 2028
    expect(latestNoticeDate("2028-03-01")).toBe("2028-02-01");
    expect(clearDaysBetween("2026-03-20", "2026-04-18")).toBe(28); // BST starts 29 March
    expect(latestNoticeDate("2026-01-05")).toBe("2025-12-07");
  });
});

describe("call-in period", () => {
  it("ends on the fifth working day after publication, skipping weekends and bank holidays", () => {
    expect(callInEndsOn("2026-06-01")).toBe("2026-06-08"); // Monday → next Monday
    expect(callInEndsOn("2026-06-05")).toBe("2026-06-12"); // Friday: the weekend does not count
    // Christmas 2026: Fri 25, Boxing Day substitute Mon 28, New Year Fri 1 January
    expect(callInEndsOn("2026-12-24")).toBe("2027-01-05");
    expect(callInEndsOn("2026-04-02")).toBe("2026-04-13"); // Good Friday 3 April, Easter Monday 6 April
    expect(callInEndsOn("2026-06-01", 3)).toBe("2026-06-04");
    expect(addWorkingDays("2026-06-05", 1)).toBe("2026-06-08");
  });
  it("is open until its last day, called in until scrutiny ends it, then ended", () => {
    const d = { callInEndsOn: "2026-06-08", calledInAt: null, callInEndedAt: null };
    expect(callInState({ ...d, callInEndsOn: null }, "2026-06-01")).toBeNull();
    expect(callInState(d, "2026-06-01")).toBe("open");
    expect(callInState(d, "2026-06-08")).toBe("open");
    expect(callInState(d, "2026-06-09")).toBe("ended");
    const called = { ...d, calledInAt: "2026-06-03T10:00:00Z" };
    expect(callInState(called, "2026-06-03")).toBe("called-in");
    expect(callInState(called, "2026-07-30")).toBe("called-in");
    expect(callInState({ ...called, callInEndedAt: "2026-06-20T10:00:00Z" }, "2026-06-20")).toBe("ended");
  });
});
