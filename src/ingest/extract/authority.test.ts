import { describe, expect, it } from "vitest";
import { readHtml } from "../read/html.js";
import { extract } from "./extract.js";

/** A made-up publisher's meetings index: the body never names the authority as prose does. */
const page = (title: string, nav: string) => `<!doctype html><html><head><title>${title}</title></head><body>
<ul class="tabs"><li>${nav.split("|").join("</li><li>")}</li></ul>
<h1>Rivers and Roads Committee meetings</h1>
<p>Papers for meetings of this committee are below.</p>
<h2>Index of meetings</h2>
<ul><li>12 March 2031</li><li>4 February 2031</li></ul>
</body></html>`;

describe("the publisher named by a web page's title (genre: an index page whose body names no authority)", () => {
  it("takes the part of the title the page's own navigation repeats", () => {
    const ps = readHtml(
      "i.html",
      page("Wessex Assembly - Rivers and Roads Committee meetings", "Home|Mayor of Wessex|Wessex Assembly|Media"),
    );
    expect(ps.title).toBe("Wessex Assembly - Rivers and Roads Committee meetings");
    expect(extract(ps).extraction.authority).toBe("Wessex Assembly");
  });

  it("does not trust a site name the page never repeats, nor the part naming the page", () => {
    const ps = readHtml("j.html", page("Agenda for Rivers and Roads Committee | Civic Portal", "Home|Contact|Help"));
    expect(extract(ps).extraction.authority).toBeNull();
  });
});
