import { formatQuote } from "../src/render/brief.js";
import { bullets, infoReply, type Reply } from "../src/render/reply.js";
import { requireStory, STORY_OPTION } from "./shared.js";
import { defineCommand } from "./types.js";

/** Quotation marks a user put around the fragment (straight, curly, guillemets), at either end. */
const QUOTE_MARKS_AROUND = /^["'“”‘’«»„]+|["'“”‘’«»„]+$/g;

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
    { ...STORY_OPTION, description: "Story id or part of its title (default: all stories)", namedOnly: true },
  ],
  async handler(ctx, args): Promise<Reply> {
    const story = args.story ? await requireStory(ctx, args.story) : undefined;
    const matches = await ctx.services.qa.whoSaid(ctx.tenant, args.quote, story?.id);
    const nearest = matches[0]?.closest ? matches[0] : undefined;
    if (!matches.length || nearest) {
      // The fragment is quoted once here, whether or not the user typed it in quotation marks.
      const asked = args.quote.replace(QUOTE_MARKS_AROUND, "");
      const reply = infoReply(
        "No quote matches",
        story
          ? `“${story.title}” has no quote close to “${asked}”.`
          : `No story has a quote close to “${asked}”.`,
      );
      if (nearest) {
        reply.sections.push(
          bullets("The closest quote (not a match)", [
            `${formatQuote(nearest)} (in “${nearest.storyTitle}”)`,
          ]),
        );
      }
      return {
        ...reply,
        footer: "Try a few other words from the quote, or /quotes to list a story's quotes.",
        ephemeral: true,
      };
    }
    const [best, ...others] = matches;
    const sure = best!.speakerConfidence === "high";
    const reply = infoReply(
      best!.speaker ? `${sure ? "" : "Probably "}${best!.speaker} said it` : "The speaker is not named",
      `${formatQuote(best!)} (in “${best!.storyTitle}”)`,
    );
    if (best!.speaker && !sure) {
      reply.sections.push({
        style: "paragraphs",
        items: ["The article does not name the speaker beside the quote; this is the likeliest reading."],
      });
    }
    if (others.length) {
      reply.sections.push(
        bullets(
          "Other close matches",
          others.slice(0, 3).map((m) => `${formatQuote(m)} (in “${m.storyTitle}”)`),
        ),
      );
    }
    reply.footer = `story ${best!.storyId}`;
    return reply;
  },
});
