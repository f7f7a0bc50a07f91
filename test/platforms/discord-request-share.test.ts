import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { globalRequestShare } from "../../src/platforms/discord/shards.js";

describe("each instance's share of the bot's global Discord limit", () => {
  it.each([
    // [DISCORD_SHARDS, DISCORD_REQUESTS_PER_SECOND, share]
    ["auto", "50", 50],
    ["", "50", 50],
    ["0/1", "50", 50],
    ["0/2", "50", 25],
    ["1/2", "50", 25],
    ["0-2/4", "50", 37],
    ["3/4", "50", 12],
    ["5/100", "50", 1],
    ["0/2", "1200", 600],
  ])("DISCORD_SHARDS=%s with a limit of %s/s → %i/s", (shards, limit, share) => {
    const config = loadConfig({ DISCORD_SHARDS: shards, DISCORD_REQUESTS_PER_SECOND: limit });
    expect(globalRequestShare(config.DISCORD_REQUESTS_PER_SECOND, config.DISCORD_SHARDS)).toBe(share);
  });

  it("defaults to Discord's 50 per second and refuses a limit below 1", () => {
    expect(loadConfig({}).DISCORD_REQUESTS_PER_SECOND).toBe(50);
    expect(() => loadConfig({ DISCORD_REQUESTS_PER_SECOND: "0" })).toThrow(/DISCORD_REQUESTS_PER_SECOND/);
  });
});
