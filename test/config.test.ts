import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, configKeys, loadConfig } from "../src/config.js";

describe("config", () => {
  it(".env.example lists exactly the variables the config reads", () => {
    const example = readFileSync(new URL("../.env.example", import.meta.url), "utf8");
    const keys = example
      .split("\n")
      .map((l) => l.match(/^([A-Z0-9_]+)=/)?.[1])
      .filter((k): k is string => Boolean(k));
    expect([...keys].sort()).toEqual([...configKeys].sort());
  });

  it("starts with no variables at all (console mode defaults)", () => {
    const cfg = loadConfig({});
    expect(cfg.DATA_DIR).toBe("./data");
    expect(cfg.DEFAULT_TIMEZONE).toBe("UTC");
    expect(cfg.MAX_TEXT_BYTES).toBe(2 * 1024 * 1024);
    expect(cfg.OPENAI_API_KEY).toBeUndefined();
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ OPENAI_API_KEY: "", PORT: "" }).OPENAI_API_KEY).toBeUndefined();
  });

  it("lists every problem at once", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "http", DEFAULT_TIMEZONE: "Mars/Olympus", DIGEST_POST_EMPTY: "maybe" });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DEFAULT_TIMEZONE.*Europe\/Berlin/);
    expect(problems).toMatch(/DIGEST_POST_EMPTY/);
  });

  it("checks that platform settings come in working combinations", () => {
    expect(() => loadConfig({ DISCORD_TOKEN: "x" })).toThrow(/DISCORD_APP_ID/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: "xoxb" })).toThrow(/SLACK_APP_TOKEN or SLACK_SIGNING_SECRET/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/postgres/);
    // OAuth needs its three settings together, and a way to receive events; every gap is named.
    const oauth = () => loadConfig({ SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "s" });
    expect(oauth).toThrow(/SLACK_STATE_SECRET: required for Slack multi-workspace installs/);
    expect(oauth).toThrow(/SLACK_APP_TOKEN or SLACK_SIGNING_SECRET: one is required for Slack OAuth/);
    expect(() =>
      loadConfig({
        SLACK_CLIENT_ID: "1.2",
        SLACK_CLIENT_SECRET: "s",
        SLACK_STATE_SECRET: "t",
        SLACK_APP_TOKEN: "xapp",
      }),
    ).not.toThrow();
  });
});
