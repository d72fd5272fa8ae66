import { describe, expect, it } from "vitest";
import { findDates, findDatesAcross, findYearlessDates, isDateOnly, parseDate } from "./printed-date.js";

describe("parseDate", () => {
  it.each([
    ["Wednesday, 19th March, 2014", "2014-03-19"],
    ["10.07.2019", "2019-07-10"],
    ["20 March 2017", "2017-03-20"],
    ["11 Sept 2019", "2019-09-11"],
    ["13-Sep-23", "2023-09-13"],
    ["To be held on Monday 20 March 2017 in room 0.01", "2017-03-20"],
  ])("%s -> %s", (text, iso) => expect(parseDate(text)).toBe(iso));

  it("rejects impossible days and text without a day", () => {
    expect(parseDate("31 February 2024")).toBeNull();
    expect(parseDate("Sept 2023")).toBeNull();
  });
});

describe("findDates", () => {
  it("finds month-and-year dates without a day, with their offsets", () => {
    const [d] = findDates("Due: Sept 2023");
    expect(d).toEqual({ iso: "2023-09-01", start: 5, end: 14, hasDay: false });
  });
});

describe("isDateOnly", () => {
  it("accepts a bare date line but not a sentence containing one", () => {
    expect(isDateOnly("19 July 2023")).toBe(true);
    expect(isDateOnly("Wednesday, 8th March, 2023")).toBe(true);
    expect(isDateOnly("Minutes of the meeting held on 8 March 2023")).toBe(false);
  });
});

describe("dates the genre prints awkwardly", () => {
  it("does not read paragraph numbers as dates", () => {
    expect(findDates("see 4.4.10 and 2.1.3.4 below")).toEqual([]);
    expect(findDates("on 04.04.10")[0]?.iso).toBe("2010-04-04");
    expect(findDates("on 4/4/10")[0]?.iso).toBe("2010-04-04");
  });
  it("reads a date broken across a line's end", () => {
    expect(findDatesAcross("to be held at the Hall on Wednesday 13th", "March 2019 at 1900.").map((d) => d.iso)).toEqual(["2019-03-13"]);
    expect(findDatesAcross("held on 2 May 2024", "next line")).toHaveLength(1);
  });
});

describe("Welsh dates", () => {
  it.each([
    ["Dydd Mawrth 15 Ebrill 2025", "2025-04-15"],
    ["Nos Lun, 3ydd Mehefin 2024 am 7yh", "2024-06-03"],
    ["21ain o Fawrth 2023", "2023-03-21"],
    ["1af Rhagfyr 2022", "2022-12-01"],
  ])("%s -> %s", (text, iso) => expect(parseDate(text)).toBe(iso));
});

describe("findYearlessDates", () => {
  it("reads day, month and weekday printed without a year, and nothing that has a year or is prose", () => {
    expect(findYearlessDates("held on Tuesday 14th March at 7pm")).toMatchObject([{ day: 14, month: 3, weekday: 2 }]);
    expect(findYearlessDates("on 14 March 2024")).toEqual([]);
    expect(findYearlessDates("item 1 may be deferred")).toEqual([]);
  });
});
