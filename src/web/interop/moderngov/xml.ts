/**
 * ModernGov's wire format, written exactly: CRLF line ends, two-space indents, no trailing
 * newline, and empty elements as an open tag, CRLF, indent, close tag (never `<x/>`). No XML
 * builder writes that last form, hence this small writer; parsing uses fast-xml-parser.
 */
export interface XmlElement {
  name: string;
  attrs?: Array<[string, string]>;
  /** Text content; ignored when children are given. */
  text?: string | number | null;
  children?: XmlElement[];
}

export const CRLF = "\r\n";
export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/** XML-minimal escaping as ModernGov does it: quotes and apostrophes stay literal in text. */
export const escapeText = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, "&quot;");

/** One element with its subtree, starting at `depth` levels of indentation. */
export function writeElement(el: XmlElement, depth = 0): string {
  const ind = "  ".repeat(depth);
  const attrs = (el.attrs ?? []).map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join("");
  const open = `${ind}<${el.name}${attrs}>`;
  const close = `</${el.name}>`;
  if (el.children?.length) return `${open}${CRLF}${el.children.map((c) => writeElement(c, depth + 1)).join(CRLF)}${CRLF}${ind}${close}`;
  const text = el.text === null || el.text === undefined ? "" : String(el.text);
  if (!el.children && text !== "") return `${open}${escapeText(text)}${close}`;
  return `${open}${CRLF}${ind}${close}`;
}

/** A whole GET response body: declaration, CRLF, the root; no final newline. */
export function writeDocument(root: XmlElement): string {
  return `${XML_DECLARATION}${CRLF}${writeElement(root)}`;
}

/** Shorthands for building trees. */
export const el = (name: string, text?: string | number | null): XmlElement => ({ name, text: text ?? "" });
export const parent = (name: string, children: XmlElement[], attrs?: Array<[string, string]>): XmlElement => ({ name, children, attrs });

/** ModernGov's formats: VB `Str()` counters (leading space), True/False, dd/mm/yyyy, "10.00 am". */
export const counter = (n: number): string => (n < 0 ? String(n) : ` ${n}`);
export const bool = (b: boolean): string => (b ? "True" : "False");
export function dmy(iso: string | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}
export function clock12(hhmm: string | null | undefined): string {
  if (!hhmm) return "";
  const [h, m] = hhmm.split(":").map(Number);
  return `${h % 12 === 0 ? 12 : h % 12}.${String(m).padStart(2, "0")} ${h < 12 ? "am" : "pm"}`;
}
