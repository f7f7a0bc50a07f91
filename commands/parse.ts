import { TOP_LEVEL_COMMAND } from "./command-form.js";
import type { Invocation } from "./run.js";
import type { CommandDefinition, OptionSpec } from "./types.js";

/**
 * `/newsdesk who it's looking tough` is `/who it's looking tough`: the first word after the
 * top-level command names any other command, and the rest of the line is that command's text.
 * `/newsdesk` alone is `/newsdesk help`; `/newsdesk help …` stays the help subcommand.
 */
export function resolveTopLevel(
  registry: readonly CommandDefinition[],
  command: string,
  text: string,
): { command: string; text: string } {
  if (command !== TOP_LEVEL_COMMAND) return { command, text };
  const match = /^\/?(\S+)\s*([\s\S]*)$/.exec(text.trim());
  if (!match) return { command, text: "help" };
  const word = match[1]!.toLowerCase();
  if (word !== TOP_LEVEL_COMMAND && registry.some((c) => c.name === word)) {
    return { command: word, text: match[2]! };
  }
  return { command, text };
}

/**
 * Turns `/feeds add https://…` typed as text (Slack slash commands, the console) into an
 * Invocation. Rules, the same for every command: a group's first word is the subcommand;
 * `name:value` (or `name="two words"`) sets any option by name; the remaining words fill the
 * other options in order, and the last of them takes the rest of the text as typed — so
 * `/who it's looking tough` needs no quotes.
 */
export function parseCommandText(
  registry: readonly CommandDefinition[],
  command: string,
  text: string,
): Invocation {
  ({ command, text } = resolveTopLevel(registry, command, text));
  const def = registry.find((c) => c.name === command);
  let rest = text.trim();
  if (!def) return { command, options: {} };
  let subcommand: string | undefined;
  let specs: readonly OptionSpec[] = [];
  if (def.kind === "group") {
    const match = /^(\S+)\s*([\s\S]*)$/.exec(rest);
    const named = match && def.subcommands.some((s) => s.name === match[1]!.toLowerCase());
    if (match && (named || !def.defaultSubcommand)) {
      subcommand = match[1]!.toLowerCase();
      rest = match[2]!;
    } else subcommand = def.defaultSubcommand;
    specs = def.subcommands.find((s) => s.name === subcommand)?.options ?? [];
  } else {
    specs = def.options;
  }
  const options: Invocation["options"] = {};
  for (const spec of specs) {
    const named = new RegExp(`(^|\\s)${spec.name}[:=](?:"([^"]*)"|(\\S+))`, "i").exec(rest);
    if (named) {
      options[spec.name] = named[2] ?? named[3];
      rest = `${rest.slice(0, named.index)} ${rest.slice(named.index + named[0].length)}`.trim();
    }
  }
  const positional = specs.filter((s) => !s.namedOnly && options[s.name] === undefined);
  positional.forEach((spec, i) => {
    if (!rest) return;
    if (i === positional.length - 1) {
      options[spec.name] = rest;
      rest = "";
      return;
    }
    const match = /^(\S+)\s*([\s\S]*)$/.exec(rest)!;
    options[spec.name] = match[1];
    rest = match[2]!;
  });
  // Words left over when a command takes no free text are an error, not silently dropped.
  if (rest) options._extra = rest;
  return { command, subcommand, options };
}
