import { describe, expect, it } from "vitest";
import { formatOf, readDocument } from "./dispatch.js";
import { pageText } from "./page.js";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("a page's content saved as .txt (genre: web text exported with its markup)", () => {
  const fragment = "401. Apologies<br />402. Minutes of the last meeting<br />403. Footpaths &amp; bridleways<br />404. Any other business";

  it("is read as a page, a line for each break, entities decoded", async () => {
    expect(formatOf("agenda.txt", bytes(fragment))).toBe("html");
    const set = await readDocument("agenda.txt", bytes(fragment));
    const text = pageText(set.pages[0]!);
    expect(text.split("\n")).toEqual([
      "401. Apologies",
      "402. Minutes of the last meeting",
      "403. Footpaths & bridleways",
      "404. Any other business",
    ]);
  });

  it("stays plain text when a tag or two only stand in the prose, and in Markdown", () => {
    expect(formatOf("minutes.txt", bytes("The clerk noted that <br> appears in an email.\n1. Apologies\n2. Minutes"))).toBe("text");
    expect(formatOf("minutes.md", bytes(fragment))).toBe("text");
  });
});
