import type { Platform, Services } from "../src/app/services.js";
import type { Reply } from "../src/render/reply.js";
import { type CommandForm, slashOf } from "./command-form.js";

/**
 * A platform-neutral slash command. Discord's command JSON, Slack's manifest, the Slack/console
 * text parser and the help text are all generated from these definitions, so adding an option
 * here is the only change a new option needs.
 */

export type OptionType = "string" | "integer";

export interface OptionSpec {
  readonly name: string;
  readonly description: string;
  readonly type: OptionType;
  readonly required?: boolean;
  /** Longest accepted value (characters); the limit is named in the error message. */
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
  /** Discord offers story titles while the user types. */
  readonly autocomplete?: "story";
  /**
   * In text form (Slack, console) only `name:value` sets it, never a bare word — for options
   * after a free-text one, e.g. `/digest set daily 08:00 timezone:Europe/Berlin`.
   */
  readonly namedOnly?: boolean;
  /**
   * A file: Discord offers an attachment option and hands the handler the file's URL; in text
   * form (Slack, console) the value is typed as any string (a link, pasted text, a path).
   */
  readonly attachment?: true;
}

type ValueOf<O extends OptionSpec> = O["type"] extends "integer" ? number : string;

/** The handler's argument object, typed from the option list. */
export type ArgsOf<Os extends readonly OptionSpec[]> = {
  [O in Os[number] as O["name"]]: O["required"] extends true ? ValueOf<O> : ValueOf<O> | undefined;
};

export interface CommandContext {
  platform: Platform;
  /** Discord guild, Slack team (or enterprise), or "console". */
  tenant: string;
  channelId: string;
  userId: string;
  /** Discord Manage Server or ADMIN_ROLE; Slack workspace admin/owner or ADMIN_ROLE group; always on the console. */
  isAdmin: boolean;
  services: Services;
  /** The console may read local files for /add; chat platforms never may. */
  allowLocalFiles: boolean;
  /** MAX_TEXT_BYTES: the largest article accepted. */
  maxTextBytes: number;
  /** How this workspace types commands, for help and hints (default `direct`: `/who`). */
  commandForm?: CommandForm;
}

/** One action: a whole command (`/who`) or a subcommand (`/feeds add`). */
export interface Action<Os extends readonly OptionSpec[] = readonly OptionSpec[]> {
  readonly name: string;
  readonly description: string;
  readonly adminOnly: boolean;
  readonly options: Os;
  handler(ctx: CommandContext, args: ArgsOf<Os>): Promise<Reply>;
}

export interface LeafCommand<Os extends readonly OptionSpec[] = readonly OptionSpec[]> extends Action<Os> {
  readonly kind: "leaf";
}

export interface GroupCommand {
  readonly kind: "group";
  readonly name: string;
  readonly description: string;
  /** A complete example shown when the group is typed alone (`/feeds` → `/feeds add https://…`). */
  readonly example?: string;
  /**
   * The subcommand typed text runs when its first word names no subcommand (`/stories` and
   * `/stories 5` list; `/stories remove …` removes). Discord always names the subcommand.
   */
  readonly defaultSubcommand?: string;
  // biome-ignore lint/suspicious/noExplicitAny: each subcommand has its own option tuple
  readonly subcommands: readonly Action<any>[];
}

export type CommandDefinition = LeafCommand | GroupCommand;

/** Typed constructor: infers the option tuple so the handler's args are checked. */
export function defineCommand<const Os extends readonly OptionSpec[]>(
  def: Omit<LeafCommand<Os>, "kind">,
): LeafCommand<Os> {
  return { kind: "leaf", ...def };
}

export function defineAction<const Os extends readonly OptionSpec[]>(def: Action<Os>): Action<Os> {
  return def;
}

export function defineGroup(def: Omit<GroupCommand, "kind">): GroupCommand {
  return { kind: "group", ...def };
}

/** `/feeds add <url>`-style usage line (`/newsdesk feeds add <url>` in that form), from the definition. */
export function usageOf(
  command: string,
  action: Action,
  subcommand?: string,
  form: CommandForm = "direct",
): string {
  const parts = [slashOf(command, form), ...(subcommand ? [subcommand] : [])];
  for (const o of action.options) {
    const label = o.namedOnly ? `${o.name}:…` : o.name;
    parts.push(o.required ? `<${label}>` : `[${label}]`);
  }
  return parts.join(" ");
}
