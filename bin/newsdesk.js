#!/usr/bin/env node
// Runs the TypeScript sources through tsx in a development checkout (so `npx newsdesk` is never
// stale), and the compiled JavaScript in the Docker image, which ships dist/ and no tsx.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const source = `${root}src/cli.ts`;
const compiled = `${root}dist/src/cli.js`;

let main;
if (existsSync(source) && process.env.NEWSDESK_USE_DIST !== "1") {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import(source));
} else {
  ({ main } = await import(compiled));
}
process.exitCode = await main(process.argv.slice(2));
