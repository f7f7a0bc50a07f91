import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { commandRegistry } from "../../commands/registry.js";
import { discordApplicationCommands, discordCommandJson } from "../../src/platforms/discord/command-json.js";
import { slackManifest } from "../../src/platforms/slack/manifest.js";

const root = new URL("../../", import.meta.url);
const committed = (path: string) => JSON.parse(readFileSync(new URL(path, root), "utf8"));
const regenerate = "run `npm run register-commands -- --write` and commit the result";

describe("generated platform command lists", () => {
  it(`Discord commands.json matches the registry (${regenerate})`, () => {
    expect(committed("src/platforms/discord/commands.json")).toEqual(
      discordApplicationCommands(commandRegistry),
    );
  });

  it(`Slack manifest.json matches the registry (${regenerate})`, () => {
    expect(committed("manifest.json")).toEqual(slackManifest(commandRegistry));
  });

  it(`Slack manifest.aliases.json matches the registry with aliases (${regenerate})`, () => {
    expect(committed("manifest.aliases.json")).toEqual(slackManifest(commandRegistry, { aliases: true }));
  });

  it("registers only /newsdesk on Slack by default, and every command as well with aliases", () => {
    const slash = (m: Record<string, unknown>) =>
      (m.features as { slash_commands: { command: string; usage_hint: string }[] }).slash_commands;
    const plain = slash(slackManifest(commandRegistry));
    expect(plain.map((c) => c.command)).toEqual(["/newsdesk"]);
    // The hint lists what can follow /newsdesk: every other command, then help.
    expect(plain[0]!.usage_hint).toBe(
      [...commandRegistry.filter((c) => c.name !== "newsdesk").map((c) => c.name), "help"].join(" | "),
    );
    const aliased = slash(slackManifest(commandRegistry, { aliases: true })).map((c) => c.command);
    expect(aliased).toEqual(commandRegistry.map((c) => `/${c.name}`));
    expect(new Set(aliased).size).toBe(aliased.length);
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

  it("adds Summarise to a message's Apps menu on Discord: a message command, no description or options", () => {
    const all = discordApplicationCommands(commandRegistry);
    const message = all.filter((c) => c.type === 3);
    expect(message).toEqual([{ type: 3, name: "Summarise", contexts: [0] }]);
    expect(all.filter((c) => c.type === 1)).toEqual(discordCommandJson(commandRegistry));
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
