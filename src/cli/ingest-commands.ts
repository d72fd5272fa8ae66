import type { Command } from "commander";

/** extract, import and eval: wired once the importer lands. */
export function registerIngestCommands(_program: Command): void {}
