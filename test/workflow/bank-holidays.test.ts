import { describe, expect, it } from "vitest";
import {
  bankHolidays,
  clearWorkingDaysBetween,
  easterSunday,
  isWorkingDay,
  latestPublicationDate,
} from "../../src/domain/bank-holidays.js";

describe("England & Wales bank holidays", () => {
  it("computes Easter Sunday", () => {
    expect(["2019", "2024", "2025", "2026", "2038"].map((y) => easterSunday(Number(y)))).toEqual([
      "2019-04-21",
      "2024-03-31",
      "2025-04-20",
      "2026-04-05",
      "2038-04-25",
    ]);
  });

  it("lists 2025 as published", () => {
    expect(bankHolidays(2025).map((h) => h.date)).toEqual([
      "2025-01-01",
      "2025-04-18",
      "2025-04-21",
      "2025-05-05",
      "2025-05-26",
      "2025-08-25",
      "2025-12-25",
      "2025-12-26",
    ]);
  });

  it("applies substitute days at New Year and Christmas", () => {
    // 2022: Christmas on Sunday → Boxing Day Mon 26, Christmas substitute Tue 27; 2021: Christmas Saturday → 27, 28.
    expect(
      bankHolidays(2022)
        .filter((h) => h.date >= "2022-12-01")
        .map((h) => h.date),
    ).toEqual(["2022-12-26", "2022-12-27"]);
    expect(
      bankHolidays(2021)
        .filter((h) => h.date >= "2021-12-01")
        .map((h) => h.date),
    ).toEqual(["2021-12-27", "2021-12-28"]);
    // 2026: Christmas Friday → Boxing Day substitute Monday 28.
    expect(
      bankHolidays(2026)
        .filter((h) => h.date >= "2026-12-01")
        .map((h) => h.date),
    ).toEqual(["2026-12-25", "2026-12-28"]);
    expect(bankHolidays(2022)[0].date).toBe("2022-01-03"); // 1 Jan 2022 was a Saturday
    expect(bankHolidays(2023)[0].date).toBe("2023-01-02"); // a Sunday
  });

  it("moves and adds one-off holidays by proclamation", () => {
    const d2022 = bankHolidays(2022).map((h) => h.date);
    expect(d2022).toContain("2022-06-02");
    expect(d2022).toContain("2022-06-03");
    expect(d2022).not.toContain("2022-05-30");
    expect(d2022).toContain("2022-09-19");
    expect(bankHolidays(2023).map((h) => h.date)).toContain("2023-05-08");
    expect(bankHolidays(2020).map((h) => h.date)).toContain("2020-05-08");
    expect(bankHolidays(2020).map((h) => h.date)).not.toContain("2020-05-04");
  });

  it("knows working days", () => {
    expect(isWorkingDay("2025-05-05")).toBe(false); // early May
    expect(isWorkingDay("2025-08-25")).toBe(false); // summer
    expect(isWorkingDay("2025-08-23")).toBe(false); // Saturday
    expect(isWorkingDay("2025-08-26")).toBe(true);
  });
});

describe("five clear working days (s.100B LGA 1972)", () => {
  it("excludes the publication day, the meeting day and a weekend", () => {
    // Meeting Thursday 16 Jan 2025: Wednesday 8th leaves Thu, Fri, Mon, Tue, Wed.
    expect(clearWorkingDaysBetween("2025-01-08", "2025-01-16")).toBe(5);
    expect(clearWorkingDaysBetween("2025-01-09", "2025-01-16")).toBe(4);
    expect(latestPublicationDate("2025-01-16")).toBe("2025-01-08");
    // Monday meeting: the previous Friday's publication is far from enough.
    expect(latestPublicationDate("2025-02-10")).toBe("2025-02-02");
  });

  it("steps over Christmas and the New Year", () => {
    // Meeting Tue 6 Jan 2026: working days back are 5, 2, 31, 30, 29 Dec (25, 26 Dec and 1 Jan are holidays).
    // Publication on Sunday 28th (before Mon 29) is the legal limit; 25, 26 Dec and 1 Jan never count.
    expect(latestPublicationDate("2026-01-06")).toBe("2025-12-28");
    expect(clearWorkingDaysBetween("2025-12-24", "2026-01-06")).toBe(5);
    expect(clearWorkingDaysBetween("2025-12-29", "2026-01-06")).toBe(4);
  });

  it("steps over Easter", () => {
    // Meeting Thu 24 Apr 2025: Good Friday 18th and Easter Monday 21st do not count.
    expect(latestPublicationDate("2025-04-24")).toBe("2025-04-14");
    expect(clearWorkingDaysBetween("2025-04-15", "2025-04-24")).toBe(4);
  });

  it("steps over the early May and August bank holidays", () => {
    // Meeting Wed 7 May 2025: Tue 6, Fri 2, Thu 1, Wed 30 Apr, Tue 29 Apr (Mon 5 May is a holiday).
    expect(latestPublicationDate("2025-05-07")).toBe("2025-04-28");
    // Meeting Thu 28 Aug 2025: Wed 27, Tue 26, Fri 22, Thu 21, Wed 20 (Mon 25 Aug is a holiday).
    expect(latestPublicationDate("2025-08-28")).toBe("2025-08-19");
    expect(clearWorkingDaysBetween("2025-08-20", "2025-08-28")).toBe(4);
  });
});
