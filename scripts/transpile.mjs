#!/usr/bin/env node
/**
 * `npm install`/`npm ci` (the `prepare` script) and `npm run transpile`: compiles src/ and
 * commands/ to dist/ so `bin/newsdesk.js` can run plain JavaScript instead of loading every module
 * through tsx's loader hooks (1.4–4 s per call → well under a second). Type-stripping only, one file
 * at a time (TypeScript's transpileModule; the tsconfig has isolatedModules, so that is sound): no
 * type check, which `npm run typecheck` does — a type error must not make `npm ci` fail.
 *
 * Freshness: dist/.transpiled is stamped with the time this run *started* (a file edited while it
 * runs is newer than the stamp), and only once every file is written. bin/newsdesk.js uses dist/
 * only while no file under src/ or commands/ is newer than the stamp; see ADR 54.
 *
 * It does nothing, successfully, where there is nothing to compile or no compiler: the Docker deps
 * stage (no src/ yet), `npm ci --omit=dev` (no typescript).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dirs = ["src", "commands"];
const stamp = join(root, "dist/.transpiled");

function* tsFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(path);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) yield path;
  }
}

let ts;
try {
  ts = (await import("typescript")).default;
} catch {
  process.exit(0);
}
try {
  readdirSync(join(root, "src"));
} catch {
  process.exit(0);
}

const started = new Date();
rmSync(stamp, { force: true });
const compilerOptions = {
  target: ts.ScriptTarget.ES2022,
  // ESNext keeps the import statements as written (with their .js specifiers): this is an ES module
  // package, and transpileModule cannot look up package.json "type" the way NodeNext would.
  module: ts.ModuleKind.ESNext,
  verbatimModuleSyntax: true,
  sourceMap: false,
};
let count = 0;
for (const dir of dirs) {
  for (const file of tsFiles(join(root, dir))) {
    const out = join(root, "dist", relative(root, file)).replace(/\.ts$/, ".js");
    const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), {
      compilerOptions,
      fileName: file,
    });
    mkdirSync(dirname(out), { recursive: true });
    // Write then rename: a CLI starting meanwhile never imports a half-written module.
    writeFileSync(`${out}.tmp`, outputText);
    renameSync(`${out}.tmp`, out);
    count++;
  }
}
const pending = `${stamp}.tmp`;
writeFileSync(pending, `${count} files\n`);
const { utimesSync } = await import("node:fs");
utimesSync(pending, started, started);
renameSync(pending, stamp);
if (!process.argv.includes("--quiet")) console.log(`transpiled ${count} files to dist/`);
