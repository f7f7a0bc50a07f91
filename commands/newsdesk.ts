import { bullets, infoReply, type Reply } from "../src/render/reply.js";
// The registry lists this command too; the import is only read inside the handler, after both
// modules have loaded, so the cycle is harmless.
import { commandRegistry } from "./registry.js";
import { defineAction, defineGroup, usageOf } from "./types.js";

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

export const newsdeskCommand = defineGroup({
  name: "newsdesk",
  description: "About Newsdesk",
  subcommands: [
    defineAction({
      name: "help",
      description: "What Newsdesk can do and how to ask",
      adminOnly: false,
      options: [],
      async handler(ctx): Promise<Reply> {
        const reply = infoReply(
          "Newsdesk",
          "Reads the news for your team: key points, who said what, open questions and scheduled digests.",
          [bullets("Commands", helpLines())],
        );
        reply.footer =
          ctx.platform === "discord"
            ? "Options are filled in Discord's command form."
            : "Set an option by name with name:value, e.g. /ask what happened? story:ab12";
        reply.ephemeral = true;
        return reply;
      },
    }),
  ],
});
