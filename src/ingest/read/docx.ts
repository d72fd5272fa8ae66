import { MootError } from "../../domain/errors.js";
import { readHtml } from "./html.js";
import type { PageSet } from "./page.js";

/** Word paragraphs as mammoth's document model gives them to a transform. */
interface DocxNode {
  type: string;
  styleName?: string | null;
  numbering?: { level: string; isOrdered: boolean } | null;
  children?: DocxNode[];
  value?: string;
}

/**
 * Reads a Word .docx through mammoth: headings, lists and tables come through its HTML,
 * which the HTML reader turns into lines and cells. Word's automatic numbering is not
 * text in the file, so numbered headings and items ("1. Apologies", "2.1 Planning",
 * "a. Police Scotland") get their numbers written in here, counted per level.
 *
 * @throws MootError `bad_input` when the file is not a Word document.
 */
export async function readDocx(source: string, data: Uint8Array): Promise<PageSet> {
  const { default: mammoth } = await import("mammoth");
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) },
      { transformDocument: numberHeadings, ignoreEmptyParagraphs: true },
    );
    html = result.value;
  } catch (e) {
    throw new MootError("bad_input", `${source}: not a readable Word .docx file (${e instanceof Error ? e.message : String(e)})`, {
      cause: e,
    });
  }
  const set = readHtml(source, `<body>${html}</body>`, "docx");
  if (!set.pages.some((p) => p.lines.length > 0)) throw new MootError("bad_input", `${source}: the Word document has no text`);
  return set;
}

function roman(n: number): string {
  const parts: [number, string][] = [
    [10, "x"],
    [9, "ix"],
    [5, "v"],
    [4, "iv"],
    [1, "i"],
  ];
  let s = "";
  let left = Math.min(Math.max(1, n), 39);
  for (const [v, r] of parts)
    while (left >= v) {
      s += r;
      left -= v;
    }
  return s;
}

/**
 * Writes Word's automatic numbers into numbered paragraphs, counting on across the
 * paragraphs between items as Word does (mammoth would restart each interrupted list at 1).
 */
function numberHeadings(doc: DocxNode): DocxNode {
  const counters: number[] = [];
  const visit = (node: DocxNode) => {
    if (node.type === "paragraph" && node.numbering?.isOrdered) {
      const level = Number(node.numbering.level) || 0;
      counters.length = level + 1;
      for (let i = 0; i < level; i++) counters[i] ??= 1;
      counters[level] = (counters[level] ?? 0) + 1;
      // Headings carry the whole path ("2.1"); list items Word's default formats (1. a. i.).
      const heading = /heading|title/i.test(node.styleName ?? "");
      const n = counters[level]!;
      const label = heading
        ? level === 0
          ? `${n}.`
          : counters.slice(0, level + 1).join(".")
        : level % 3 === 0
          ? `${n}.`
          : level % 3 === 1
            ? `${String.fromCharCode(96 + (((n - 1) % 26) + 1))}.`
            : `${roman(n)}.`;
      node.children = [{ type: "run", children: [{ type: "text", value: `${label} ` }] }, ...(node.children ?? [])];
      node.numbering = null;
    }
    for (const c of node.children ?? []) visit(c);
  };
  visit(doc);
  return doc;
}
