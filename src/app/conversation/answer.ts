import { type ExecuteHooks, executeCommand } from "../../../commands/run.js";
import type { CommandContext, CommandDefinition } from "../../../commands/types.js";
import { briefToReply } from "../../render/brief.js";
import { bullets, errorReply, infoReply, type Reply } from "../../render/reply.js";
import { briefLinks } from "../services/link-briefs.js";
import { type FollowUp, readFollowUp } from "./follow-up.js";
import { linksIn, wordsOf } from "./message-text.js";

/** A message that mentions the bot, or a reply in a thread the bot posted stories in. */
export interface ConversationMessage {
  /** As the platform delivered it (mentions and link markup included). */
  text: string;
  /** The stories of the thread (or of the message it replies to), in the order shown; [] outside one. */
  threadStories: string[];
}

export interface ConversationAnswer {
  replies: Reply[];
  /** The stories the replies brief, in order: the thread is about these from now on. */
  briefed: string[];
}

/**
 * Answers a message to the bot with the same engines and replies as the slash commands: links are
 * briefed like /add; "who said …", questions, "more" and "what changed?" are answered about the
 * thread's story first (a digest's item when the reply names its number), then about the
 * tenant's recent stories, exactly as /who and /ask would.
 */
export async function answerMessage(
  ctx: CommandContext,
  registry: readonly CommandDefinition[],
  message: ConversationMessage,
  hooks: ExecuteHooks = {},
): Promise<ConversationAnswer> {
  if (linksIn(message.text).length) {
    const briefs = await briefLinks(ctx, message.text, {
      onError: (err, url) => hooks.onError?.(err, { command: "add", options: { article: url } }),
    });
    return {
      replies: briefs.map((b) => b.reply),
      briefed: briefs.flatMap((b) => (b.storyId ? [b.storyId] : [])),
    };
  }
  const ask = readFollowUp(wordsOf(message.text));
  const picked = pickStories(message.threadStories, ask);
  if ("error" in picked) return { replies: [picked.error], briefed: [] };
  const run = (command: string, options: Record<string, string | undefined>) =>
    executeCommand(ctx, registry, { command, options }, hooks);
  const { stories } = picked;
  switch (ask.kind) {
    case "help":
      return { replies: [helpReply(message.threadStories.length)], briefed: [] };
    case "more":
    case "changed": {
      if (stories.length > 1) return { replies: [await whichOne(ctx, stories, ask.kind)], briefed: [] };
      if (ask.kind === "more") return { replies: [await run("summary", { story: stories[0] })], briefed: [] };
      return { replies: [await whatChanged(ctx, stories[0])], briefed: [] };
    }
    case "who": {
      // The thread's stories first, best match among them; none matching: every recent story.
      let best: { storyId: string; score: number } | undefined;
      for (const id of stories) {
        const [m] = (await ctx.services.qa.whoSaid(ctx.tenant, ask.quote, id)).filter((x) => !x.closest);
        if (m && (!best || m.score > best.score)) best = { storyId: id, score: m.score };
      }
      return { replies: [await run("who", { quote: ask.quote, story: best?.storyId })], briefed: [] };
    }
    case "ask": {
      for (const id of stories) {
        if ((await ctx.services.qa.ask(ctx.tenant, ask.question, id)).answer)
          return { replies: [await run("ask", { question: ask.question, story: id })], briefed: [] };
      }
      return { replies: [await run("ask", { question: ask.question })], briefed: [] };
    }
  }
}

/** The thread's stories a follow-up is about: the numbered item, or all of them. */
function pickStories(threadStories: string[], ask: FollowUp): { stories: string[] } | { error: Reply } {
  if (ask.item === undefined) return { stories: threadStories };
  const id = threadStories[ask.item - 1];
  if (id) return { stories: [id] };
  return {
    error: errorReply(
      threadStories.length > 1
        ? `This thread has items 1 to ${threadStories.length}; there is no item ${ask.item}.`
        : `This thread is not a digest with numbered items, so "${ask.item}" names no story.`,
      threadStories.length > 1 ? `Reply e.g. "2 more" or "2 who said …".` : `Ask without the number.`,
    ),
  };
}

async function whichOne(ctx: CommandContext, ids: string[], kind: "more" | "changed"): Promise<Reply> {
  const titles: string[] = [];
  for (const [i, id] of ids.entries()) {
    const story = await ctx.services.stories.resolve(ctx.tenant, id);
    titles.push(`${i + 1}. ${story?.title ?? `story ${id}`}`);
  }
  const word = kind === "more" ? "more" : "what changed?";
  return {
    ...infoReply(
      "Which story?",
      `This digest has ${ids.length} stories: reply with its number, e.g. "${word} 2".`,
      [{ style: "paragraphs", items: titles }],
    ),
    ephemeral: true,
  };
}

/** The story as it stands now: how many articles it has and its current key points. */
async function whatChanged(ctx: CommandContext, id: string | undefined): Promise<Reply> {
  const story = await ctx.services.stories.resolve(ctx.tenant, id);
  if (!story) return errorReply("There are no stories yet.", "Add one with /add <url>.");
  const reply = briefToReply(story.brief, { storyId: story.id, url: story.url, maxKeyPoints: 5 });
  reply.intro =
    story.articleCount > 1
      ? `Story ${story.id} now has ${story.articleCount} articles; what it says as of now:`
      : `Story ${story.id} has one article, so nothing has changed since it was added; what it says:`;
  return reply;
}

function helpReply(threadStories: number): Reply {
  const forms = [
    "@Newsdesk <link> — the brief of the article, in a thread",
    `@Newsdesk who said "we are close" — who said it${threadStories ? " (this thread's story first)" : ""}`,
    "@Newsdesk how long will the pause last? — an answer from the story, with its sentences",
    "@Newsdesk more — the full brief; @Newsdesk what changed? — the story as it stands now",
  ];
  if (threadStories > 1) forms.push("In a digest's thread, a number names the item: @Newsdesk 2 more");
  return {
    ...infoReply("Ask me about the news", undefined, [bullets("You can write", forms)]),
    ephemeral: true,
  };
}
