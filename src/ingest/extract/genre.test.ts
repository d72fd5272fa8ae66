import { describe, expect, it } from "vitest";
import { readText } from "../read/text.js";
import { flatten } from "../segment/lines.js";
import { extract } from "./extract.js";
import { extractAuthority } from "./authority.js";

// Made-up documents for the genre patterns extraction handles beyond agenda packs.
describe("genre patterns", () => {
  it("a standalone report's cover names the meeting it goes to", () => {
    const text = [
      "REPORT TO CABINET",
      "3 OCTOBER 2024",
      "REPORT OF CORPORATE TEAM",
      "",
      "VILLAGE HALL GRANTS",
      "",
      "1. Summary",
      "Grants.",
    ].join("\n");
    const { extraction } = extract(readText("r.txt", text));
    expect(extraction.meetings.map((m) => [m.committee, m.date, m.hasAgenda, m.hasMinutes])).toEqual([
      ["CABINET", "2024-10-03", false, false],
    ]);
  });

  it("an authority that is not a council, by its fullest name, not a phrase run on before it", () => {
    const text = [
      "REPORT TO: BORSETSHIRE JOINT COMMITTEE",
      "The Borsetshire Combined Authority has agreed the plan.",
      "Approved the Borsetshire Mayoral Combined Authority budget.",
      "Scheme - Borsetshire Mayoral Combined Authority",
      "The Borsetshire Combined Authority will consult.",
      "The Mayoral Combined Authority will report.",
      "The Mayoral Combined Authority will decide.",
    ].join("\n");
    expect(extractAuthority(flatten(readText("a.txt", text)))?.name).toBe("Borsetshire Mayoral Combined Authority");
  });

  it("a summons names the authority, not 'of' the authority", () => {
    const text = [
      "Members are summoned to attend a Meeting of Loxley Barrett Parish Council to be held at the Village Hall on Wednesday 13th",
      "March 2024 at 1900.",
      "Signed Clerk to the Council Date: 7th March 2024",
      "",
      "1. APOLOGIES",
      "2. MINUTES",
    ].join("\n");
    const { extraction } = extract(readText("s.txt", text));
    expect(extraction.authority).toBe("Loxley Barrett Parish Council");
    expect(extraction.meetings[0]).toMatchObject({ date: "2024-03-13", time: "19:00" });
  });

  it("an 'Agenda and minutes' page: the body and date on one line, each item's minute beneath it, 'were approved' a decision", () => {
    const text = [
      "Agenda and minutes",
      "Borsetshire Rural Affairs Committee - Monday, 3rd March, 2025 10.00 am",
      "Venue: County Hall, Felpersham",
      "Items",
      "1. Minutes",
      "To approve the minutes of the last meeting.",
      "Minutes:",
      "The minutes of the meeting held on 3 February 2025 were approved.",
      "2. Hedgerow Survey",
      "Minutes:",
      "The committee discussed the survey and further funding was approved at",
      "the last meeting.",
    ].join("\n");
    const [m] = extract(readText("p.txt", text)).extraction.meetings;
    expect(m).toMatchObject({
      committee: "Borsetshire Rural Affairs Committee",
      date: "2025-03-03",
      time: "10:00",
      hasAgenda: true,
      hasMinutes: true,
    });
    expect(m!.agenda.map((a) => [a.number, a.title])).toEqual([
      ["1", "Minutes"],
      ["2", "Hedgerow Survey"],
    ]);
    expect(m!.minutes.map((x) => x.decisions)).toEqual([["The minutes of the meeting held on 3 February 2025 were approved."], []]);
  });
});
