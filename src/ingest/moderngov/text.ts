import * as cheerio from "cheerio";

/**
 * ModernGov's rich text is Word HTML (XML-escaped on the wire, already unescaped by the XML
 * parser): paragraphs become paragraphs separated by a blank line, hard line breaks inside a
 * paragraph become spaces.
 */
export function htmlToText(html: string): string {
  if (!html.trim()) return "";
  const $ = cheerio.load(html);
  $("br").replaceWith("\n");
  const blocks = $("p, li, h1, h2, h3, h4, h5, h6, tr")
    .toArray()
    .map((el) =>
      $(el)
        .text()
        .replace(/[ \t\r\n\u00a0]+/g, " ")
        .trim(),
    )
    .filter(Boolean);
  const text = blocks.length ? blocks.join("\n\n") : $.root().text().replace(/\s+/g, " ").trim();
  return text;
}

/** Some councils' data was typed HTML-escaped ("Labour &amp; Co-operative"): undo that once. */
export function unescapeOnce(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#039;|&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

const HONORIFICS = new Set([
  "councillor",
  "cllr",
  "cllr.",
  "mayor",
  "mr",
  "mrs",
  "ms",
  "miss",
  "dr",
  "sir",
  "dame",
  "lord",
  "baroness",
  "rev",
  "revd",
  "professor",
  "prof",
]);

/** "Councillor Alan Bishop" → honorific "Councillor", name "Alan Bishop"; kept whole unless the split is lossless. */
export function personName(full: string): { honorific: string | null; name: string } {
  const m = /^(\S+) (\S.*)$/.exec(full);
  if (m && HONORIFICS.has(m[1].toLowerCase()) && m[2] === m[2].trim()) return { honorific: m[1], name: m[2] };
  return { honorific: null, name: full.trim() };
}

/** "10.00 am", "2.00 pm", "13:30" → "HH:MM"; anything else → null. */
export function clock24(t: string): string | null {
  const m = /^(\d{1,2})[.:](\d{2})\s*(am|pm)?$/i.exec(t.trim());
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const ap = m[3]?.toLowerCase();
  if (ap === "pm" && h < 12) h += 12;
  if (ap === "am" && h === 12) h = 0;
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}
