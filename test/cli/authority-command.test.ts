import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";
import { BORSETSHIRE_PACK } from "../../src/ingest/fixtures/borsetshire-pack.js";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "moot-authority-cli-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("moot authority", () => {
  it("adds, lists and renames councils; import finds them by any spelling; clashes are refused", async () => {
    const env = { MOOT_DATA_DIR: tmp() };
    const add = await runCli(
      ["authority", "add", "BORSETSHIRE COUNTY COUNCIL", "--short-name", "Borsetshire CC", "--host", "democracy.borsetshire.example"],
      env,
    );
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/Added Borsetshire County Council \(borsetshire-county-council\)/);
    expect((await runCli(["authority", "add", "Felpersham District Council", "--slug", "felpersham"], env)).code).toBe(0);

    const clash = await runCli(["authority", "add", "Borsetshire CC", "--slug", "other"], env);
    expect(clash.code).toBe(73);
    expect(clash.stderr).toMatch(/^moot: .*already names Borsetshire County Council/);
    const reserved = await runCli(["authority", "add", "Search Council", "--slug", "search"], env);
    expect(reserved.code).toBe(65);
    expect(reserved.stderr).toMatch(/slug: this word is a page of the site/);

    const rename = await runCli(["authority", "rename", "borsetshire-county-council", "--slug", "borsetshire", "--alias", "BCC"], env);
    expect(rename.code, rename.stderr).toBe(0);
    const list = await runCli(["authority", "list", "--json"], env);
    const all = JSON.parse(list.stdout) as Array<{ slug: string; name: string; hosts: string[]; aliases: string[]; shortName: string }>;
    expect(all.map((a) => [a.slug, a.name, a.hosts, a.aliases, a.shortName])).toEqual([
      ["borsetshire", "Borsetshire County Council", ["democracy.borsetshire.example"], ["BCC"], "Borsetshire CC"],
      ["felpersham", "Felpersham District Council", [], [], null],
    ]);

    // The pack prints "Borsetshire County Council": it goes to the council added above, creating none.
    const packs = tmp();
    writeFileSync(join(packs, "pack.txt"), BORSETSHIRE_PACK);
    const imported = await runCli(["import", join(packs, "pack.txt")], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).not.toMatch(/Created authority/);
    expect(JSON.parse((await runCli(["authority", "list", "--json"], env)).stdout)).toHaveLength(2);
    const search = await runCli(["search", "hedgerow", "--authority", "borsetshire"], env);
    expect(search.stdout).toMatch(/Hedgerow/);
    expect((await runCli(["search", "hedgerow", "--authority", "felpersham"], env)).stdout).toMatch(/No results/);
  });
});
