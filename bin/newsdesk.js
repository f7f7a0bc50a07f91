#!/usr/bin/env node
// Which code runs (ADR 54):
// - the Docker image sets NEWSDESK_USE_DIST=1 and ships only the tsc-compiled dist/ (no src/, no tsx);
// - a checkout runs dist/ when it is fresh — written by `npm install` (the prepare script,
//   scripts/transpile.mjs) and no file under src/ or commands/ changed since (a stat per file, ~2 ms),
//   because tsx's loader hooks cost 1–4 s on every call;
// - otherwise the TypeScript sources through tsx, so an edit is never shadowed by a stale build.
//   NEWSDESK_USE_SOURCE=1 forces this.
// Other entry points (worker threads) resolve relative to their importer, so they follow this choice.
import { existsSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const source = `${root}src/cli.ts`;
const compiled = `${root}dist/src/cli.js`;

/** dist/ was transpiled after the last change to any source file or folder (a deletion changes its folder). */
function distIsFresh() {
  let built;
  try {
    built = statSync(`${root}dist/.transpiled`).mtimeMs;
  } catch {
    return false;
  }
  const newer = (dir) => {
    if (statSync(dir).mtimeMs > built) return true;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() ? newer(path) : statSync(path).mtimeMs > built) return true;
    }
    return false;
  };
  return !newer(`${root}src`) && !newer(`${root}commands`);
}

let main;
if (
  existsSync(source) &&
  process.env.NEWSDESK_USE_DIST !== "1" &&
  (process.env.NEWSDESK_USE_SOURCE === "1" || !distIsFresh())
) {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import(source));
} else {
  ({ main } = await import(compiled));
}
process.exitCode = await main(process.argv.slice(2));
