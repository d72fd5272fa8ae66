import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { parse } from "csv-parse";
import { MootError } from "../domain/errors.js";
import { normalisePostcode, type WardPostcode } from "../domain/postcode.js";

/**
 * A postcode → ward list from CSV, for GetCouncillorsByPostcode. Two shapes are read:
 *
 * - a plain `postcode,ward` list, with or without a header row;
 * - the ONS postcode directory (ONSPD/NSPL) and its lookups, by their column names: the
 *   postcode from `pcds`/`pcd`/`pcd2`/`pcd7`/`pcd8`/`postcode`, the ward name from
 *   `ward`/`ward_name`/`WDyyNM`, or its GSS code from `osward`/`ward_code`/`WDyyCD` with a
 *   names file (`--ward-names`: `WDyyCD,WDyyNM`, as the ONS publishes them). The directory
 *   covers the whole country: `localAuthority` keeps the rows of one council (`oslaua`/
 *   `laua`/`LADyyCD`), and terminated postcodes (`doterm` set) are left out.
 *
 * Rows without a ward (the ONS's `…99999999` pseudo-codes, blank cells) are skipped and
 * counted. A malformed postcode, or one given two different wards, refuses the whole file
 * with its line numbers, before anything is stored.
 */
export interface WardPostcodeFileOptions {
  /** A GSS local-authority code (E07000…): keep only that council's rows. */
  localAuthority?: string;
  /** CSV of ward code → ward name, for files that give only codes. */
  wardNamesFile?: string;
}

export interface WardPostcodeFile {
  rows: WardPostcode[];
  skipped: number;
}

const POSTCODE_COLUMNS = [/^pcds$/, /^pcd2$/, /^pcd$/, /^pcd[78]$/, /^postcode$/, /^pcd\d*$/];
const WARD_NAME_COLUMNS = [/^ward$/, /^ward_?name$/, /^wd\d{2}nm$/];
const WARD_CODE_COLUMNS = [/^osward$/, /^ward_?code$/, /^wd\d{2}cd$/];
const LA_COLUMNS = [/^oslaua$/, /^laua$/, /^lad\d{2}cd$/, /^la_?code$/];
const GSS = /^[EWSNL]\d{8}$/;
const PSEUDO = /^[EWSNL]99999999$/;

const find = (header: string[], patterns: RegExp[]): number => {
  for (const p of patterns) {
    const i = header.findIndex((h) => p.test(h));
    if (i >= 0) return i;
  }
  return -1;
};

async function* records(file: string): AsyncGenerator<{ line: number; cells: string[] }> {
  const s = await stat(file).catch(() => null);
  if (!s?.isFile()) throw new MootError("not_found", `${file}: no such file`);
  const parser = createReadStream(file).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }),
  );
  try {
    for await (const r of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
      yield { line: r.info.lines, cells: r.record };
  } catch (e) {
    throw new MootError("bad_input", `${file}: not a readable CSV file: ${(e as Error).message}`);
  }
}

/** Ward code → name from an ONS names file (`WDyyCD,WDyyNM`, or `ward_code,ward_name`). */
async function wardNames(file: string): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  let cols: { code: number; name: number } | undefined;
  for await (const { cells } of records(file)) {
    if (!cols) {
      const header = cells.map((h) => h.toLowerCase());
      cols = { code: find(header, WARD_CODE_COLUMNS), name: find(header, WARD_NAME_COLUMNS) };
      if (cols.code < 0 || cols.name < 0)
        throw new MootError("bad_input", `${file}: a ward names file needs a code column (WDyyCD) and a name column (WDyyNM)`);
      continue;
    }
    if (cells[cols.code] && cells[cols.name]) names.set(cells[cols.code]!.toUpperCase(), cells[cols.name]!);
  }
  return names;
}

export async function readWardPostcodes(file: string, opts: WardPostcodeFileOptions = {}): Promise<WardPostcodeFile> {
  const names = opts.wardNamesFile ? await wardNames(opts.wardNamesFile) : undefined;
  const la = opts.localAuthority?.trim().toUpperCase();
  const byPostcode = new Map<string, { ward: string; line: number }>();
  const problems: string[] = [];
  let skipped = 0;
  let cols: { postcode: number; ward: number; code: number; la: number; doterm: number } | undefined;
  for await (const { line, cells } of records(file)) {
    if (!cols) {
      const header = cells.map((h) => h.toLowerCase());
      if (normalisePostcode(cells[0])) {
        cols = { postcode: 0, ward: 1, code: -1, la: -1, doterm: -1 }; // a plain list with no header
      } else {
        cols = {
          postcode: find(header, POSTCODE_COLUMNS),
          ward: find(header, WARD_NAME_COLUMNS),
          code: find(header, WARD_CODE_COLUMNS),
          la: find(header, LA_COLUMNS),
          doterm: header.indexOf("doterm"),
        };
        if (cols.postcode < 0)
          throw new MootError("bad_input", `${file}: no postcode column (pcds, pcd or postcode) in the header: ${cells.join(",")}`);
        if (cols.ward < 0 && cols.code < 0)
          throw new MootError("bad_input", `${file}: no ward column (ward, WDyyNM, or a code column osward/WDyyCD) in the header`);
        if (cols.ward < 0 && !names)
          throw new MootError("bad_input", `${file}: the file gives ward codes only; give --ward-names FILE (WDyyCD,WDyyNM) to name them`);
        if (la && cols.la < 0)
          throw new MootError("bad_input", `${file}: --local-authority needs a local authority column (oslaua, LADyyCD)`);
        continue;
      }
    }
    if (la && (cells[cols.la] ?? "").toUpperCase() !== la) continue;
    if (cols.doterm >= 0 && cells[cols.doterm]) continue; // a terminated postcode
    const rawPostcode = cells[cols.postcode] ?? "";
    const postcode = normalisePostcode(rawPostcode);
    if (!postcode) {
      problems.push(`line ${line}: "${rawPostcode}" is not a postcode`);
      continue;
    }
    let ward = cols.ward >= 0 ? (cells[cols.ward] ?? "") : "";
    const code = cols.code >= 0 ? (cells[cols.code] ?? "").toUpperCase() : "";
    if (names && (!ward || GSS.test(ward))) {
      const key = ward ? ward.toUpperCase() : code;
      ward = names.get(key) ?? "";
      if (!ward && key && !PSEUDO.test(key)) problems.push(`line ${line}: ward code ${key} is not in the ward names file`);
    }
    if (!ward || PSEUDO.test(ward)) {
      skipped++;
      continue;
    }
    if (GSS.test(ward)) {
      problems.push(`line ${line}: ward ${ward} is a code; give --ward-names FILE to name it`);
      continue;
    }
    const seen = byPostcode.get(postcode);
    if (seen && seen.ward !== ward) problems.push(`line ${line}: ${postcode} is in ${seen.ward} at line ${seen.line} and ${ward} here`);
    else if (!seen) byPostcode.set(postcode, { ward, line });
    if (problems.length >= 20) break;
  }
  if (!cols) throw new MootError("bad_input", `${file}: the file is empty`);
  if (problems.length)
    throw new MootError(
      "bad_input",
      `${file}: nothing was loaded:\n  ${problems.slice(0, 10).join("\n  ")}${problems.length > 10 ? "\n  …" : ""}`,
    );
  return { rows: [...byPostcode].map(([postcode, { ward }]) => ({ postcode, ward })), skipped };
}
