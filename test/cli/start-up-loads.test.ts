import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url).pathname;

// Preloaded into the CLI process: at exit it prints the CommonJS modules loaded (every package a
// module imports that is CommonJS passes through this cache, ES module importers included).
const listLoaded =
  'data:text/javascript,import{createRequire}from"node:module";const{cache}=createRequire(process.cwd()+"/");process.on("exit",()=>process.stderr.write("\\nloaded "+JSON.stringify(Object.keys(cache))+"\\n"))';

/** The packages (and wink model files) a whole `newsdesk …` process loaded, from the sources. */
function loadedBy(args: string[]) {
  const r = spawnSync(process.execPath, ["--import", listLoaded, `${root}bin/newsdesk.js`, ...args], {
    cwd: root,
    encoding: "utf8",
    // The sources through tsx: what is checked is the code as written, whatever the state of dist/.
    env: { PATH: process.env.PATH, NEWSDESK_USE_SOURCE: "1", LOG_LEVEL: "warn" },
  });
  const files: string[] = JSON.parse(/loaded (.*)/.exec(r.stderr)?.[1] ?? "[]");
  const packages = new Set(files.flatMap((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1] ?? []));
  return { status: r.status, stdout: r.stdout, packages, files };
}

describe("what a `newsdesk` process loads (start-up time, ADR 54)", () => {
  it("summary of a text file loads the engine's libraries and none of the bot's, the LLM's, the fetcher's or the logger's", () => {
    const run = loadedBy(["summary", "test/fixtures/biden-netanyahu-cnn.txt"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^# /m);
    // The check sees real loads: the tagger and its model are there.
    expect([...run.packages]).toEqual(expect.arrayContaining(["wink-nlp", "wink-eng-lite-web-model"]));
    for (const unneeded of [
      "pino",
      "iconv-lite",
      "undici",
      "discord.js",
      "@slack/bolt",
      "better-sqlite3",
      "prom-client",
      "@mozilla/readability",
    ]) {
      expect(run.packages, unneeded).not.toContain(unneeded);
    }
    // wink's lemmatiser and its WordNet exception lists load only when a lemma is asked for.
    expect(run.files.filter((f) => /wink-eng-lite-web-model\/dist\/(lemmatize|wn-)/.test(f))).toEqual([]);
  });

  it("answers a subcommand's --help without loading its module's libraries", () => {
    for (const command of ["extract", "feed", "digest", "summary"]) {
      const run = loadedBy([command, "--help"]);
      expect([command, run.status, run.stdout.startsWith(`Usage: newsdesk ${command}`)]).toEqual([
        command,
        0,
        true,
      ]);
      expect([command, [...run.packages].filter((p) => !/^(tsx|esbuild|get-tsconfig)$/.test(p))]).toEqual([
        command,
        [],
      ]);
    }
  });
});
