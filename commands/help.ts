/** What `/newsdesk help` says, generated from the registry. */
import { bullets, errorReply, infoReply, type Reply, type ReplySection } from "../src/render/reply.js";
import { type CommandForm, inCommandForm, slashOf } from "./command-form.js";
import { commandExamples } from "./examples.js";
// newsdesk.ts (listed in the registry) loads this module only when help is asked for, so there is
// no import cycle whichever module is loaded first.
import { commandRegistry } from "./registry.js";
import { type Action, type CommandDefinition, usageOf } from "./types.js";

/**
 * Every command with its usage, generated from the registry so it can never go stale; written the
 * way the workspace types them (`/who …`, or `/newsdesk who …` on Slack without aliases).
 */
export function helpLines(form: CommandForm = "direct"): string[] {
  const lines: string[] = [];
  for (const def of commandRegistry) {
    if (def.kind === "leaf") lines.push(`${usageOf(def.name, def, undefined, form)} — ${def.description}`);
    else
      for (const sub of def.subcommands)
        lines.push(`${usageOf(def.name, sub, sub.name, form)} — ${sub.description}`);
  }
  return lines;
}

/** One action's usage, each option with its description and how to set it, and examples. */
function actionSection(
  def: CommandDefinition,
  action: Action,
  subcommand: string | undefined,
  form: CommandForm,
): ReplySection {
  const key = subcommand ? `${def.name} ${subcommand}` : def.name;
  const options = action.options.map((o) => {
    const how = [
      o.required ? "required" : "optional",
      o.namedOnly ? `only as ${o.name}:value` : `or ${o.name}:value`,
      ...(o.type === "integer" ? [`a whole number${o.min !== undefined ? ` ${o.min}–${o.max}` : ""}`] : []),
    ];
    return `${o.name} — ${o.description} (${how.join(", ")})`;
  });
  const names = commandRegistry.map((c) => c.name);
  const examples = (commandExamples[key] ?? []).map((e) => `e.g. ${inCommandForm(e, names, form)}`);
  return bullets(`${usageOf(def.name, action, subcommand, form)} — ${action.description}`, [
    ...(options.length ? options : ["no options"]),
    ...examples,
  ]);
}

/** `/newsdesk help <command>`: that command's actions, options and examples. */
export function commandHelp(name: string, form: CommandForm = "direct"): Reply {
  // `help who`, `help /who` and `help /newsdesk who` all mean /who.
  const wanted = name
    .trim()
    .replace(/^\/?newsdesk\s+(?=\S)/i, "")
    .replace(/^\//, "")
    .toLowerCase();
  const def = commandRegistry.find((c) => c.name === wanted);
  if (!def) {
    return errorReply(
      `There is no /${wanted} command.`,
      `Commands: ${commandRegistry.map((c) => `/${c.name}`).join(", ")}`,
    );
  }
  const sections =
    def.kind === "leaf"
      ? [actionSection(def, def, undefined, form)]
      : def.subcommands.map((sub) => actionSection(def, sub, sub.name, form));
  const reply = infoReply(slashOf(def.name, form), def.description, sections);
  reply.ephemeral = true;
  return reply;
}
