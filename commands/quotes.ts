import { formatQuote } from "../src/render/brief.js";
import { bullets, infoReply, type Reply } from "../src/render/reply.js";
import { requireStory, STORY_OPTION } from "./shared.js";
import { defineCommand } from "./types.js";

export const quotesCommand = defineCommand({
  name: "quotes",
  description: "Quotes in a story, optionally only those of one speaker",
  adminOnly: false,
  options: [
    { name: "speaker", description: "Name or description of the speaker", type: "string", maxLength: 200 },
    { ...STORY_OPTION, namedOnly: true },
  ],
  async handler(ctx, args): Promise<Reply> {
    const story = await requireStory(ctx, args.story);
    const quotes = await ctx.services.qa.quotesBy(ctx.tenant, args.speaker, story.id);
    if (!quotes.length) {
      const who = args.speaker ? ` by "${args.speaker}"` : "";
      return {
        ...infoReply("No quotes", `“${story.title}” has no quotes${who}.`),
        footer: "Run /quotes without a speaker to see every quote of the story.",
        ephemeral: true,
      };
    }
    const reply = infoReply(`Quotes in “${story.title}”`, undefined, [
      bullets(
        args.speaker ? `By ${args.speaker}` : undefined,
        quotes.slice(0, 15).map((q) => formatQuote(q)),
      ),
    ]);
    reply.footer = `story ${story.id}${quotes.length > 15 ? ` · ${quotes.length - 15} more not shown` : ""}`;
    return reply;
  },
});
