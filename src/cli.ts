import { Command } from "commander";
import { reportError } from "./cli/errors.js";
import { registerStoreCommands } from "./cli/store-commands.js";
import { registerIngestCommands } from "./cli/ingest-commands.js";
import { registerCycleCommands } from "./cli/cycle-commands.js";
import { registerJobCommands } from "./cli/job-commands.js";
import { registerAuthorityCommands } from "./cli/authority-commands.js";
import { registerPostcodeCommands } from "./cli/postcode-commands.js";

const program = new Command()
  .name("moot")
  .description("Moot: committee records, agenda-pack import and a public site for councils.")
  .version("0.1.0")
  .showHelpAfterError("(run `moot --help` for usage)")
  .configureOutput({ writeErr: (s) => process.stderr.write(s) })
  .exitOverride();

registerStoreCommands(program);
registerIngestCommands(program);
registerCycleCommands(program);
registerJobCommands(program);
registerAuthorityCommands(program);
registerPostcodeCommands(program);

// `moot search … | head` closes the pipe early; that is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const e = error as { code?: string; exitCode?: number };
  if (typeof e.code === "string" && e.code.startsWith("commander.")) {
    process.exitCode = e.code === "commander.helpDisplayed" || e.code === "commander.version" ? 0 : 2;
  } else {
    process.exitCode = reportError(error);
  }
}
