import { describe, expect, it } from "vitest";
import { readText } from "../read/text.js";
import { readHtml } from "../read/html.js";
import { flatten } from "../segment/lines.js";
import { extractMinutes } from "./minutes.js";

const minutes = (text: string) =>
  extractMinutes(flatten(readText("m.md", text)), 0).map((m) => ({
    number: m.number,
    title: m.title,
    decisions: m.decisions.map((d) => d.text),
  }));

describe("extractMinutes", () => {
  it("prefers bold minute headings to numbered paragraphs inside them, and tolerates a lost digit", () => {
    const text = [
      "**41. Apologies**",
      "",
      "**42. Leader's Report**",
      "",
      "1. The Leader spoke about potholes.",
      "",
      "2. The Leader spoke about buses.",
      "",
      "3. The Leader spoke about libraries.",
      "",
      "4. The Leader spoke about parks.",
      "",
      "RESOLVED that the report be noted.",
      "",
      "**3. Parish Grants**",
      "",
      "It was resolved to award the grants.",
      "",
      "**44. Any Other Business**",
      "",
    ].join("\n");
    expect(minutes(text)).toEqual([
      { number: "41", title: "Apologies", decisions: [] },
      { number: "42", title: "Leader's Report", decisions: ["that the report be noted."] },
      { number: "3", title: "Parish Grants", decisions: ["to award the grants."] },
      { number: "44", title: "Any Other Business", decisions: [] },
    ]);
  });

  it("takes listed decisions after 'agreed that the Panel:' and joins parts broken over a page", () => {
    const text = [
      "7. Flooding",
      "",
      "It was agreed that the Panel:",
      "",
      "- 1. asks the Environment Agency to attend a future meeting;",
      "- 2. requests a map of the drains that",
      "",
      "flood most often;",
      "",
      "3. thanks the volunteers.",
      "",
      "8. Close",
      "",
      "Agreed that the meeting close.",
    ].join("\n");
    expect(minutes(text)).toEqual([
      {
        number: "7",
        title: "Flooding",
        decisions: [
          "asks the Environment Agency to attend a future meeting",
          "requests a map of the drains that flood most often",
          "thanks the volunteers.",
        ],
      },
      { number: "8", title: "Close", decisions: ["that the meeting close."] },
    ]);
  });

  it("does not read 'noted' sentences as decisions when the minute records an explicit one", () => {
    const text =
      "5. Hall Hire\n\nThe Committee noted that bookings had risen.\n\nRESOLVED to defer the fees review.\n\n6. Close\n\nMembers noted the date of the next meeting.";
    expect(minutes(text).map((m) => m.decisions)).toEqual([["to defer the fees review."], ["Members noted the date of the next meeting."]]);
  });
});

