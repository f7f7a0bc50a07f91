import { stat } from "node:fs/promises";
import { type AddedStory, UserFacingError } from "../src/app/services.js";
import { classifyInput, FEED_NOT_ARTICLE, type InputClass } from "../src/ingest/classify-input.js";
import { classifyBytes, formatBytes, readSourceBytes } from "../src/ingest/local-input.js";
import { briefToReply } from "../src/render/brief.js";
import type { Reply } from "../src/render/reply.js";
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
    const input = await inputOf(ctx, args.article);
    const { stories } = ctx.services;
    const story =
      input.kind === "url"
        ? await stories.addUrl(ctx.tenant, input.url, ctx.channelId)
        : input.kind === "html"
          ? await stories.addHtml(ctx.tenant, { html: input.html, source: input.source }, ctx.channelId)
          : await stories.addText(ctx.tenant, { text: input.text, source: input.source }, ctx.channelId);
    return addedReply(story);
  },
});

/** What /add answers for a story it added (also a mention's or an auto-brief's reply to a link). */
export function addedReply(story: AddedStory): Reply {
  const reply = briefToReply(story.brief, { storyId: story.id, url: story.url, maxKeyPoints: 3 });
  // An article about an event already in a story joins it (the same grouping as feed stories);
  // the same article again is not filed twice.
  reply.intro = story.alreadyIn
    ? `Already in story ${story.id}${story.removedAt ? " (removed from digests and lists)" : ""}: nothing was added again.`
    : story.articleCount > 1
      ? `Added to story ${story.id}, which now has ${story.articleCount} articles.`
      : `Added as story ${story.id}.`;
  return reply;
}

type AddInput =
  | { kind: "url"; url: string }
  | { kind: "html"; html: string; source: "paste" | "file" }
  | { kind: "text"; text: string; source: "paste" | "file" };

/**
 * What was given, by the check every path makes (classify-input.ts): a URL, a web page (pasted,
 * or on the console a file), article text; anything else is refused with the message the CLI
 * gives for the same input. On the console a single line naming an existing file is that file.
 */
async function inputOf(ctx: CommandContext, given: string): Promise<AddInput> {
  const hint = ctx.allowLocalFiles
    ? "Give a URL, a file path or paste the article text."
    : "Give a URL or paste the article text.";
  let input: InputClass;
  let source: "paste" | "file" = "paste";
  const path = given.trim();
  if (ctx.allowLocalFiles && !path.includes("\n") && path.length < 1024 && (await isFile(path))) {
    source = "file";
    try {
      input = classifyBytes(await readSourceBytes(path, process.stdin, ctx.maxTextBytes), path);
    } catch (err) {
      throw new UserFacingError((err as Error).message, "Give a text or HTML file of the article.");
    }
  } else input = classifyInput(given);
  switch (input.kind) {
    case "refused":
      throw new UserFacingError(
        input.message,
        input.reason === "scheme" ? "Give an http:// or https:// link." : hint,
      );
    case "feed":
      throw new UserFacingError(FEED_NOT_ARTICLE);
    case "url":
      return input;
    case "html":
      return { kind: "html", html: input.html, source };
    case "text":
      if (Buffer.byteLength(input.text) > ctx.maxTextBytes) {
        throw new UserFacingError(`The text is larger than the limit of ${formatBytes(ctx.maxTextBytes)}.`);
      }
      return { kind: "text", text: input.text, source };
  }
}

const isFile = (path: string) =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
