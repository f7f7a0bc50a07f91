import { describe, expect, it } from "vitest";
import { commandExamples } from "../../commands/examples.js";
import { parseCommandText } from "../../commands/parse.js";
import { commandRegistry } from "../../commands/registry.js";
import { executeCommand } from "../../commands/run.js";
import type { Action } from "../../commands/types.js";
import { renderText } from "../../src/render/text.js";
import { contextFor } from "./helpers.js";

interface Entry {
  key: string;
  command: string;
  subcommand: string | undefined;
  action: Action;
}
const actions: Entry[] = commandRegistry.flatMap((def): Entry[] =>
  def.kind === "leaf"
    ? [{ key: def.name, command: def.name, subcommand: undefined, action: def }]
    : def.subcommands.map((sub) => ({
        key: `${def.name} ${sub.name}`,
        command: def.name,
        subcommand: sub.name,
        action: sub,
      })),
);

async function help(text: string): Promise<string> {
  const reply = await executeCommand(
    await contextFor({}, {}),
    commandRegistry,
    parseCommandText(commandRegistry, "newsdesk", `help ${text}`),
  );
  return renderText(reply);
}

describe("/newsdesk help <command>", () => {
  it("has examples for exactly the actions the registry has", () => {
    expect(Object.keys(commandExamples).sort()).toEqual(actions.map((a) => a.key).sort());
  });

  for (const { key, command, subcommand, action } of actions) {
    it(`examples of /${key} parse to that action, with its required options and no words left over`, () => {
      for (const example of commandExamples[key]!) {
        const [, name, rest] = /^\/(\S+)\s*(.*)$/.exec(example)!;
        const parsed = parseCommandText(commandRegistry, name!, rest!);
        expect(parsed.command, example).toBe(command);
        expect(parsed.subcommand, example).toBe(subcommand);
        expect(parsed.options._extra, example).toBeUndefined();
        for (const o of action.options.filter((o) => o.required))
          expect(parsed.options[o.name], `${example}: ${o.name}`).toBeDefined();
      }
    });
  }

  it("explains a group's subcommands with each option's description and examples", async () => {
    const text = await help("digest");
    expect(text).toContain(
      "/digest set [schedule] [timezone:…] [stories:…] [layout:…] [sections:…] — Post a digest here on a schedule, and choose what it shows (admins)",
    );
    expect(text).toMatch(
      /timezone — IANA timezone, e.g. Europe\/Berlin .*\(optional, only as timezone:value\)/,
    );
    expect(text).toContain("e.g. /digest set weekdays 07:30 timezone:Europe/Berlin");
    expect(text).toContain("/digest show — Show this channel's digest schedule");
    expect(text).not.toContain("/feeds");
  });

  it("takes the name with or without its slash, and integer ranges are shown", async () => {
    const text = await help("/stories");
    expect(text).toMatch(
      /count — How many \(1-25, default 10\) \(optional, or count:value, a whole number 1–25\)/,
    );
  });

  it("names the commands there are when asked about one that is not", async () => {
    const text = await help("frobnicate");
    expect(text).toContain("There is no /frobnicate command.");
    expect(text).toContain("/summary, /who, /ask");
  });

  it("without a command still lists them all, and says how to ask about one", async () => {
    const text = await help("");
    for (const def of commandRegistry) expect(text).toContain(`/${def.name}`);
    expect(text).toContain("/newsdesk help <command> explains one");
    // The console has no mentions or threads: only chat platforms say how to talk to the bot.
    expect(text).not.toContain("Talk to it");
  });

  it("on Slack and Discord also says how to talk to it in threads", async () => {
    for (const platform of ["slack", "discord"] as const) {
      const reply = await executeCommand(
        await contextFor({ platform }, {}),
        commandRegistry,
        parseCommandText(commandRegistry, "newsdesk", "help"),
      );
      const text = renderText(reply);
      expect(text).toContain("Talk to it");
      expect(text).toContain("2 more");
    }
  });
});
