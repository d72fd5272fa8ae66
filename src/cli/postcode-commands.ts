import type { Command } from "commander";
import { MootError } from "../domain/errors.js";
import { withStore } from "./store-commands.js";

interface PostcodeOptions {
  authority?: string;
  localAuthority?: string;
  wardNames?: string;
}

/**
 * `moot postcodes import FILE`: the postcode → ward list behind ModernGov's
 * GetCouncillorsByPostcode, from the ONS postcode directory or a plain postcode,ward CSV.
 */
export function registerPostcodeCommands(program: Command): void {
  const postcodes = program.command("postcodes").description("which ward each postcode is in (for finding a councillor by postcode)");
  postcodes
    .command("import")
    .description("load a postcode,ward CSV or the ONS postcode directory; replaces the council's list (postcodes left out are removed)")
    .argument("<file>", "CSV: postcode,ward, or ONSPD/NSPL columns (pcds, osward or WDyyNM, oslaua, doterm)")
    .option("--authority <slug>", "the council (needed when more than one is stored)")
    .option("--local-authority <code>", "keep only rows of this GSS local authority code (E07000…), for the national directory")
    .option("--ward-names <file>", "CSV of ward code → name (WDyyCD,WDyyNM) when the file gives ward codes only")
    .action((file: string, opts: PostcodeOptions) =>
      withStore(async (store) => {
        const { authorityBySlug, listAuthorities } = await import("../store/authorities.js");
        const { readWardPostcodes } = await import("../ingest/ward-postcodes.js");
        const { replaceWardPostcodes } = await import("../store/queries/ward-postcodes.js");
        const { councillorsWithProfiles } = await import("../store/queries/interop-members.js");
        const { Scope } = await import("../store/records.js");
        let authority = opts.authority ? await authorityBySlug(store, opts.authority) : undefined;
        if (opts.authority && !authority) throw new MootError("not_found", `no authority "${opts.authority}"`);
        if (!authority) {
          const all = await listAuthorities(store);
          if (all.length !== 1) throw new MootError("invalid", "more than one council is stored: give --authority SLUG");
          authority = all[0]!;
        }
        const read = await readWardPostcodes(file, { localAuthority: opts.localAuthority, wardNamesFile: opts.wardNames });
        if (!read.rows.length)
          throw new MootError("bad_input", `${file}: no postcodes with a ward${opts.localAuthority ? ` in ${opts.localAuthority}` : ""}`);
        const changes = await replaceWardPostcodes(new Scope(store, authority.id, "import:postcodes"), read.rows);
        console.log(
          `${authority.name}: ${read.rows.length} postcodes in ${new Set(read.rows.map((r) => r.ward)).size} wards (${changes.added} added, ${changes.changed} moved ward, ${changes.removed} removed, ${changes.unchanged} unchanged; ${read.skipped} rows without a ward skipped)`,
        );
        // Postcodes find councillors by ward name: say which wards would find nobody.
        const { normaliseWard } = await import("../domain/postcode.js");
        const known = new Set(
          (await councillorsWithProfiles(store, authority.id)).flatMap((m) => (m.person.ward ? [normaliseWard(m.person.ward)] : [])),
        );
        const unmatched = [...new Set(read.rows.map((r) => r.ward))].filter((w) => !known.has(normaliseWard(w))).sort();
        if (unmatched.length)
          console.error(
            `moot: ${unmatched.length} ward(s) in the file have no councillor with that ward: ${unmatched.slice(0, 10).join("; ")}${unmatched.length > 10 ? "; …" : ""}`,
          );
      }),
    );
}
