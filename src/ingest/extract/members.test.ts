import { describe, expect, it } from "vitest";
import { readText } from "../read/text.js";
import { flatten } from "../segment/lines.js";
import { extractMembers } from "./members.js";

const members = (text: string) => extractMembers(flatten(readText("m.txt", text))).map(({ name, role, kind }) => ({ name, role, kind }));

describe("extractMembers", () => {
  it("reads a 'Members:' block with comma lists and roles after commas", () => {
    const text =
      "Members:\n\nCouncillor Mrs Grundy, Chair\nCouncillor Tucker, Vice Chair\nCouncillors Horrobin, Pargetter and Woolley.\n\nMembers are invited to attend.";
    expect(members(text)).toEqual([
      { name: "Grundy", role: "Chair", kind: "councillor" },
      { name: "Tucker", role: "Vice-Chair", kind: "councillor" },
      { name: "Horrobin", role: null, kind: "councillor" },
      { name: "Pargetter", role: null, kind: "councillor" },
      { name: "Woolley", role: null, kind: "councillor" },
    ]);
  });

  it("reads an inline membership line and titled lines whose 'Cll' the converter ate", () => {
    expect(members("Membership: Councillors Grundy (Chair), Tucker and Woolley")).toEqual([
      { name: "Grundy", role: "Chair", kind: "councillor" },
      { name: "Tucker", role: null, kind: "councillor" },
      { name: "Woolley", role: null, kind: "councillor" },
    ]);
    const eaten =
      "To all Members of the Parks Panel\n\nr Eddie Grundy (Chair)\nr Clarrie Grundy\nr Joe Grundy (Deputy Chair)\n\nChurch Representatives\n\nRev. Alan Franks, Church of England";
    expect(members(eaten)).toEqual([
      { name: "Eddie Grundy", role: "Chair", kind: "councillor" },
      { name: "Clarrie Grundy", role: null, kind: "councillor" },
      { name: "Joe Grundy", role: "Vice-Chair", kind: "councillor" },
      { name: "Alan Franks", role: null, kind: "co-opted" },
    ]);
  });

  it("takes the Chair and Vice-Chair from a summons' letterhead when it lists no members (genre: parish summons)", () => {
    const text = [
      "Ambridge Parish Council",
      "Chairman: Councillor J. Archer",
      "Vice-Chairman: Cllr P. Aldridge",
      "Clerk: Mr R. Snell",
      "",
      "YOU ARE HEREBY SUMMONED TO ATTEND A MEETING OF AMBRIDGE PARISH COUNCIL",
      "",
      "1. Apologies",
      "2. Minutes of the previous meeting",
    ].join("\n");
    expect(members(text)).toEqual([
      { name: "J. Archer", role: "Chair", kind: "councillor" },
      { name: "P. Aldridge", role: "Vice-Chair", kind: "councillor" },
    ]);
  });

  it("leaves a Chair named in the minutes' text alone, and prefers a membership list to the letterhead", () => {
    expect(members("The Chair: Councillor Grundy thanked everyone.\n\n1. Apologies")).toEqual([]);
    const listed = members(
      "Chairman: Councillor J. Archer\n\nMembers:\n\nCouncillor Mrs Grundy, Chair\nCouncillor Tucker\nCouncillor Woolley",
    );
    expect(listed.map((m) => m.name)).toEqual(["Grundy", "Tucker", "Woolley"]);
  });

  it("finds no members in ordinary prose", () => {
    expect(members("The Chair welcomed Mr Grundy and Mrs Archer to the meeting.\n\nCllr Snell spoke.")).toEqual([]);
  });
});
