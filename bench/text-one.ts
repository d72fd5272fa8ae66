/**
 * One text measurement for bench/import.ts (d), in its own process so its peak RSS is its own:
 * decode a generated text file, readText + extract it, print the seconds spent on that.
 *
 *   node bin/run-ts.js bench/text-one.ts FILE
 */
import { readFileSync } from "node:fs";
import { extract } from "../src/ingest/extract/extract.js";
import { decodeText } from "../src/ingest/read/dispatch.js";
import { readText } from "../src/ingest/read/text.js";

const file = process.argv[2];
if (!file) throw new Error("usage: text-one.ts FILE");
const data = readFileSync(file);
const t0 = performance.now();
extract(readText(file, decodeText(file, data)));
console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000 }));
