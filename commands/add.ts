import { stat } from "node:fs/promises";
import { UserFacingError } from "../src/app/services.js";
import { readTextSource } from "../src/cli/input.js";
import { briefToReply } from "../src/render/brief.js";
import type { Reply } from "../src/render/reply.js";
import { looksLikeUrl } from "./shared.js";
import { type CommandContext, defineCommand } from "./types.js";

export const ADD_TEXT_LIMIT = 6000;

export const addCommand = defineCommand({
  name: "add",
  description: "Add an article: a URL or pasted text (Slack: no text opens a form)",
  adminOnly: false,
  options: [
    {
      name: "article",
      description: "A URL, or the article text pasted in",
      type: "string",
      required: true,
      maxLength: ADD_TEXT_LIMIT,
    },
  ],
  async handler(ctx, args): Promise<Reply> {
    const input = args.article;
    const story = looksLikeUrl(input)
      ? await ctx.services.stories.addUrl(ctx.tenant, input, ctx.channelId)
      : await ctx.services.stories.addText(ctx.tenant, await textOf(ctx, input), ctx.channelId);
    const reply = briefToReply(story.brief, { storyId: story.id, url: story.url, maxKeyPoints: 3 });
    // An article about an event already in a story joins it (the same grouping as feed stories).
    reply.intro =
      story.articleCount > 1
        ? `Added to story ${story.id}, which now has ${story.articleCount} articles.`
        : `Added as story ${story.id}.`;
    return reply;
  },
});

/** Pasted text, or on the console a local file path (a single line naming an existing file). */
async function textOf(
  ctx: CommandContext,
  input: string,
): Promise<{ text: string; source: "paste" | "file" }> {
  if (ctx.allowLocalFiles && !input.includes("\n") && input.length < 1024) {
    const isFile = await stat(input).then(
      (s) => s.isFile(),
      () => false,
    );
    if (isFile) {
      try {
        return { text: await readTextSource(input, process.stdin, ctx.maxTextBytes), source: "file" };
      } catch (err) {
        throw new UserFacingError((err as Error).message, "Give a text file of the article.");
      }
    }
  }
  if (input.split(/\s+/).length < 5) {
    throw new UserFacingError(
      "That is too short to be an article.",
      ctx.allowLocalFiles
        ? "Give a URL, a file path or paste the article text."
        : "Give a URL or paste the article text.",
    );
  }
  if (Buffer.byteLength(input) > ctx.maxTextBytes) {
    throw new UserFacingError(`The text is larger than the limit of ${ctx.maxTextBytes} bytes.`);
  }
  return { text: input, source: "paste" };
}
