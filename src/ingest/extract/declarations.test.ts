import { describe, expect, it } from "vitest";
import { readText } from "../read/text.js";
import { flatten } from "../segment/lines.js";
import { extractDeclarations } from "./declarations.js";

const decls = (text: string) =>
  extractDeclarations(flatten(readText("d.txt", text))).map(({ member, item, interest }) => ({ member, item, interest }));

describe("extractDeclarations", () => {
  it("reads a Member / Subject / Reason / Interest table", () => {
    const text =
      "Member\tSubject\tReason\tInterest\nCouncillor Mrs Pargetter\tAll items\tShe is a governor at Loxley Barrett School.\tPersonal";
    expect(decls(text)).toEqual([
      { member: "Pargetter", item: "All items", interest: "Personal – She is a governor at Loxley Barrett School." },
    ]);
  });

  it("reads declarations in prose, with the item and the nature after the item's title", () => {
    const text = [
      "There were no declarations of interest at the start of the meeting.",
      "",
      "Later in the meeting Mr Tucker declared an interest under Item 9 - Milk Prices - that a family member ran a dairy.",
      "",
      "Mr Tucker declared an interest that a family member ran a dairy.",
      "",
      "Councillor Snell stated that she had a non-pecuniary interest in the allotments application.",
    ].join("\n");
    expect(decls(text)).toEqual([
      { member: "Tucker", item: "9", interest: "that a family member ran a dairy." },
      { member: "Snell", item: null, interest: "a non-pecuniary interest in the allotments application." },
    ]);
  });

  it("records nothing for 'no declarations'", () => {
    expect(decls("No declarations of interest were made.")).toEqual([]);
  });

  it("gives each councillor of 'Cllrs. A and B declared an interest' a row, and ignores news told by a member", () => {
    const text = [
      "Cllrs. J. Archer and P. Tucker again declared an interest in Item 7 and did not take part in the discussion.",
      "",
      "Cllr Grundy advised that he had received an email from a resident in relation to the car park.",
    ].join("\n");
    expect(decls(text).map((d) => [d.member, d.item])).toEqual([
      ["J. Archer", "7"],
      ["P. Tucker", "7"],
    ]);
  });

  it("reads a labelled line of declarations, one per name, and nothing from 'none'", () => {
    expect(decls("Declarations of Interest: Mr A Ames – Village Hall; Cllr Bob Bell (allotment tenant)")).toEqual([
      { member: "A Ames", item: null, interest: "Village Hall" },
      { member: "Bob Bell", item: null, interest: "allotment tenant" },
    ]);
    expect(decls("Declarations of Interest: None")).toEqual([]);
  });

  it("takes the bracketed nature after 'an interest in Item N', and not what the member then did", () => {
    const text = [
      "Councillor Fairbrother declared an interest in Item 8 below (land owned by his family). He took no part in the discussion or vote on Item 8.",
      "",
      "Cllr Grundy declared a pecuniary interest in the allotment rents. She left the room for that item.",
    ].join("\n");
    expect(decls(text)).toEqual([
      { member: "Fairbrother", item: "8", interest: "land owned by his family" },
      { member: "Grundy", item: null, interest: "a pecuniary interest in the allotment rents." },
    ]);
  });
});
