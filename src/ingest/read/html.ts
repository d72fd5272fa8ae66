import { load } from "cheerio";
import type { AnyNode, Element } from "domhandler";
import type { Line, PageSet } from "./page.js";

/**
 * Reads an HTML page (a ModernGov/CMIS meeting page, a saved agenda or minutes page, the
 * HTML mammoth makes of a Word file) into the page model: headings, paragraphs and list
 * items become lines (numbered lists keep their numbers), table rows become lines with
 * cells, and site furniture (navigation, cookie banners, scripts, "PDF 172 KB" file-size
 * badges, ModernGov's action links) is left out. The whole page is one Page: HTML has none.
 */
export function readHtml(source: string, html: string, kind: PageSet["kind"] = "html"): PageSet {
  const $ = load(html);
  $(DROP).remove();
  // Furniture recognised by name: cookie/consent banners, menus, breadcrumbs, skip links.
  $("[id],[class]").each((_, el) => {
    const name = `${$(el).attr("id") ?? ""} ${$(el).attr("class") ?? ""}`;
    // A wrapper named "has-nav" may hold the document itself: keep anything holding content roots.
    if (FURNITURE_NAME.test(name) && $(el).find("#modgov, main, [role=main], h1, article").length === 0) $(el).remove();
  });
  const root = ROOTS.map((sel) => $(sel).first()).find((r) => r.length > 0 && r.text().trim() !== "") ?? $.root();
  const out = new LineWriter();
  for (const node of root.toArray()) walk(node, out);
  out.flush();
  const lines = out.lines;
  const title = $("title").first().text().replace(/\s+/g, " ").trim();
  // The page title names the meeting on pages whose body has no heading to do it.
  if (title && !lines.some((l) => l.bold)) lines.unshift({ text: title, bold: true });
  return { source, kind, ...(title ? { title } : {}), pages: [{ index: 1, printed: null, lines, marker: null }] };
}

/** Elements that never carry a document's text. */
const DROP = [
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "iframe",
  "object",
  "nav",
  "header",
  "footer",
  "form",
  "button",
  "select",
  "input",
  "textarea",
  "[hidden]",
  "[aria-hidden=true]",
  "[role=navigation]",
  "[role=banner]",
  "[role=contentinfo]",
  "[role=search]",
  ".mgFileSize",
  ".mgLinks",
  ".mgHide",
  ".mgHelpLine",
  ".mgFooter",
  ".sr-only",
  ".visually-hidden",
  ".govuk-visually-hidden",
].join(",");

const FURNITURE_NAME =
  /(?:^|[\s_-])(?:cookies?|cookie-?banner|consent|gdpr|breadcrumbs?|skip-?link|site-?header|site-?footer|(?:main-?|mobile-?|side-?|left)?nav(?:bar|igation)?|(?:mobile-?|section-?)?menu|leftnav|social|share)(?:$|[\s_-])/i;

/** Where the document's own content starts, most specific first. */
const ROOTS = ["#modgov", "#mgMainContent", "main", "[role=main]", "article", "#content-main", "body"];

const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "caption",
  "dd",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "li",
  "main",
  "ol",
  "p",
  "pre",
  "section",
  "ul",
]);

class LineWriter {
  readonly lines: Line[] = [];
  private buf = "";
  private boldChars = 0;
  private chars = 0;
  private heading = false;
  private prefix = "";

  text(s: string, bold: boolean): void {
    const t = s.replace(/[\s\u00a0\u200b]+/g, " ");
    if (!t.trim() && !this.buf) return;
    this.buf += t;
    const n = t.replace(/\s/g, "").length;
    this.chars += n;
    if (bold) this.boldChars += n;
  }

  /** Marks the line being gathered as a heading, or gives it a list prefix. */
  mark(opts: { heading?: boolean; prefix?: string }): void {
    if (opts.heading) this.heading = true;
    if (opts.prefix !== undefined) this.prefix = opts.prefix;
  }

  flush(): void {
    const body = this.buf.replace(/\s+/g, " ").trim();
    if (body) {
      const text = this.prefix && !/^\(?[0-9a-z]{1,3}[.)]\s/i.test(body) ? `${this.prefix} ${body}` : body;
      const line: Line = { text };
      if (this.heading || (this.chars > 0 && this.boldChars * 2 > this.chars)) line.bold = true;
      this.lines.push(line);
    }
    this.buf = "";
    this.chars = 0;
    this.boldChars = 0;
    this.heading = false;
    this.prefix = "";
  }

  push(line: Line): void {
    this.flush();
    this.lines.push(line);
  }
}

const isElement = (n: AnyNode): n is Element => n.type === "tag" || n.type === "script" || n.type === "style";

function boldStyle(el: Element): boolean {
  const style = el.attribs.style ?? "";
  return /font-weight\s*:\s*(?:bold|[6-9]00)/i.test(style);
}

