import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli.js";

const root = new URL("../../", import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-tty-"));
const ptyDataDir = mkdtempSync(join(tmpdir(), "newsdesk-pty-"));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(ptyDataDir, { recursive: true, force: true });
});
/** util-linux `script` runs a command on a real pseudo-terminal; without it that test is skipped. */
const hasScript = spawnSync("script", ["--version"]).status === 0;

/**
 * `newsdesk start` in process on a pretend terminal: stdin is a stream marked as a TTY, so the
 * console takes the interactive path (readline's editor, history, completion, logs to a file) —
 * with the real SQLite store in DATA_DIR. Keystrokes go in; what the terminal would show comes out.
 */
function terminalSession() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let shown = "";
  let errors = "";
  stdout.on("data", (d) => {
    shown += d;
  });
  stderr.on("data", (d) => {
    errors += d;
  });
  const env = { DATA_DIR: dataDir, LOG_LEVEL: "info", PORT: "" };
  const exit = main(["start"], { stdin, stdout, stderr, env });
  /** Waits until the screen shows `text` after what was seen so far, and returns that part. */
  let seen = 0;
  const until = async (text: string) => {
    for (let i = 0; i < 1000 && !shown.includes(text, seen); i++) await new Promise((r) => setTimeout(r, 20));
    const at = shown.indexOf(text, seen);
    expect(
      at,
      `screen shows ${JSON.stringify(text)}; it shows:\n${shown.slice(seen)}`,
    ).toBeGreaterThanOrEqual(0);
    const part = shown.slice(seen, at + text.length);
    seen = at + text.length;
    return part;
  };
  return {
    /**
     * One keystroke at a time, as a person types: readline treats several characters arriving in
     * one chunk as a paste, where Tab inserts a tab instead of completing.
     */
    type: async (keys: string) => {
      for (const key of keys.match(/\x1b\[[A-Z]|[\s\S]/g) ?? []) {
        stdin.write(key);
        await new Promise((r) => setImmediate(r));
      }
    },
    until,
    /** Ctrl+D on an empty line: the terminal's end of input. */
    end: async () => {
      stdin.end();
      return { code: await exit, errors };
    },
  };
}

const UP = "\x1b[A";
const TAB = "\t";
const ENTER = "\r";
const CLEAR_LINE = "\x15";

describe("console on a terminal", () => {
  it("completes command names, subcommands and options from the registry, and runs them", async () => {
    const t = terminalSession();
    await t.until("newsdesk> ");
    await t.type(`/stor${TAB}`);
    await t.until("/stories ");
    await t.type(ENTER);
    await t.until("No stories yet");
    await t.until("newsdesk> ");
    // Two candidates: readline lists both.
    await t.type(`/s${TAB}${TAB}`);
    await t.until("/summary");
    expect(await t.until("/stories")).not.toContain("/who");
    await t.type(CLEAR_LINE);
    await t.type(`/dig${TAB}`);
    await t.until("/digest ");
    await t.type(`se${TAB}`);
    await t.until("set ");
    await t.type(`daily 08:00 time${TAB}`);
    await t.until("timezone:");
    await t.type(CLEAR_LINE);
    await t.type(`/newsdesk he${TAB}digest${ENTER}`);
    const help = await t.until("e.g. /digest set weekdays 07:30 timezone:Europe/Berlin");
    expect(help).toContain("timezone — IANA timezone");
    const { code, errors } = await t.end();
    expect(code).toBe(0);
    // Log lines went to the log file, readable, not onto the terminal.
    expect(errors).toBe("");
    const log = readFileSync(join(dataDir, "console.log"), "utf8");
    expect(log).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} INFO {2}store opened store=sqlite location=\S+newsdesk\.db$/m,
    );
    expect(log).not.toContain('{"level"');
  });

  it("keeps the history in DATA_DIR: the next session recalls it with the up arrow", async () => {
    const history = join(dataDir, "console_history");
    expect(existsSync(history)).toBe(true);
    expect(readFileSync(history, "utf8").trim().split("\n")).toEqual(["/stories", "/newsdesk help digest"]);
    const t = terminalSession();
    await t.until("newsdesk> ");
    await t.type(UP);
    await t.until("/newsdesk help digest");
    await t.type(UP);
    await t.until("/stories");
    await t.type(ENTER);
    await t.until("No stories yet");
    const { code } = await t.end();
    expect(code).toBe(0);
    // The entry run again moves to the newest place, without a duplicate.
    expect(readFileSync(history, "utf8").trim().split("\n")).toEqual(["/newsdesk help digest", "/stories"]);
  });
});

describe("console on a real pseudo-terminal (util-linux script)", () => {
  it.skipIf(!hasScript)(
    "edits, completes and leaves on Ctrl+D; the logs stay off the screen",
    { timeout: 90_000 },
    async () => {
      const child = spawn(
        "script",
        ["-qfec", `${process.execPath} ${join(root, "bin/newsdesk.js")} start`, "/dev/null"],
        {
          env: { PATH: process.env.PATH, DATA_DIR: ptyDataDir, LOG_LEVEL: "info", TERM: "xterm" },
          stdio: ["pipe", "pipe", "pipe"],
        },
      );
      let screen = "";
      child.stdout.on("data", (d) => {
        screen += d;
      });
      const closed = new Promise<number | null>((r) => child.on("close", r));
      const until = async (text: string, from = 0) => {
        for (let i = 0; i < 3000 && !screen.includes(text, from); i++)
          await new Promise((r) => setTimeout(r, 20));
        expect(screen.slice(from), `waiting for ${JSON.stringify(text)}`).toContain(text);
        return screen.indexOf(text, from) + text.length;
      };
      const key = async (k: string) => {
        child.stdin.write(k);
        await new Promise((r) => setTimeout(r, 50));
      };
      // Keys are typed only once the prompt is up: before that the terminal is not yet in raw mode.
      let at = await until("newsdesk> ");
      for (const k of ["/", "s", "t", "o", "r", TAB]) await key(k);
      at = await until("/stories ", at);
      await key(ENTER);
      at = await until("No stories yet", at);
      at = await until("newsdesk> ", at);
      await key("\x04");
      expect(await closed).toBe(0);
      expect(screen).not.toContain('"level"');
      expect(screen).not.toContain("store opened");
      expect(readFileSync(join(ptyDataDir, "console.log"), "utf8")).toContain("INFO  store opened");
      expect(readFileSync(join(ptyDataDir, "console_history"), "utf8")).toBe("/stories\n");
    },
  );
});
