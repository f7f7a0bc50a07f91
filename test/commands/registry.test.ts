import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { commandRegistry } from "../../commands/registry.js";
import { discordCommandJson } from "../../src/platforms/discord/command-json.js";
import { slackManifest } from "../../src/platforms/slack/manifest.js";

const root = new URL("../../", import.meta.url);
const committed = (path: string) => JSON.parse(readFileSync(new URL(path, root), "utf8"));
const regenerate = "run `npm run register-commands -- --write` and commit the result";

describe("generated platform command lists", () => {
  it(`Discord commands.json matches the registry (${regenerate})`, () => {
    expect(committed("src/platforms/discord/commands.json")).toEqual(discordCommandJson(commandRegistry));
  });

  it(`Slack manifest.json matches the registry (${regenerate})`, () => {
    expect(committed("manifest.json")).toEqual(slackManifest(commandRegistry));
  });

  it("names every command the issue asks for", () => {
    expect(commandRegistry.map((c) => c.name)).toEqual([
      "summary",
      "who",
      "ask",
      "quotes",
      "questions",
      "add",
      "stories",
      "feeds",
      "digest",
      "newsdesk",
    ]);
  });

  it("stays within Discord's rules for command JSON", () => {
    const name = /^[-_\p{Ll}\p{N}]{1,32}$/u;
    const check = (o: { name: string; description: string; options?: { required?: boolean }[] }) => {
      expect(o.name).toMatch(name);
      expect(o.description.length).toBeGreaterThan(0);
      expect(o.description.length).toBeLessThanOrEqual(100);
      const opts = o.options ?? [];
      expect(opts.length).toBeLessThanOrEqual(25);
      const firstOptional = opts.findIndex((x) => !x.required);
      if (firstOptional >= 0) expect(opts.slice(firstOptional).some((x) => x.required)).toBe(false);
    };
    for (const cmd of discordCommandJson(commandRegistry)) {
      check(cmd);
      for (const o of cmd.options) check(o);
    }
  });

  it("marks admin-only actions as the issue says", () => {
    const admin: string[] = [];
    for (const def of commandRegistry) {
      const actions = def.kind === "leaf" ? [def] : def.subcommands;
      for (const a of actions)
        if (a.adminOnly) admin.push(def.kind === "leaf" ? def.name : `${def.name} ${a.name}`);
    }
    expect(admin).toEqual([
      "stories remove",
      "feeds add",
      "feeds mode",
      "feeds filter",
      "feeds remove",
      "feeds test",
      "feeds import",
      "digest set",
      "digest now",
      "digest off",
      "digest mute",
      "digest unmute",
      // Issue 15: auto-briefs of posted links are opt-in per channel, by an admin.
      "newsdesk autolinks",
    ]);
  });
});
