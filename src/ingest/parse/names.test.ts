import { describe, expect, it } from "vitest";
import { cleanName, commasAtInitialsKeys, repairTruncated, roleOf, splitNameList } from "./names.js";
import { parseTime } from "./printed-time.js";

describe("names", () => {
  it("removes titles, roles and notes but keeps the name as printed", () => {
    expect(cleanName("Councillor Mrs Aldridge, Chair")).toBe("Aldridge");
    expect(cleanName("r Jennifer Aldridge (Chair)")).toBe("Jennifer Aldridge");
    expect(cleanName("Rev. Alan Franks, Church of England")).toBe("Alan Franks");
    expect(cleanName("Kirsty Miller – Democratic Services Officer")).toBe("Kirsty Miller");
    expect(cleanName("Mr R C Love, OBE")).toBe("R C Love");
  });

  it("splits lists at commas, 'and', titles and initials", () => {
    expect(splitNameList("Councillors Snell, Carter and McCreary.").map((n) => n.name)).toEqual(["Snell", "Carter", "McCreary"]);
    expect(splitNameList("Councillor J Aldridge Councillors L Snell N Carter, T Archer").map((n) => n.name)).toEqual([
      "J Aldridge",
      "L Snell",
      "N Carter",
      "T Archer",
    ]);
    expect(splitNameList("Mr R W Grundy (Chairman), Mrs S Pargetter").map((n) => n.name)).toEqual(["R W Grundy", "S Pargetter"]);
  });

  it("marks councillors by title, the plural title covering the names after it", () => {
    const listed = splitNameList("Councillor Shula Hebden Lloyd (Cabinet Member), Tom Archer (Growth Team)");
    expect(listed.map((n) => n.councillor)).toEqual([true, false]);
    expect(splitNameList("Councillors Snell and Carter").every((n) => n.councillor)).toBe(true);
  });

  it("reads Chair and Vice-Chair roles in their printed forms", () => {
    expect(roleOf("Cllr X (Chair)")).toBe("Chair");
    expect(roleOf("Councillor Y, in the Chair.")).toBe("Chair");
    expect(roleOf("Cllr Z (Deputy Chair)")).toBe("Vice-Chair");
    expect(roleOf("Cllr Z (Vice Chairman)")).toBe("Vice-Chair");
    expect(roleOf("Cllr W")).toBeNull();
  });

  it("repairs a surname cut by a column break only when one known name fits", () => {
    expect(repairTruncated("J Aldr", ["Jennifer Aldridge", "Lynda Snell"])).toBe("J Aldridge");
    expect(repairTruncated("J Aldr", ["Jennifer Aldridge", "Jill Aldred"])).toBe("J Aldr");
    expect(repairTruncated("L Snell", ["Lynda Snellgrove", "Lynda Snell"])).toBe("L Snell");
  });
});

describe("printed times", () => {
  it("reads 12- and 24-hour forms", () => {
    expect(parseTime("commencing at 6.00pm")).toBe("18:00");
    expect(parseTime("at 10 a.m.")).toBe("10:00");
    expect(parseTime("12.30 pm")).toBe("12:30");
    expect(parseTime("starts 18:45")).toBe("18:45");
    expect(parseTime("no time here, 2019")).toBeNull();
  });

  it("removes nested notes and police ranks, and splits a list whose last 'and' follows a full stop", () => {
    const text = "Ann Bell (AB, Felpersham Area Partnership (FAP) rep), Cllr Colin Dunn (CD).and PC Ed Fry";
    expect(splitNameList(text).map((n) => n.name)).toEqual(["Ann Bell", "Colin Dunn", "Ed Fry"]);
  });
});

describe("qualified councillor titles", () => {
  it("keeps 'District Cllr Mrs' together as the title of one name", () => {
    expect(splitNameList("Cllr Mrs Amber, District Cllr Mrs Birch and County Cllr Coles").map((n) => n.name)).toEqual([
      "Amber",
      "Birch",
      "Coles",
    ]);
  });
});

describe("initials keys in attendance grids", () => {
  it("ends each name at the initials printed after it, and never takes the initials as a name", () => {
    expect(splitNameList("Ann Example AE Bob Sample (DC) BS Mary Carter MCa").map((n) => n.name)).toEqual([
      "Ann Example",
      "Bob Sample",
      "Mary Carter",
    ]);
  });
  it("leaves capitals that are not a key alone", () => {
    expect(commasAtInitialsKeys("Ann Example RSPB")).toBe("Ann Example RSPB");
    expect(commasAtInitialsKeys("PC Andy Bell")).toBe("PC Andy Bell");
  });

  it("reads officers' posts printed as colon labels, 'Messrs' and names apart by a slash", () => {
    const got = splitNameList("Chair: Mr A de Ames : Secretary: Mr B C Bell: Treasurer: Mr D Cole/ Ms E Dunn").map((n) => n.name);
    expect(got).toEqual(["A de Ames", "B C Bell", "D Cole", "E Dunn"]);
    expect(splitNameList("Mrs F Ford, Messrs G Gray ,H Hale ,I Ince").map((n) => n.name)).toEqual(["F Ford", "G Gray", "H Hale", "I Ince"]);
  });
});
