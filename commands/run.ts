import { UserFacingError } from "../src/app/services.js";
import { errorReply, type Reply } from "../src/render/reply.js";
import { type CommandForm, replyInCommandForm, slashOf, TOP_LEVEL_COMMAND } from "./command-form.js";
import type { Action, CommandContext, CommandDefinition, OptionSpec } from "./types.js";
import { usageOf } from "./types.js";

/** A command as a platform delivered it: names plus raw option values. */
export interface Invocation {
  command: string;
  subcommand?: string;
  options: Record<string, string | number | boolean | undefined>;
}

export type Outcome = "ok" | "user_error" | "denied" | "error";

export interface ExecuteHooks {
  /** Unexpected failures: logged by the caller; the user sees a generic message. */
  onError?(err: unknown, invocation: Invocation): void;
  onDone?(name: string, outcome: Outcome, ms: number): void;
}

/** Finds the action a (command, subcommand) pair names, or explains what exists. */
export function findAction(
  registry: readonly CommandDefinition[],
  command: string,
  subcommand: string | undefined,
  form: CommandForm = "direct",
): { action: Action; usage: string } | { error: string; hint?: string } {
  const def = registry.find((c) => c.name === command);
  if (!def) return { error: `Unknown command /${command}.`, hint: "Run /newsdesk help for the list." };
  if (def.kind === "leaf") return { action: def, usage: usageOf(def.name, def, undefined, form) };
  const names = def.subcommands.map((s) => s.name).join(", ");
  subcommand ??= def.defaultSubcommand;
  const slash = slashOf(command, form);
  if (!subcommand)
    return {
      error: `${slash} needs one of: ${names}.`,
      hint: `Example: ${def.example ?? `/${command} ${def.subcommands[0]?.name}`}`,
    };
  const action = def.subcommands.find((s) => s.name === subcommand);
  if (!action) {
    // `/newsdesk <word>` reaches every command (parse.ts), so all of them are what it has.
    const all =
      command === TOP_LEVEL_COMMAND
        ? [...registry.filter((c) => c.name !== command).map((c) => c.name), names].join(", ")
        : names;
    return {
      error: `${slash} has no "${subcommand}"; use one of: ${all}.`,
      hint: `Run ${slashOf(TOP_LEVEL_COMMAND)} help for what each does.`,
    };
  }
  return { action, usage: usageOf(def.name, action, subcommand, form) };
}

/** Checks and converts raw option values against the spec; returns an error message or the args. */
export function validateOptions(
  specs: readonly OptionSpec[],
  raw: Invocation["options"],
  usage: string,
): { args: Record<string, string | number | undefined> } | { error: string; hint: string } {
  const args: Record<string, string | number | undefined> = {};
  for (const spec of specs) {
    let value = raw[spec.name];
    if (typeof value === "string") value = value.trim();
    if (value === undefined || value === "" || value === false) {
      if (spec.required) {
        // A description may end in its own "?" or ".": no second stop after it.
        const what = /[.?!]$/.test(spec.description) ? spec.description : `${spec.description}.`;
        return { error: `Missing ${spec.name}: ${what}`, hint: `Usage: ${usage}` };
      }
      args[spec.name] = undefined;
      continue;
    }
    if (spec.type === "integer") {
      const n = typeof value === "number" ? value : Number(value);
      if (!Number.isInteger(n))
        return { error: `${spec.name} must be a whole number, got "${value}".`, hint: `Usage: ${usage}` };
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        return {
          error: `${spec.name} must be from ${spec.min ?? "-∞"} to ${spec.max ?? "∞"}, got ${n}.`,
          hint: `Usage: ${usage}`,
        };
      }
      args[spec.name] = n;
      continue;
    }
    const text = String(value);
    if (spec.maxLength !== undefined && text.length > spec.maxLength) {
      return {
        error: `${spec.name} is too long: ${text.length} characters, the limit is ${spec.maxLength}.`,
        hint: "Shorten it and try again.",
      };
    }
    args[spec.name] = text;
  }
  if (typeof raw._extra === "string") {
    return { error: `Unexpected text "${raw._extra.slice(0, 80)}".`, hint: `Usage: ${usage}` };
  }
  const unknown = Object.keys(raw).filter((k) => raw[k] !== undefined && !specs.some((s) => s.name === k));
  if (unknown.length) return { error: `Unknown option ${unknown.join(", ")}.`, hint: `Usage: ${usage}` };
  return { args };
}

/**
 * Runs one invocation to a Reply. Never throws: bad input, a denied admin action and a failing
 * service each become a private reply saying what to do, so no platform adapter can crash on them.
 */
export async function executeCommand(
  ctx: CommandContext,
  registry: readonly CommandDefinition[],
  invocation: Invocation,
  hooks: ExecuteHooks = {},
): Promise<Reply> {
  const started = performance.now();
  const name = invocation.subcommand ? `${invocation.command} ${invocation.subcommand}` : invocation.command;
  const form = ctx.commandForm ?? "direct";
  const names = registry.map((c) => c.name);
  const done = (outcome: Outcome, reply: Reply) => {
    hooks.onDone?.(name, outcome, performance.now() - started);
    // Hints name commands as `/stories`; a Slack workspace without aliases types `/newsdesk stories`.
    return replyInCommandForm(reply, names, form);
  };
  const found = findAction(registry, invocation.command, invocation.subcommand, form);
  if ("error" in found) return done("user_error", errorReply(found.error, found.hint));
  const { action, usage } = found;
  if (action.adminOnly && !ctx.isAdmin) {
    return done(
      "denied",
      errorReply(
        `/${name} changes settings for everyone, so only admins may use it.`,
        "Ask someone with Manage Server (Discord), a workspace admin (Slack) or the configured admin role.",
      ),
    );
  }
  const checked = validateOptions(action.options, invocation.options, usage);
  if ("error" in checked) return done("user_error", errorReply(checked.error, checked.hint));
  try {
    // validateOptions produced exactly the shape ArgsOf<typeof action.options> describes.
    const reply = await action.handler(ctx, checked.args as never);
    return done(reply.tone === "error" ? "user_error" : "ok", reply);
  } catch (err) {
    if (err instanceof UserFacingError) return done("user_error", errorReply(err.message, err.hint));
    hooks.onError?.(err, invocation);
    return done(
      "error",
      errorReply(
        `Something went wrong while running /${name}.`,
        "Try again in a moment; if it keeps failing, tell an admin.",
      ),
    );
  }
}
