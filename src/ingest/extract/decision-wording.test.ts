import { describe, expect, it } from "vitest";
import { readText } from "../read/text.js";
import { flatten } from "../segment/lines.js";
import { extractMinutes } from "./minutes.js";

/** The decisions of minute 2 in a made-up parish minutes document whose body is `body`. */
const decisions = (body: string) =>
  extractMinutes(
    flatten(readText("m.md", ["1. Apologies", "", "None.", "", "2. Business", "", body, "", "3. Close", "", "Closed at 9pm."].join("\n"))),
    0,
  )
    .find((m) => m.number === "2")!
    .decisions.map((d) => d.text);

// Genre pattern (FORMAT.md convention 3): decisions written informally, with no RESOLVED heading.
describe("decisions written informally", () => {
  it("reads 'the Councillors resolved to …' and 'it was resolved …' inside a sentence", () => {
    expect(decisions("After discussion the Councillors resolved to buy two new benches for the green.")).toEqual([
      "to buy two new benches for the green.",
    ]);
    expect(decisions("Following a discussion, it was resolved to ask the county to resurface Mill Lane.")).toEqual([
      "to ask the county to resurface Mill Lane.",
    ]);
  });

  it("reads the clause 'All agreed' or 'the Councillors agreed' with no 'that', and a sentence that opens 'Resolved to'", () => {
    expect(decisions("The minutes had been circulated. All agreed this was a true record and they were signed.")).toEqual([
      "this was a true record and they were signed.",
    ]);
    expect(decisions("The Councillors agreed they had no objections to hanging baskets on the hall.")).toEqual([
      "they had no objections to hanging baskets on the hall.",
    ]);
    expect(decisions("After discussion it was resolved to set a £3,000 precept. Resolved to pay A Baker £45 for the website.")).toEqual([
      "to set a £3,000 precept.",
      "to pay A Baker £45 for the website.",
    ]);
    // Agreed as a plain verb in a discussion is no decision.
    expect(decisions("The Clerk agreed to look into it. Residents agreed the bus shelter was helpful.")).toEqual([]);
  });

  it("reads 'agreed unanimously to adopt …' after a named body, keeping 'unanimously'", () => {
    expect(decisions("The members of Loxley Barrett Parish Council agreed unanimously to adopt the new standing orders.")).toEqual([
      "unanimously to adopt the new standing orders.",
    ]);
  });

  it("keeps '… were approved', '… were confirmed as a true copy' and a bare 'Approved and signed as correct' whole", () => {
    expect(decisions("The accounts for March were approved.")).toEqual(["The accounts for March were approved."]);
    expect(decisions("The minutes of the last meeting were confirmed as a true copy and duly signed by the Chairman.")).toEqual([
      "The minutes of the last meeting were confirmed as a true copy and duly signed by the Chairman.",
    ]);
    expect(decisions("The minutes of the meeting held on 3 May were read. Approved and signed as correct.")).toEqual([
      "Approved and signed as correct.",
    ]);
  });

  it("keeps minutes that 'have been agreed' (by email, with who proposed and seconded) whole", () => {
    expect(
      decisions(
        "Minutes of the May meeting have been agreed by email, proposed by Ann Able and seconded by Bob Baker.\nThe clerk reported on the bus shelter.",
      ),
    ).toEqual(["Minutes of the May meeting have been agreed by email, proposed by Ann Able and seconded by Bob Baker."]);
    expect(decisions("The minutes of the annual meeting has been approved.")).toEqual([
      "The minutes of the annual meeting has been approved.",
    ]);
    // Told as past events, not this meeting's decision.
    expect(decisions("The Chair said the grant had been agreed in March.")).toEqual([]);
  });

  it("does not take one person agreeing to do something, or a note, as a decision", () => {
    expect(decisions("Cllr Grundy agreed to look at the stile. The clerk's report was noted.")).toEqual([]);
  });

  it("reads 'it was agreed that …' beside an informal 'Committee resolved to note …'", () => {
    expect(
      decisions(
        "Members considered sites for the new noticeboards. It was agreed that the village shop and the hall would come first.\n\nCommittee resolved to note the update.",
      ),
    ).toEqual(["that the village shop and the hall would come first.", "to note the update."]);
  });
});

describe("formal decisions", () => {
  it("reads FURTHER RESOLVED as a decision of its own, and 'The Committee resolves …' in the present tense", () => {
    expect(
      decisions(
        "RESOLVED: That the Council objects to the application.\n\nFURTHER RESOLVED: That the Clerk send these views to the planning authority.",
      ),
    ).toEqual(["That the Council objects to the application.", "That the Clerk send these views to the planning authority."]);
    expect(decisions("The Committee resolves in accordance with its powers to incur the expenditure set out above.")).toEqual([
      "in accordance with its powers to incur the expenditure set out above.",
    ]);
  });

  it("'The following expenditure was approved …:' over its list is decided up to the colon", () => {
    expect(decisions("The following expenditure was approved for payment by bank transfer: B Baker - hall hire (June) £45.00")).toEqual([
      "The following expenditure was approved for payment by bank transfer",
    ]);
  });

  it("a decision in the text run on to a long minute heading is read from the heading's line", () => {
    const ms = extractMinutes(
      flatten(
        readText(
          "m.md",
          [
            "24/101: Apologies",
            "",
            "None.",
            "",
            "24/102: Minutes of the Last Meeting held on 4 March 2024 24/095: the words 'by most residents' were deleted. With that correction made the minutes were agreed as a true record and signed by the chair.",
            "",
            "24/103: Matters Arising",
            "",
            "There were none.",
          ].join("\n"),
        ),
      ),
      0,
    );
    expect(ms.find((m) => m.number === "24/102")!.decisions.map((d) => d.text)).toEqual([
      "With that correction made the minutes were agreed as a true record and signed by the chair.",
    ]);
  });

  it("'Resolved:' over 'Committee:' over the decision reads the two as one", () => {
    expect(
      decisions(
        ["It was unanimously", "", "Resolved:", "", "Committee:", "", "Endorsed the revised terms of reference at Appendix 1."].join("\n"),
      ),
    ).toEqual(["Committee: Endorsed the revised terms of reference at Appendix 1."]);
  });
});
