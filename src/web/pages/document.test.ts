import { describe, expect, it } from "vitest";
import { printedPageAnchors } from "./document.js";

describe("printedPageAnchors", () => {
  it("anchors each printed number on the first page printing it, and unprinted numbers on their file page", () => {
    const pages = [
      { pageNumber: 1, printedNumber: null },
      { pageNumber: 2, printedNumber: 1 },
      { pageNumber: 3, printedNumber: 2 },
      // A second report restarting at 1: printed 1 stays on page 2.
      { pageNumber: 4, printedNumber: 1 },
      { pageNumber: 5, printedNumber: null },
    ];
    const a = printedPageAnchors(pages);
    expect(a.get(2)).toEqual([1]);
    // Nothing prints 3, 4 or 5: they fall back to the file pages of those numbers.
    expect(a.get(4)).toEqual([4]);
    expect(a.get(5)).toEqual([5]);
    expect(a.get(3)).toEqual([2, 3]);
    expect(a.get(1)).toBeUndefined();
  });
});
