import { briefToReply } from "../src/render/brief.js";
import { looksLikeUrl, requireStory } from "./shared.js";
import { defineCommand } from "./types.js";

export const summaryCommand = defineCommand({
  name: "summary",
  description: "Key points, quotes and open questions of a story or a URL",
  adminOnly: false,
  options: [
    {
      name: "story",
      description: "Story id, part of its title, or a URL to read (default: the latest story)",
      type: "string",
      maxLength: 2000,
      autocomplete: "story",
    },
  ],
  async handler(ctx, args) {
    const story =
      args.story && looksLikeUrl(args.story)
        ? await ctx.services.stories.addUrl(ctx.tenant, args.story, ctx.channelId)
        : await requireStory(ctx, args.story);
    return briefToReply(story.brief, { storyId: story.id, url: story.url });
  },
});
