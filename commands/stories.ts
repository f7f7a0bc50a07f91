import { bullets, infoReply, type Reply } from "../src/render/reply.js";
import { shortDate } from "./shared.js";
import { defineCommand } from "./types.js";

export const storiesCommand = defineCommand({
  name: "stories",
  description: "The latest stories in this workspace",
  adminOnly: false,
  options: [{ name: "count", description: "How many (1-25, default 10)", type: "integer", min: 1, max: 25 }],
  async handler(ctx, args): Promise<Reply> {
    const stories = await ctx.services.stories.list(ctx.tenant, args.count ?? 10);
    if (!stories.length) {
      return {
        ...infoReply("No stories yet", "Add one with /add <url> or /add <pasted text>."),
        ephemeral: true,
      };
    }
    const lines = stories.map(
      (s) =>
        `${s.title || "Untitled"} — ${s.id} · ${shortDate(s.addedAt)}${s.articleCount > 1 ? ` · ${s.articleCount} articles` : ""}`,
    );
    return {
      ...infoReply("Latest stories", undefined, [bullets(undefined, lines)]),
      footer: "Use the id with /summary <id>.",
    };
  },
});
