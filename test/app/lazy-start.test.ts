import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url).pathname;

/**
 * Registers a module-loading hook (it runs on the loader thread) that appends every module URL
 * loaded to the file named by MODULES_LOG.
 */
const recordModules = `data:text/javascript,${encodeURIComponent(`
import { register } from "node:module";
register("data:text/javascript," + encodeURIComponent(
  'import { appendFileSync } from "node:fs";' +
  'export async function load(url, context, next) { appendFileSync(process.env.MODULES_LOG, url + "\\\\n"); return next(url, context); }'
));
`)}`;

describe("newsdesk start loads only what it uses", () => {
  it("a console bot on SQLite loads no extractor, feed parser, fetcher, PostgreSQL driver, platform library, language model or LLM client", () => {
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-lazy-"));
    const log = join(dir, "modules.txt");
    try {
      const run = spawnSync(
        process.execPath,
        ["--import", recordModules, join(root, "bin/newsdesk.js"), "start"],
        {
          input: "",
          encoding: "utf8",
          env: {
            PATH: process.env.PATH,
            DATA_DIR: dir,
            LOG_LEVEL: "silent",
            MODULES_LOG: log,
          },
          timeout: 60_000,
        },
      );
      expect(run.status, run.stderr).toBe(0);
      const loaded = readFileSync(log, "utf8");
      // The start path itself was recorded (the hook works)...
      expect(loaded).toContain("/src/app/main.");
      expect(loaded).toContain("/node_modules/better-sqlite3/");
      // ...and nothing that waits for its first use.
      for (const lazy of [
        "/node_modules/linkedom/",
        "/node_modules/@mozilla/readability/",
        "/node_modules/feedsmith/",
        "/node_modules/undici/",
        "/node_modules/pg/",
        "/node_modules/discord.js/",
        "/node_modules/@slack/bolt/",
        "/node_modules/openai/",
        // The language model (~55 MB) is the question engine's and the worker pool's, on first use.
        "/node_modules/wink-nlp/",
        "/node_modules/wink-eng-lite-web-model/",
        "/src/ingest/extract/",
        "/src/ingest/feeds/parse",
        "/src/ingest/feeds/poll",
      ]) {
        expect(loaded, lazy).not.toContain(lazy);
      }
      // Of the feed code only the shape of a feed's stored state (a zod schema) is read at start,
      // by /feeds list's status line; the parser and the poller's fetching wait for a feed.
      const feedModules = loaded.split("\n").filter((m) => m.includes("/src/ingest/feeds/"));
      expect(
        feedModules.every((m) => /\/src\/ingest\/feeds\/state\./.test(m)),
        feedModules.join(", "),
      ).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
