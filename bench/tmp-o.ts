import { readFileSync } from "node:fs";
import { readPack } from "../src/ingest/pipeline.js";
for (const f of process.argv.slice(2)) {
  const t = performance.now();
  const s = await readPack(f);
  console.log("==", f, ((performance.now() - t) / 1000).toFixed(1), "s", s.warnings);
  for (const p of s.pages) { console.log("-- page", p.index, JSON.stringify(p.ocr)); for (const l of p.lines.slice(0, 12)) console.log("  ", l.text.slice(0, 120)); }
}
