import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { foldForMatch } from "../../src/core/text/normalise.js";
import { REFUSALS } from "../../src/ingest/classify-input.js";
import { articleFromHtml } from "../../src/ingest/load.js";
import { runCli } from "./run-cli.js";

const PAGE = new URL("../fixtures/ingest/news-article.html", import.meta.url).pathname;
const html = readFileSync(PAGE, "utf8");
const dir = mkdtempSync(join(tmpdir(), "newsdesk-bad-input-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
// The page under a .txt name too: HTML is known by its content, not its extension.
copyFileSync(PAGE, join(dir, "saved-page.txt"));
const EMPTY = file("empty.txt", "");
const BLANK = file("blank.txt", "  \n\n\t  \n");
const EMOJI = file("emoji.txt", "🤷‍♀️🤷‍♀️ 🎉🎉🎉 👍🏽 ❤️\n");
const SCHEME = `Only http and https addresses are read ("file:" is not one).`;

/** The article text readPage finds in the page: every key point must be one of its sentences. */
const extracted = articleFromHtml(html, undefined, "file").text;

describe("the command line reads HTML as a page, whatever the path", () => {
  it.each([
    ["summary of the .html file", ["summary", PAGE, "--json"], ""],
    ["summary of the page saved as .txt", ["summary", join(dir, "saved-page.txt"), "--json"], ""],
    ["summary of the page on stdin", ["summary", "-", "--json"], html],
  ])("%s", async (_name, args, stdin) => {
    const r = await runCli(args, stdin);
    expect(r.err).toBe("");
    const brief = JSON.parse(r.out) as {
      title: string;
      keyPoints: Array<{ text: string }>;
      quotes: Array<{ speaker: string | null }>;
    };
    expect(brief.keyPoints.length).toBeGreaterThan(0);
    for (const k of brief.keyPoints) {
      expect(k.text).not.toMatch(/<|doctype/i);
      expect(foldForMatch(extracted)).toContain(foldForMatch(k.text));
    }
    expect(brief.quotes.map((q) => q.speaker)).not.toContain("The Example Gazette");
    expect(brief.title).not.toMatch(/Gazette/);
  });

  it.each([
    ["who", ["who", "-", "--ask", "proud of the crews", "--json"]],
    ["ask", ["ask", "-", "--question", "When did the bridge reopen?", "--json"]],
  ])("%s reads the page on stdin too", async (_name, args) => {
    const r = await runCli(args, html);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/doctype|<html/i);
    expect(r.out).toMatch(/Ana Lopes|Tuesday/);
  });
});

describe("the command line refuses what is no article, with the message chat gives", () => {
  const cases: Array<[string, string[], string, string]> = [
    ["an empty file", ["summary", EMPTY], "", REFUSALS.empty],
    ["a whitespace-only file", ["summary", BLANK], "", REFUSALS.empty],
    ["an emoji-only file", ["summary", EMOJI], "", REFUSALS.no_letters],
    ["empty stdin", ["summary", "-"], "", REFUSALS.empty],
    ["emoji on stdin", ["summary", "-"], "🎉 🎉 🤷‍♀️", REFUSALS.no_letters],
    ["a headline on stdin", ["summary", "-"], "Bridge reopens after repairs", REFUSALS.too_short],
    ["a file: URL", ["summary", "file:///etc/passwd"], "", SCHEME],
    ["a file: URL to who", ["who", "file:///etc/passwd", "--ask", "root"], "", SCHEME],
    ["a file: URL to ask", ["ask", "file:///etc/passwd", "-q", "who?"], "", SCHEME],
    ["an ftp: URL", ["summary", "ftp://example.com/a.txt"], "", SCHEME.replace("file:", "ftp:")],
    ["emoji to who", ["who", EMOJI, "--ask", "shrug"], "", REFUSALS.no_letters],
    ["an empty file to ask", ["ask", EMPTY, "-q", "what?"], "", REFUSALS.empty],
  ];
  it.each(cases)("%s", async (_name, args, stdin, message) => {
    const r = await runCli(args, stdin);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toContain(message);
  });

  it("says so as the installed command, in a child process", async () => {
    const bin = new URL("../../bin/newsdesk.js", import.meta.url).pathname;
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, [bin, ...args], {
        env: { ...process.env, LOG_LEVEL: "silent" },
      }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const page = await run(["summary", PAGE]);
    expect(page.code).toBe(0);
    expect(page.stdout).not.toMatch(/doctype|<html/i);
    const passwd = await run(["summary", "file:///etc/passwd"]);
    expect(passwd.code).toBe(1);
    expect(passwd.stderr).toContain(SCHEME);
    expect(passwd.stderr).not.toContain("no such file");
  }, 60_000);
});
