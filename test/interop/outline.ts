import { XMLParser } from "fast-xml-parser";

type Ordered = Array<Record<string, unknown>>;
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  trimValues: true,
});

/**
 * An XML document's element tree as "path: child sequence" lines, attributes included in
 * order and runs of the same element collapsed ("agendaitem+"), so two documents with the
 * same structure and different data outline the same.
 */
export function outline(xml: string): string[] {
  const lines = new Set<string>();
  const walk = (nodes: Ordered, path: string) => {
    for (const n of nodes) {
      const name = Object.keys(n).find((k) => k !== ":@" && k !== "#text");
      if (!name || name === "?xml") continue;
      const here = `${path}/${name}`;
      const kids = (n[name] as Ordered).map((k) => Object.keys(k).find((x) => x !== ":@" && x !== "#text")).filter(Boolean) as string[];
      const seq: string[] = [];
      for (const k of kids) {
        if (seq.at(-1) === k || seq.at(-1) === `${k}+`) seq[seq.length - 1] = `${k}+`;
        else seq.push(k);
      }
      const attrs = Object.keys((n[":@"] as Record<string, string>) ?? {});
      lines.add(`${here}: ${[...attrs, ...seq].join(" ")}`);
      walk(n[name] as Ordered, here);
    }
  };
  walk(parser.parse(xml) as Ordered, "");
  return [...lines].sort();
}

/** Formatting rules every ModernGov GET response follows (API-SHAPES.md §0). */
export function formattingProblems(body: string): string[] {
  const problems: string[] = [];
  if (!body.startsWith('<?xml version="1.0" encoding="utf-8"?>\r\n')) problems.push("declaration line");
  if (body.endsWith("\n")) problems.push("trailing newline");
  if (/\/>/.test(body)) problems.push("self-closed element");
  if (/[^\r]\n/.test(body.replace(/<(agendatext|minutesnonemptyhtmlbody|decisionnonemptyhtmlbody)>[\s\S]*?<\/\1>/g, "")))
    problems.push("bare LF");
  for (const m of body.matchAll(/<(\w+count)>([^<]*)</g))
    if (m[1] !== "declarationcount" && !/^ \d+$/.test(m[2])) problems.push(`counter ${m[1]}="${m[2]}"`);
  for (const m of body.matchAll(/<(is\w+|\w+published|committee(?:deleted|expired))>([^<]*)</g))
    if (!/^(True|False)$/.test(m[2])) problems.push(`boolean ${m[1]}="${m[2]}"`);
  for (const m of body.matchAll(/<(\w*date)>([^<]*)</g)) if (!/^\d{2}\/\d{2}\/\d{4}$/.test(m[2])) problems.push(`date ${m[1]}="${m[2]}"`);
  // Indentation: two spaces per open element; text with its own line breaks stays on one CRLF line.
  let depth = 0;
  for (const line of body.split("\r\n").slice(1)) {
    const indent = /^ */.exec(line)![0].length;
    const t = line.slice(indent);
    if (/^<\/[^>]+>$/.test(t)) depth -= 1;
    if (indent !== depth * 2) problems.push(`indent ${indent} at depth ${depth}: ${t.slice(0, 40)}`);
    if (/^<[^/?!][^>]*>$/.test(t)) depth += 1;
  }
  if (depth !== 0) problems.push(`unbalanced: depth ${depth} at end`);
  return problems;
}
