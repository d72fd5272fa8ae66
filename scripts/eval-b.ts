// Scores extract-B's sections (reports, actions, workProgramme) over the shared corpus.
//   node bin/run-ts.js scripts/eval-b.ts [--show reports|actions|workProgramme] [NAME]
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import type { PageSet, Page } from "../src/ingest/read/page.js";
import { extractReports } from "../src/ingest/extract/reports.js";
import { extractActions } from "../src/ingest/extract/actions.js";
import { extractWorkProgramme } from "../src/ingest/extract/work-programme.js";

const corpus = new URL("../../shared/corpus/", import.meta.url).pathname;
const out = "/tmp/eval-b";
mkdirSync(out, { recursive: true });
const args = process.argv.slice(2);
const show = args.includes("--show") ? args[args.indexOf("--show") + 1] : null;
const only = args.find((a) => !a.startsWith("--") && a !== show);

function fallbackRead(source: string, text: string): PageSet {
  const pages: Page[] = [];
  let lines: Page["lines"] = [];
  const flush = (marker: Page["marker"] = null) => {
    pages.push({ index: pages.length + 1, printed: null, lines, marker });
    lines = [];
  };
  for (const raw of text.split("\n")) {
    if (/intentionally left blank/i.test(raw)) {
      flush();
      lines.push({ text: raw });
      flush("blank");
      continue;
    }
    if (/^Page \d+$/.test(raw.trim())) {
      flush();
      continue;
    }
    lines.push({ text: raw });
  }
  flush();
  return { source, kind: "text", pages };
}

let readText: ((s: string, t: string) => PageSet) | null = null;
if (existsSync(new URL("../src/ingest/read/text.ts", import.meta.url)) && !args.includes("--fallback")) {
  readText = (await import("../src/ingest/read/text.js")).readText as unknown as (s: string, t: string) => PageSet;
}

for (const f of readdirSync(corpus)
  .filter((f) => f.endsWith(".txt"))
  .sort()) {
  const stem = f.replace(/\.txt$/, "");
  if (only && !stem.startsWith(only)) continue;
  const text = readFileSync(join(corpus, f), "utf8");
  const pages = readText ? readText(f, text) : fallbackRead(f, text);
  const reports = extractReports(pages);
  const actions = extractActions(pages);
  const wp = extractWorkProgramme(pages);
  const pred = {
    schemaVersion: 1,
    source: f,
    authority: null,
    meetings: [],
    reports: reports.rows,
    actions: actions.rows,
    workProgramme: wp.rows,
  };
  writeFileSync(join(out, `${stem}.json`), JSON.stringify(pred, null, 1));
  const gold = JSON.parse(readFileSync(join(corpus, `${stem}.gold.json`), "utf8"));
  const slim = { ...gold, meetings: [], authority: null };
  writeFileSync(join(out, `${stem}.gold.json`), JSON.stringify(slim));
  const res = execFileSync(
    "node",
    [join(corpus, "../tools/score-extraction.mjs"), join(out, `${stem}.gold.json`), join(out, `${stem}.json`)],
    { encoding: "utf8" },
  );
  console.log(
    res
      .split("\n")
      .filter((l) => /^(reports|actions|workProgramme|\d{3}_|section)/.test(l))
      .join("\n"),
  );
  if (args.includes("--diff") && show) diff(show, gold[show], (pred as unknown as Record<string, Record<string, unknown>[]>)[show]);
  else if (show) {
    const g = gold[show] as unknown[];
    const p = (pred as unknown as Record<string, unknown[]>)[show];
    console.log(`--- gold ${show} (${g.length})`);
    for (const r of g) console.log(JSON.stringify(r).slice(0, 300));
    console.log(`--- pred ${show} (${p.length})`);
    for (const r of p) console.log(JSON.stringify(r).slice(0, 300));
  }
}

function diff(section: string, gold: Record<string, unknown>[], pred: Record<string, unknown>[]) {
  const words = (s: unknown) =>
    String(s ?? "")
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[\u2018\u2019']/g, "")
      .replace(/&/g, " and ")
      .replace(/[^a-z0-9]+/g, " ")
      .trim()
      .split(" ")
      .filter(Boolean);
  const overlap = (a: unknown, b: unknown) => {
    const A = new Set(words(a)),
      B = new Set(words(b));
    if (!A.size || !B.size) return A.size === B.size ? 1 : 0;
    let n = 0;
    for (const w of A) if (B.has(w)) n++;
    return n / Math.max(A.size, B.size);
  };
  const key =
    section === "reports"
      ? (g: any, p: any) => (overlap(g.title, p.title) >= 0.8 ? 1 : 0)
      : section === "actions"
        ? (g: any, p: any) => (overlap(words(g.text).slice(0, 12).join(" "), words(p.text).slice(0, 12).join(" ")) >= 0.8 ? 1 : 0)
        : (g: any, p: any) => (g.meetingDate === p.meetingDate && overlap(g.item, p.item) >= 0.8 ? 1 : 0);
  const used = new Set<number>();
  for (const g of gold) {
    const i = pred.findIndex((p, j) => !used.has(j) && key(g, p));
    if (i < 0) {
      console.log("MISSING", JSON.stringify(g).slice(0, 250));
      continue;
    }
    used.add(i);
    const p = pred[i];
    for (const f of Object.keys(g)) {
      if (["text", "item", "title"].includes(f)) continue;
      const gv = JSON.stringify(g[f]),
        pv = JSON.stringify(p[f]);
      if (gv !== pv)
        console.log(
          `  FIELD ${f}: gold=${gv?.slice(0, 120)} pred=${pv?.slice(0, 120)}  [${String((g as any).text ?? (g as any).title ?? (g as any).item).slice(0, 50)}]`,
        );
    }
  }
  pred.forEach((p, j) => {
    if (!used.has(j)) console.log("EXTRA", JSON.stringify(p).slice(0, 250));
  });
}