function walk(node: AnyNode, out: LineWriter, bold = false): void {
  if (node.type === "text") {
    out.text((node as unknown as { data: string }).data, bold);
    return;
  }
  if (node.type === "root") {
    for (const c of (node as unknown as { children: AnyNode[] }).children) walk(c, out, bold);
    return;
  }
  if (!isElement(node)) return;
  const tag = node.name.toLowerCase();
  const b =
    bold ||
    tag === "b" ||
    tag === "strong" ||
    /^h[1-6]$/.test(tag) ||
    (boldStyle(node) && !/font-weight\s*:\s*inherit/i.test(node.attribs.style ?? ""));
  if (tag === "br") {
    out.flush();
    return;
  }
  if (tag === "table") {
    out.flush();
    readTable(node, out);
    return;
  }
  if (tag === "ol" || tag === "ul") {
    out.flush();
    let n = Number(node.attribs.start ?? 1);
    if (!Number.isFinite(n)) n = 1;
    const type = node.attribs.type ?? "1";
    for (const li of node.children) {
      if (!isElement(li) || li.name.toLowerCase() !== "li") {
        walk(li, out, b);
        continue;
      }
      const value = li.attribs.value !== undefined ? Number(li.attribs.value) : n;
      out.mark({ prefix: tag === "ol" ? `${listLabel(value, type)}.` : "•" });
      for (const c of li.children) walk(c, out, b);
      out.flush();
      n = value + 1;
    }
    return;
  }
  const block = BLOCK.has(tag);
  if (block) out.flush();
  if (/^h[1-6]$/.test(tag)) out.mark({ heading: true });
  for (const c of node.children) walk(c, out, b);
  if (block) out.flush();
}

function listLabel(n: number, type: string): string {
  if (type === "a" || type === "A") {
    const s = String.fromCharCode(96 + (((n - 1) % 26) + 1));
    return type === "A" ? s.toUpperCase() : s;
  }
  if (type === "i" || type === "I") {
    const r = toRoman(n);
    return type === "I" ? r.toUpperCase() : r;
  }
  return String(n);
}

function toRoman(n: number): string {
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

/** Rows of a table (not of tables nested inside it). */
function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  const visit = (el: Element) => {
    for (const c of el.children) {
      if (!isElement(c)) continue;
      const t = c.name.toLowerCase();
      if (t === "tr") rows.push(c);
      else if (t === "thead" || t === "tbody" || t === "tfoot") visit(c);
    }
  };
  visit(table);
  return rows;
}

function cellLines(cell: Element): Line[] {
  const w = new LineWriter();
  for (const c of cell.children) walk(c, w);
  w.flush();
  return w.lines;
}

/**
 * A row of short cells becomes one line with cells. A row whose cells hold paragraphs
 * (a ModernGov item: number, then title and description) gives a line of each cell's
 * first line, then the rest as ordinary lines. Layout tables (a site's frame around the
 * content) are read cell by cell as blocks.
 */
function readTable(table: Element, out: LineWriter): void {
  for (const c of table.children) {
    if (isElement(c) && c.name.toLowerCase() === "caption") walk(c, out);
  }
  out.flush();
  // Columns still covered by a cell merged down from a row above ("rowspan", Word's vMerge).
  let spans: number[] = [];
  for (const row of rowsOf(table)) {
    const own = row.children.filter((c): c is Element => isElement(c) && /^t[dh]$/i.test(c.name));
    const cells: (Element | null)[] = [];
    const next: number[] = [];
    let k = 0;
    for (const cell of own) {
      // A merged cell's column is printed once; the rows under it keep the column, empty.
      while ((spans[cells.length] ?? 0) > 0) {
        next[cells.length] = spans[cells.length]! - 1;
        cells.push(null);
      }
      const down = Number.parseInt(cell.attribs?.rowspan ?? "1", 10);
      next[cells.length] = Number.isFinite(down) && down > 1 ? down - 1 : 0;
      cells.push(cell);
      k++;
    }
    while (cells.length < spans.length && (spans[cells.length] ?? 0) > 0) {
      next[cells.length] = spans[cells.length]! - 1;
      cells.push(null);
    }
    spans = Array.from(next, (n) => n ?? 0);
    if (k === 0) continue;
    const content = cells.map((c) => (c ? cellLines(c) : []));
    const filled = content.filter((l) => l.length > 0);
    if (filled.length === 0) continue;
    const layout = content.filter((l) => l.length > 12).length >= 2 || cells.some((c) => c && hasTable(c));
    if (layout || filled.length === 1) {
      for (const lines of content) for (const l of lines) out.push(l);
      continue;
    }
    const first = content.map((l) => l[0]?.text ?? "");
    const line: Line = { text: first.join("\t"), cells: first };
    if (content.every((l) => l.length === 0 || l[0]!.bold)) line.bold = true;
    out.push(line);
    for (const lines of content) for (const l of lines.slice(1)) out.push(l);
  }
}

function hasTable(el: Element): boolean {
  return el.children.some((c) => isElement(c) && (c.name.toLowerCase() === "table" || hasTable(c)));
}
