import { bullets, infoReply, type Reply, successReply } from "../src/render/reply.js";
import { shortDate } from "./shared.js";
import { defineAction, defineGroup } from "./types.js";

export const storiesCommand = defineGroup({
  name: "stories",
  description: "The latest stories in this workspace",
  example: "/stories list 5 (or /stories remove <story id>)",
  defaultSubcommand: "list",
  subcommands: [
    defineAction({
      name: "list",
      description: "The latest stories (typed as text, /stories alone lists them too)",
      adminOnly: false,
      options: [
        { name: "count", description: "How many (1-25, default 10)", type: "integer", min: 1, max: 25 },
      ],
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
    }),
    defineAction({
      name: "remove",
      description: "Take a story out of digests and lists; it stays stored (admins)",
      adminOnly: true,
      options: [
        {
          name: "story",
          description: "The story's id (or the first characters of it), as /stories shows",
          type: "string",
          required: true,
          maxLength: 200,
          autocomplete: "story",
        },
      ],
      async handler(ctx, args): Promise<Reply> {
        const story = await ctx.services.stories.remove(ctx.tenant, args.story);
        return successReply(
          "Story removed",
          `“${story.title || "Untitled"}” (${story.id}) no longer appears in digests or /stories.`,
        );
      },
    }),
  ],
});
