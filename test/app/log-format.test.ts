import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { formatLogLine, logDestination } from "../../src/app/log-format.js";
import { createLogger } from "../../src/app/logger.js";

const time = Date.UTC(2026, 0, 2, 12, 4, 5, 123);

describe("readable log lines", () => {
  it("puts time, level and message first, then the fields, quoting values with spaces", () => {
    const line = JSON.stringify({
      level: 30,
      time,
      app: "newsdesk",
      msg: "store opened",
      store: "sqlite",
      where: "a b",
    });
    expect(formatLogLine(line)).toBe('12:04:05.123 INFO  store opened store=sqlite where="a b"\n');
  });

  it("shows an error's message, and its stack only at debug level", () => {
    const err = { type: "Error", message: "boom", stack: "Error: boom\n    at x (y.js:1:1)" };
    expect(formatLogLine(JSON.stringify({ level: 50, time, msg: "failed", err }))).toBe(
      "12:04:05.123 ERROR failed err=boom\n",
    );
    expect(formatLogLine(JSON.stringify({ level: 20, time, msg: "start failed", err }))).toBe(
      "12:04:05.123 DEBUG start failed err=boom\nError: boom\n    at x (y.js:1:1)\n",
    );
  });

  it("goes through the real logger with its redaction intact", () => {
    const out = new PassThrough();
    let text = "";
    out.on("data", (d) => {
      text += d;
    });
    const logger = createLogger("info", logDestination({ format: "pretty", stderr: out }));
    logger.info({ config: { DISCORD_TOKEN: "secret-token" }, guilds: 2 }, "discord: ready");
    expect(text).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} INFO {2}discord: ready config=\{"DISCORD_TOKEN":"\[redacted\]"\} guilds=2\n$/,
    );
    expect(text).not.toContain("secret-token");
  });

  it("stays JSON (pino's own destination) off a terminal unless asked", () => {
    const notTty = new PassThrough();
    expect(logDestination({ format: "auto", stderr: notTty })).toBeUndefined();
    expect(
      logDestination({ format: "json", stderr: Object.assign(new PassThrough(), { isTTY: true }) }),
    ).toBeUndefined();
    expect(
      logDestination({ format: "auto", stderr: Object.assign(new PassThrough(), { isTTY: true }) }),
    ).toBeDefined();
  });
});
