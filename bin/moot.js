#!/usr/bin/env node
// Entry for `npx moot` and `npm start`. Runs the compiled JavaScript in dist/ (built by
// `npm install`'s prepare step, or `npm run build`), so a command starts without compiling
// TypeScript. A checkout being edited (a source newer than the build, or no build) runs
// src/ through tsx instead, so what runs is always what the sources say.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function builtAt() {
  try {
    return statSync(join(root, "dist", ".tsbuildinfo")).mtimeMs;
  } catch {
    return -1;
  }
}

function newerThan(dir, t) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() ? newerThan(p, t) : /\.tsx?$/.test(e.name) && statSync(p).mtimeMs > t) return true;
  }
  return false;
}

const built = builtAt();
if (built > 0 && !process.env.MOOT_FROM_SOURCE && !newerThan(join(root, "src"), built)) {
  await import("../dist/cli.js");
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli.ts");
}
