import type { Action, CommandDefinition, OptionSpec } from "../../../commands/types.js";

/**
 * Discord application-command JSON (https://discord.com/developers/docs/interactions/application-commands),
 * generated from the registry. `commands.json` beside this file is the committed copy that
 * `npm run register-commands` uploads and a test compares against, so drift fails CI.
 */

const CHAT_INPUT = 1;
const SUB_COMMAND = 1;
const STRING = 3;
const INTEGER = 4;
const ATTACHMENT = 11;
/** Manage Server, the permission that marks a Discord admin. */
export const MANAGE_GUILD = 1n << 5n;
/** Discord's own cap on a string option's max_length. */
const DISCORD_MAX_OPTION_LENGTH = 6000;

export interface DiscordOptionJson {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  max_length?: number;
  min_value?: number;
  max_value?: number;
  autocomplete?: boolean;
  options?: DiscordOptionJson[];
}

export interface DiscordCommandJson {
  type: number;
  name: string;
  description: string;
  options: DiscordOptionJson[];
  /** Set only when every action of the command is admin-only; mixed commands check at run time. */
  default_member_permissions?: string;
  contexts: number[];
}

function optionJson(o: OptionSpec): DiscordOptionJson {
  return {
    type: o.attachment ? ATTACHMENT : o.type === "integer" ? INTEGER : STRING,
    name: o.name,
    description: o.description.slice(0, 100),
    ...(o.required ? { required: true } : {}),
    ...(o.type === "string" && o.maxLength && !o.attachment
      ? { max_length: Math.min(o.maxLength, DISCORD_MAX_OPTION_LENGTH) }
      : {}),
    ...(o.min !== undefined ? { min_value: o.min } : {}),
    ...(o.max !== undefined ? { max_value: o.max } : {}),
    ...(o.autocomplete ? { autocomplete: true } : {}),
  };
}

/** Discord requires required options before optional ones. */
function optionsJson(action: Action): DiscordOptionJson[] {
  const sorted = [...action.options].sort((a, b) => Number(!!b.required) - Number(!!a.required));
  return sorted.map(optionJson);
}

export function discordCommandJson(registry: readonly CommandDefinition[]): DiscordCommandJson[] {
  return registry.map((def) => {
    const actions = def.kind === "leaf" ? [def] : def.subcommands;
    const allAdmin = actions.every((a) => a.adminOnly);
    return {
      type: CHAT_INPUT,
      name: def.name,
      description: def.description.slice(0, 100),
      options:
        def.kind === "leaf"
          ? optionsJson(def)
          : def.subcommands.map((s) => ({
              type: SUB_COMMAND,
              name: s.name,
              description: s.description.slice(0, 100),
              options: optionsJson(s),
            })),
      ...(allAdmin ? { default_member_permissions: MANAGE_GUILD.toString() } : {}),
      // Guild channels only: the bot's stories and settings belong to a server (tenant).
      contexts: [0],
    };
  });
}

const MESSAGE = 3;

/** The message context-menu command's name, as users see it under Apps on a message. */
export const SUMMARISE_MESSAGE_COMMAND = "Summarise";

/** A message command (type 3): a name only; Discord allows no description or options on it. */
export interface DiscordMessageCommandJson {
  type: number;
  name: string;
  contexts: number[];
}

/**
 * Everything uploaded to Discord: the slash commands of the registry, then "Summarise" in a
 * message's Apps menu (src/platforms/discord/message-command.ts answers it).
 */
export function discordApplicationCommands(
  registry: readonly CommandDefinition[],
): (DiscordCommandJson | DiscordMessageCommandJson)[] {
  return [...discordCommandJson(registry), { type: MESSAGE, name: SUMMARISE_MESSAGE_COMMAND, contexts: [0] }];
}
