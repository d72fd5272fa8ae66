#!/usr/bin/env node
// Entry for `npx moot` and `npm start`: runs the TypeScript CLI through tsx, no build step.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