describe("decisions in unmarked paragraphs", () => {
  it("reads each paragraph after 'RESOLVED that:' and a decision in the paragraph after a bare RESOLVED", () => {
    const text = [
      "**12. Footpaths**",
      "",
      "RESOLVED that:",
      "",
      "Members note the survey of rights of way.",
      "",
      "Members ask for a report on stiles.",
      "",
      "The Chair thanked the wardens.",
      "",
      "**13. Condolences**",
      "",
      "RESOLVED",
      "",
      "that the Council record its sympathy to the family.",
    ].join("\n");
    expect(minutes(text).map((m) => m.decisions)).toEqual([
      ["Members note the survey of rights of way.", "Members ask for a report on stiles."],
      ["that the Council record its sympathy to the family."],
    ]);
  });

  it("takes the decision from 'proposed …, seconded … and unanimously agreed to/that …' inside a sentence", () => {
    const text = [
      "1. Correspondence",
      "",
      "i) Felpersham Scouts re financial support. It was proposed by Cllr. A. Bell, seconded by Cllr. C. Dunn and unanimously agreed to donate £75.00. The Clerk would write.",
      "",
      "2. Footpaths",
      "",
      "Following a discussion it was agreed that the stile on the Mill Lane path be replaced. Members noted the cost.",
      "",
      "Cllr Dunn agreed to look at the stile.",
      "",
    ].join("\n");
    expect(minutes(text).map((m) => m.decisions)).toEqual([["to donate £75.00."], ["that the stile on the Mill Lane path be replaced."]]);
  });

  it("leaves 'it was agreed' to RESOLVED when the minute has a formal resolution", () => {
    const text = [
      "1. Parks",
      "",
      "After discussion it was agreed that the play area be discussed first.",
      "",
      "RESOLVED that the report be noted.",
      "",
      "2. Close",
      "",
      "The meeting closed at 9pm.",
    ].join("\n");
    expect(minutes(text)[0]!.decisions).toEqual(["that the report be noted."]);
  });

  it("finds the counting part of coded numbers, whichever part it is, with a colon after the number", () => {
    const text = [
      "22/101: Apologies",
      "None.",
      "",
      "22/102: Minutes of the last meeting",
      "Subject to one correction the minutes were agreed as a true record and signed by the chair.",
      "",
      "22/103: Playground",
      "It was proposed by Cllr Ash, seconded by Cllr Birch, that the council buy a new swing for £900. Agreed unanimously. It was agreed the clerk should order it this month.",
      "",
      "22/104: Correspondence",
      "Noted.",
    ].join("\n");
    expect(minutes(text)).toEqual([
      { number: "22/101", title: "Apologies", decisions: [] },
      {
        number: "22/102",
        title: "Minutes of the last meeting",
        decisions: ["Subject to one correction the minutes were agreed as a true record and signed by the chair."],
      },
      {
        number: "22/103",
        title: "Playground",
        decisions: [
          "It was proposed by Cllr Ash, seconded by Cllr Birch, that the council buy a new swing for £900. Agreed unanimously.",
          "the clerk should order it this month.",
        ],
      },
      { number: "22/104", title: "Correspondence", decisions: [] },
    ]);
  });

  it("infers the scheme from the headings' sequence: dotted, prefixed, dashed and run-on numbers", () => {
    const heads = ["Apologies", "Declarations of interest", "Police report", "Planning"];
    const doc = (n: (i: number) => string) =>
      heads.flatMap((h, i) => [`${n(i)}${h}`, "The council noted the update from the clerk.", ""]).join("\n");
    expect(minutes(doc((i) => `24.03.0${i + 1} `)).map((m) => m.number)).toEqual(["24.03.01", "24.03.02", "24.03.03", "24.03.04"]);
    expect(minutes(doc((i) => `Min ${i + 41}/24 `)).map((m) => m.number)).toEqual(["41/24", "42/24", "43/24", "44/24"]);
    expect(minutes(doc((i) => `Minute ${i + 1} - `)).map((m) => m.title)).toEqual(heads);
    const runOn = heads.map((h, i) => `${3301 + i}. ${h}: nothing further was reported this month.`).join("\n\n");
    expect(minutes(runOn).map((m) => [m.number, m.title])).toEqual(heads.map((h, i) => [String(3301 + i), h]));
  });

  it("prefers headings on their own lines to numbered paragraphs run on after a colon", () => {
    const text = [
      "| 1. | Leader's questions |",
      "1. Buses: members asked about the routes.",
      "2. Housing: members asked about the targets.",
      "| 2. | Minutes |",
      "The minutes were approved.",
      "| 3. | Budget |",
      "Noted.",
    ].join("\n");
    expect(minutes(text).map((m) => m.title)).toEqual(["Leader's questions", "Minutes", "Budget"]);
  });

  it("keeps parts listed inside one sentence as one decision, but splits parts that open it", () => {
    const text = [
      "1. Planning",
      "RESOLVED: That the council objects, namely (i) the barn is too large and (ii) the lights will spill.",
      "",
      "2. Budget",
      "RESOLVED (1) to set the precept; (2) to publish it.",
    ].join("\n");
    expect(minutes(text).map((m) => m.decisions)).toEqual([
      ["That the council objects, namely (i) the barn is too large and (ii) the lights will spill."],
      ["to set the precept", "to publish it."],
    ]);
  });

  it("reads decimal sub-minutes under their parent, but not numbered paragraphs", () => {
    const text = [
      "1. Welcome",
      "",
      "The Chair opened the meeting.",
      "",
      "2. Guidance update",
      "",
      "A covering note was given for the three items below.",
      "",
      "2.1 Training Guidance – Ann Ames",
      "",
      "Ann Ames explained the guidance.",
      "",
      "2.2 Threshold Guidance",
      "",
      "RESOLVED that the guidance be adopted.",
      "",
      "3. Budget",
      "",
      "3.1 The Treasurer reported that the balance stood at £400 and no payments were due.",
      "",
      "3.2 The Clerk would circulate the figures.",
      "",
      "4. Any other business",
    ].join("\n");
    expect(minutes(text).map((m) => [m.number, m.title, m.decisions])).toEqual([
      ["1", "Welcome", []],
      ["2", "Guidance update", []],
      ["2.1", "Training Guidance – Ann Ames", []],
      ["2.2", "Threshold Guidance", ["that the guidance be adopted."]],
      ["3", "Budget", []],
      ["4", "Any other business", []],
    ]);
  });

  it("reads a 'Decision:' block: its lead-in is not a decision, a repeat under 'Resolved:' is one, a cut-off marker is none", () => {
    const text = [
      "1. Apologies",
      "None.",
      "2. Village Green Budget",
      "To agree the budget.",
      "Decision:",
      "The Parish Council:",
      "1) Approved the budget of £2,000 for the green.",
      "2) Noted the grant from the county.",
      "3) ... view the full decision text for item 2.",
      "Minutes:",
      "The Clerk introduced the report.",
      "Resolved:",
      "The Parish Council:",
      "1) Approved the budget of £2,000 for the green.",
      "3. Play Area",
      "Decision:",
      "The Parish Council agreed the repair of the swings.",
      "Minutes:",
      "The Chair reported on the swings.",
      "4. Close",
    ].join("\n");
    expect(minutes(text).map((m) => [m.number, m.decisions])).toEqual([
      ["1", []],
      ["2", ["Approved the budget of £2,000 for the green.", "Noted the grant from the county."]],
      ["3", ["The Parish Council agreed the repair of the swings."]],
      ["4", []],
    ]);
  });

  it("a decision the web page cut off keeps what was printed up to the '...'; a two-word fragment is no decision", () => {
    const text = [
      "1. Apologies",
      "None.",
      "2. Terms of Reference",
      "Minutes:",
      "The officer introduced the report.",
      "It was unanimously",
      "Resolved:",
      "Committee:",
      "Endorsed the amended Terms of Reference at Appendix 1 and noted ... view the full minutes text for item 2",
      "3. Accounts",
      "Resolved:",
      "brought forward:",
      "4. Close",
    ].join("\n");
    expect(minutes(text).map((m) => [m.number, m.decisions])).toEqual([
      ["1", []],
      ["2", ["Committee: Endorsed the amended Terms of Reference at Appendix 1 and noted ..."]],
      ["3", []],
      ["4", []],
    ]);
  });

  it("where minutes are rows of a table, a list numbered afresh in a row's text is no minute", () => {
    const numbered = (html: string) => extractMinutes(flatten(readHtml("m.html", html)), 0).map((m) => [m.number, m.title]);
    const rows = (n: number, title: string) => `<tr><td>${n}.</td><td>${title}</td></tr>`;
    const note = (text: string) => `<tr><td></td><td>${text}</td></tr>`;
    expect(
      numbered(
        `<html><body><table>${rows(3, "Declarations of Interest")}${note("<p>There were none.</p>")}${rows(4, "Chair's Announcements")}${note("<p>The Chair welcomed the new clerk.</p>")}${rows(5, "Public Questions")}${note(
          "<p>1. Questions must reach the clerk by noon.</p><p>2. Replies are sent the day before.</p><p>3. There are no oral questions.</p><p>4. Statements are listed in order.</p><p><strong>5. Please note:</strong></p><p>Replies are published.</p>",
        )}${rows(6, "Bus Shelters")}${note("<p>The shelter will be repaired.</p>")}</table></body></html>`,
      ),
    ).toEqual([
      ["3", "Declarations of Interest"],
      ["4", "Chair's Announcements"],
      ["5", "Public Questions"],
      ["6", "Bus Shelters"],
    ]);
  });
});
