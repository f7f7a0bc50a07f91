import { bullets, errorReply, infoReply, type Reply, type ReplySection } from "../src/render/reply.js";
import { autolinksAction } from "./autolinks.js";
import { commandExamples } from "./examples.js";
// The registry lists this command too; the import is only read inside the handler, after both
// modules have loaded, so the cycle is harmless.
import { commandRegistry } from "./registry.js";
import { type Action, type CommandDefinition, defineAction, defineGroup, usageOf } from "./types.js";

/** Every command with its usage, generated from the registry so it can never go stale. */
export function helpLines(): string[] {
  const lines: string[] = [];
  for (const def of commandRegistry) {
    if (def.kind === "leaf") lines.push(`${usageOf(def.name, def)} — ${def.description}`);
    else
      for (const sub of def.subcommands)
        lines.push(`${usageOf(def.name, sub, sub.name)} — ${sub.description}`);
  }
  return lines;
}

/** One action's usage, each option with its description and how to set it, and examples. */
function actionSection(def: CommandDefinition, action: Action, subcommand?: string): ReplySection {
  const key = subcommand ? `${def.name} ${subcommand}` : def.name;
  const options = action.options.map((o) => {
    const how = [
      o.required ? "required" : "optional",
      o.namedOnly ? `only as ${o.name}:value` : `or ${o.name}:value`,
      ...(o.type === "integer" ? [`a whole number${o.min !== undefined ? ` ${o.min}–${o.max}` : ""}`] : []),
    ];
    return `${o.name} — ${o.description} (${how.join(", ")})`;
  });
  const examples = (commandExamples[key] ?? []).map((e) => `e.g. ${e}`);
  return bullets(`${usageOf(def.name, action, subcommand)} — ${action.description}`, [
    ...(options.length ? options : ["no options"]),
    ...examples,
  ]);
}

/** `/newsdesk help <command>`: that command's actions, options and examples. */
export function commandHelp(name: string): Reply {
  const wanted = name.trim().replace(/^\//, "").toLowerCase();
  const def = commandRegistry.find((c) => c.name === wanted);
  if (!def) {
    return errorReply(
      `There is no /${wanted} command.`,
      `Commands: ${commandRegistry.map((c) => `/${c.name}`).join(", ")}`,
    );
  }
  const sections =
    def.kind === "leaf"
      ? [actionSection(def, def)]
      : def.subcommands.map((sub) => actionSection(def, sub, sub.name));
  const reply = infoReply(`/${def.name}`, def.description, sections);
  reply.ephemeral = true;
  return reply;
}

export const newsdeskCommand = defineGroup({
  name: "newsdesk",
  description: "About Newsdesk",
  subcommands: [
    defineAction({
      name: "help",
      description: "What Newsdesk can do and how to ask",
      adminOnly: false,
      options: [
        {
          name: "command",
          description: "A command to explain with its options and examples, e.g. digest",
          type: "string",
          maxLength: 40,
        },
      ],
      async handler(ctx, args): Promise<Reply> {
        if (args.command) return commandHelp(args.command);
        const reply = infoReply(
          "Newsdesk",
          "Reads the news for your team: key points, who said what, open questions and scheduled digests.",
          [bullets("Commands", helpLines())],
        );
        if (ctx.platform !== "console")
          reply.sections.push(
            bullets("Talk to it", [
              "@Newsdesk <link> — the brief of the article, as a reply",
              '@Newsdesk who said "…" or a question in a brief\'s thread — answered about that story',
              "In a digest's thread: 2 more, 2 who said …?, what changed?",
            ]),
          );
        reply.footer =
          ctx.platform === "discord"
            ? "Options are filled in Discord's command form. /newsdesk help <command> explains one."
            : "Set an option by name with name:value, e.g. /ask what happened? story:ab12. /newsdesk help <command> explains one.";
        reply.ephemeral = true;
        return reply;
      },
    }),
    autolinksAction,
  ],
});
