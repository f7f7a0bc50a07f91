import { bullets, infoReply, type Reply } from "../src/render/reply.js";
import { autolinksAction } from "./autolinks.js";
import { type CommandContext, defineAction, defineGroup } from "./types.js";

/** The message shortcut / message command, where the platform has one. */
function onAMessage(platform: CommandContext["platform"]) {
  const how =
    platform === "slack"
      ? "⋯ on a message → Summarise with Newsdesk"
      : platform === "discord"
        ? "Apps on a message → Summarise"
        : undefined;
  if (!how) return [];
  return [
    bullets("On a message", [
      `${how}: briefs the links in it, shown only to you, with a button to share the brief`,
    ]),
  ];
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
        // Loaded here, not at the top: help.ts reads the registry, which lists this command.
        const { commandHelp, helpLines } = await import("./help.js");
        const form = ctx.commandForm ?? "direct";
        if (args.command) return commandHelp(args.command, form);
        const reply = infoReply(
          "Newsdesk",
          "Reads the news for your team: key points, who said what, open questions and scheduled digests.",
          [bullets("Commands", helpLines(form)), ...onAMessage(ctx.platform)],
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
