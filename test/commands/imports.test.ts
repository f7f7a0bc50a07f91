import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const dir = new URL("../../commands/", import.meta.url);
const sources = readdirSync(dir)
  .filter((f) => f.endsWith(".ts"))
  .map((file) => ({ file, text: readFileSync(new URL(file, dir), "utf8") }));
/** Every module specifier of a source: static and type imports, re-exports and dynamic imports. */
const specifiers = (text: string) =>
  [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((m) => m[1]!);

describe("the command layer's imports", () => {
  it("reads every command file", () => {
    expect(sources.map((s) => s.file)).toEqual(expect.arrayContaining(["add.ts", "registry.ts", "run.ts"]));
    // The pattern sees this layer's real imports, so a passing check below means something.
    expect(specifiers(sources.find((s) => s.file === "add.ts")!.text)).toContain(
      "../src/ingest/local-input.js",
    );
  });

  // The CLI is one front end of the commands, not a library for them: shared I/O lives in src/ingest.
  it.each(sources.map((s) => [s.file, s.text]))("%s imports nothing from src/cli", (_file, text) => {
    const fromCli = specifiers(text).filter((spec) => /(^|\/)src\/cli(\/|\.js$)/.test(spec));
    expect(fromCli).toEqual([]);
  });
});
