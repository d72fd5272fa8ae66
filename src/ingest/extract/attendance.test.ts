import { describe, expect, it } from "vitest";
import { readText } from "../read/text.js";
import { flatten } from "../segment/lines.js";
import { apologiesInText, attendanceInProse, extractAttendance, substituteInText } from "./attendance.js";

const lines = (text: string) => flatten(readText("a.txt", text));

describe("attendance", () => {
  it("reads apologies however the clerk phrased them", () => {
    const got = lines(
      [
        "Apologies for absence were received from Councillor A Grundy, B Tucker and C Horrobin.",
        "The Clerk reported apologies from Mr Woolley and Mrs Pargetter.",
        "Apologies: Cllr Snell",
        "There were no apologies.",
      ].join("\n"),
    ).map(apologiesInText);
    expect(got).toEqual([["A Grundy", "B Tucker", "C Horrobin"], ["Woolley", "Pargetter"], ["Snell"], []]);
  });

  it("reads substitutions printed as 'X for Y' and in prose", () => {
    const [a, b, c] = lines(
      "Councillor J Archer for Councillor K Archer.\nthe Clerk advised that Cllr Wood would be substituting, with voting rights, for Cllr Ellis.\nThe Chair asked for silence.",
    );
    expect(substituteInText(a!)).toEqual({ name: "J Archer", for: "K Archer" });
    expect(substituteInText(b!)).toEqual({ name: "Wood", for: "Ellis" });
    expect(substituteInText(c!)).toBeNull();
  });

  it("stops a 'Present' list at the first sentence and repairs names cut by a column break", () => {
    const hits = extractAttendance(
      lines("Present:\tCouncillor J Aldr, L Snell\n\nUnder standing orders the Chair would take questions.\n\n1. Apologies"),
      ["Jennifer Aldridge"],
      3,
    );
    expect(hits.map((h) => [h.list, h.name])).toEqual([
      ["present", "J Aldridge"],
      ["present", "L Snell"],
    ]);
  });

  it("reads labels after an item number, Welsh labels and an initials-keyed grid", () => {
    const got = extractAttendance(
      lines(
        [
          "1. Committee Members Present were: Ann Example, Bob Sample (chair)",
          "2. Apologies were received from: Carol Third and Cllr Dan Fourth",
          "PRESENNOL: Cynghorydd Eira Jones",
          "YMDDIHEURIADAU: Gwyn Evans",
          "Present Fay Grid FG Huw Other HO",
          "Iris Key IK",
        ].join("\n"),
      ),
      [],
      -1,
    ).map((h) => [h.list, h.name]);
    expect(got).toEqual([
      ["present", "Ann Example"],
      ["present", "Bob Sample"],
      ["apologies", "Carol Third"],
      ["apologies", "Dan Fourth"],
      ["present", "Eira Jones"],
      ["apologies", "Gwyn Evans"],
      ["present", "Fay Grid"],
      ["present", "Huw Other"],
      ["present", "Iris Key"],
    ]);
  });

  it("drops an attendance grid's initials column and lists another council's councillors as also present", () => {
    const grid = lines("| Present: Ann Ames | AA | Bob Bell | BB |\n| Cy Cole (NBC) | CC | Di Dunn | DMcD |\n\n1. Police report");
    const hits = extractAttendance(grid, [], 3).map((h) => [h.list, h.name]);
    expect(hits).toEqual([
      ["present", "Ann Ames"],
      ["present", "Bob Bell"],
      ["alsoPresent", "Cy Cole"],
      ["present", "Di Dunn"],
    ]);
  });

  it("reads a name | role table: the role sorts each row, organisation cells are never people", () => {
    const table = lines(
      [
        "In attendance:",
        "| Ann Ames - Chair | Independent Chair, Borchester Safeguarding Board |",
        "| Bob Bell – Minute Taker | Administrative Officer, Borchester Safeguarding Board |",
        "| Cy Cole – Deputy for Di Dunn | Head of Nursing, Felpersham NHS Foundation Trust |",
        "| Eve Ely (with Ann Ames) | Prevention Lead, Borchester Public Health |",
        "Fred Foy - Member Chief Superintendent, District Commander, Borsetshire Police",
        "| Councillor Gil Gray – Participating Observer | Lead Member for Housing, Borchester Council |",
        "| Hal Hope - Advisor | Service Manager, Children's Services |",
        "",
        "Apologies:",
        "| Di Dunn – Member and Vice Chair | Director of Nursing, Felpersham NHS Foundation Trust |",
        "| Ivy Ince - Member | Head Teacher, Ambridge Infants School |",
        "| Jo Judd – Deputy for Kit Kerr | Station Manager, Borsetshire Fire and Rescue |",
        "",
        "1. Welcome",
      ].join("\n"),
    );
    const hits = extractAttendance(table, [], 16).map((h) => (h.for ? [h.list, h.name, h.for] : [h.list, h.name]));
    expect(hits).toEqual([
      ["present", "Ann Ames"],
      ["officers", "Bob Bell"],
      ["present", "Cy Cole"],
      ["substitutes", "Cy Cole", "Di Dunn"],
      ["alsoPresent", "Eve Ely"],
      ["present", "Fred Foy"],
      ["alsoPresent", "Gil Gray"],
      ["officers", "Hal Hope"],
      ["apologies", "Di Dunn"],
      ["apologies", "Ivy Ince"],
      ["apologies", "Jo Judd"],
    ]);
  });

  it("reads a community council's name | office table, its attending councillors and its guests", () => {
    const table = lines(
      [
        "a. Present",
        "| Ann Ames | Convenor |",
        "| Bob Bell | Secretary |",
        "| Cy Cole | Member |",
        "Attending:",
        "| Cllr Di Dunn | Ward Councillor |",
        "Guests:",
        "| Insp Eve Ely | | Roads Policing Officer |",
        "| Fay Fox | | Harbour Mussel Co |",
        "| Gil Gray | | Public |",
        "b. Apologies:",
        "| Hal Hope | | Vice Convenor |",
        "| Ivy Ince | | Millbrook RA |",
        "c. Declarations of interest – none",
      ].join("\n"),
    );
    expect(extractAttendance(table, [], -1).map((h) => [h.list, h.name])).toEqual([
      ["present", "Ann Ames"],
      ["present", "Bob Bell"],
      ["present", "Cy Cole"],
      ["alsoPresent", "Di Dunn"],
      ["alsoPresent", "Eve Ely"],
      ["alsoPresent", "Fay Fox"],
      ["alsoPresent", "Gil Gray"],
      ["apologies", "Hal Hope"],
      ["apologies", "Ivy Ince"],
    ]);
  });

  it("keeps posts and organisations printed beside a name out of the names", () => {
    const [l] = lines(
      "Apologies for absence had been received from Cllr Mike Ames, Leader, Borchester Council, and Dr Pat Bell, Designated Doctor, Felpersham Hospital Trust.",
    );
    expect(apologiesInText(l!)).toEqual(["Mike Ames", "Pat Bell"]);
  });

  it("reads substitutes and visiting councillors told in the minutes' prose", () => {
    const text = [
      "Apologies for absence had been received from Cllr Ann Ames, Leader, Borchester Council. Cllr Bob Bell attended as substitute.",
      "Councillor Cy Cole, Chair of the Audit Committee, attended the meeting and addressed the Committee.",
      "Cllr Di Dunn attended as a substitute for Cllr Eve Ely.",
    ].join("\n");
    expect(attendanceInProse(text, ["Ann Ames"])).toEqual({
      substitutes: [
        { name: "Bob Bell", for: "Ann Ames" },
        { name: "Di Dunn", for: "Eve Ely" },
      ],
      alsoPresent: ["Cy Cole"],
    });
  });
});
