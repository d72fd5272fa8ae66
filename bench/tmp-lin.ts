import { readFileSync } from "node:fs";
import { readText } from "../src/ingest/read/text.js";
import { extract } from "../src/ingest/extract/extract.js";
const base = readFileSync("/work/shared/corpus/000_cf1486c306a55721.txt", "utf8");
for (const mb of [0.5, 1, 2]) {
  const n = Math.ceil((mb * 1e6) / base.length);
  const text = Array.from({ length: n }, () => base).join("\n\f");
  let t = performance.now();
  const set = readText("x.txt", text);
  const tr = performance.now() - t;
  t = performance.now();
  extract(set);
  console.log(mb, "MB read", tr.toFixed(0), "ms extract", (performance.now() - t).toFixed(0), "ms");
}
