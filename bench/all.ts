/** Runs every benchmark in turn; each prints its own table. */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

for (const name of ["search", "import", "web"]) {
  const file = `bench/${name}.ts`;
  if (!existsSync(file)) {
    console.log(`(bench/${name}.ts not present)`);
    continue;
  }
  console.log(`\n=== bench:${name}`);
  const r = spawnSync(process.execPath, ["bin/run-ts.js", file], { stdio: "inherit" });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}
