import { formatQuote } from "../src/render/brief.js";
import { bullets, infoReply, type Reply } from "../src/render/reply.js";
import { defineCommand } from "./types.js";

export const whoCommand = defineCommand({
  name: "who",
  description: "Who said it? Finds the speaker of a quote fragment",
  adminOnly: false,
  options: [
    {
      name: "quote",
      description: "A fragment of the quote, as you remember it",
      type: "string",
      required: true,
      maxLength: 500,
    },
  ],
  async handler(ctx, args): Promise<Reply> {
    const matches = await ctx.services.qa.whoSaid(ctx.tenant, args.quote);
    if (!matches.length) {
      return {
        ...infoReply("No quote matches", `No story has a quote close to "${args.quote}".`),
        footer: "Try a few other words from the quote, or /quotes to list a story's quotes.",
        ephemeral: true,
      };
    }
    const [best, ...others] = matches;
    const reply = infoReply(
      best!.speaker ? `${best!.speaker} said it` : "The speaker is not named",
      `${formatQuote(best!.quote, best!.speaker, best!.role)} (in “${best!.storyTitle}”)`,
    );
    if (others.length) {
      reply.sections.push(
        bullets(
          "Other close matches",
          others.slice(0, 3).map((m) => `${formatQuote(m.quote, m.speaker, m.role)} (in “${m.storyTitle}”)`),
        ),
      );
    }
    reply.footer = `story ${best!.storyId}`;
    return reply;
  },
});
