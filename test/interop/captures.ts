import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** The captured ModernGov responses in ../shared (read at test time, never copied into the repo). */
export const CAPTURES = resolve(import.meta.dirname, "../../../shared/interop/moderngov");
export const OPARL_SCHEMAS = resolve(import.meta.dirname, "../../../shared/interop/oparl/schema");
export const haveCaptures = existsSync(CAPTURES);
export const haveOparl = existsSync(OPARL_SCHEMAS);

export const capture = (name: string): string => readFileSync(join(CAPTURES, name), "utf8");
export const capturePath = (name: string): string => join(CAPTURES, name);

/** The raw GetCouncillorsByWard captures that are XML (two are error pages, kept as negative cases). */
export function councillorCaptures(): string[] {
  if (!haveCaptures) return [];
  return readdirSync(CAPTURES)
    .filter((f) => f.startsWith("CouncillorData__"))
    .sort();
}
