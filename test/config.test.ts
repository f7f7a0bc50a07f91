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

  describe("DISCORD_SHARDS, WORK_LEASE_SECONDS, DIGEST_TICK_SECONDS", () => {
    it.each([
      ["", "auto"],
      ["auto", "auto"],
      ["0/2", { ids: [0], count: 2 }],
      ["1/2", { ids: [1], count: 2 }],
      ["0-3/8", { ids: [0, 1, 2, 3], count: 8 }],
      ["4, 6-7/8", { ids: [4, 6, 7], count: 8 }],
    ])("reads DISCORD_SHARDS=%j", (value, expected) => {
      expect(loadConfig({ DISCORD_SHARDS: value }).DISCORD_SHARDS).toEqual(expected);
    });

    it.each([
      ["2/2", /below the count/],
      ["1", /auto or <shard ids>\/<shard count>/],
      ["a/2", /auto or/],
      ["3-1/4", /below the count/],
      ["0/0", /1 to 4096/],
    ])("refuses DISCORD_SHARDS=%j with examples", (value, message) => {
      expect(() => loadConfig({ DISCORD_SHARDS: value })).toThrow(message);
      expect(() => loadConfig({ DISCORD_SHARDS: value })).toThrow(/0\/2 and 1\/2/);
    });

    it("has leases of at most a minute and a 20 s tick by default, both adjustable", () => {
      expect(loadConfig({})).toMatchObject({ WORK_LEASE_SECONDS: 60, DIGEST_TICK_SECONDS: 20 });
      expect(loadConfig({ WORK_LEASE_SECONDS: "15", DIGEST_TICK_SECONDS: "2" })).toMatchObject({
        WORK_LEASE_SECONDS: 15,
        DIGEST_TICK_SECONDS: 2,
      });
      expect(() => loadConfig({ WORK_LEASE_SECONDS: "1" })).toThrow(/WORK_LEASE_SECONDS.*5 to 3600/);
    });
  });
});
