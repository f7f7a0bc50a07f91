import { addedReply } from "../../../commands/add.js";
import type { CommandContext } from "../../../commands/types.js";
import { classifyAddress } from "../../ingest/classify-input.js";
import { errorReply, type Reply } from "../../render/reply.js";
import { linksIn, MAX_LINKS_PER_MESSAGE } from "../conversation/message-text.js";
import { UserFacingError } from "../services.js";

/** One link of a message and what the bot says about it. */
export interface LinkBrief {
  url: string;
  reply: Reply;
  /** The story the link was filed in; absent when it could not be read. */
  storyId?: string;
}

export interface LinkBriefOptions {
  /** At most this many links are briefed (default MAX_LINKS_PER_MESSAGE). */
  maxLinks?: number;
  /**
   * Auto-briefs: a link that is no readable article (a home page, a video, a login wall) gets no
   * reply at all rather than an error in the channel.
   */
  quiet?: boolean;
  /** Told about failures that are not the user's (logged by the adapter). */
  onError?(err: unknown, url: string): void;
}

/**
 * Briefs the links of a message for `ctx`'s tenant and channel, as /add would: each is fetched only
 * through the SSRF-checked fetcher /add uses (StoryService.addUrl), filed into a story (joining
 * one about the same event) and answered with /add's reply. Shared by mentions, auto-briefs and
 * message shortcuts. Links beyond `maxLinks` are named in a note on the last reply.
 */
export async function briefLinks(
  ctx: CommandContext,
  text: string,
  options: LinkBriefOptions = {},
): Promise<LinkBrief[]> {
  const max = options.maxLinks ?? MAX_LINKS_PER_MESSAGE;
  const all = linksIn(text).filter((u) => classifyAddress(u)?.kind === "url");
  const briefs: LinkBrief[] = [];
  for (const url of all.slice(0, max)) {
    try {
      const story = await ctx.services.stories.addUrl(ctx.tenant, url, ctx.channelId);
      briefs.push({ url, reply: { ...addedReply(story), ephemeral: false }, storyId: story.id });
    } catch (err) {
      if (!(err instanceof UserFacingError)) options.onError?.(err, url);
      if (options.quiet) continue;
      briefs.push({
        url,
        reply:
          err instanceof UserFacingError
            ? errorReply(err.message, err.hint)
            : errorReply(`Something went wrong while reading ${url}.`, "Try again in a moment, or use /add."),
      });
    }
  }
  const last = briefs.at(-1);
  if (last && all.length > max && !options.quiet) {
    const skipped = all.length - max;
    const note = `Briefed the first ${max} links; ${skipped} more ${skipped === 1 ? "was" : "were"} left out. Use /add for each.`;
    last.reply = { ...last.reply, footer: last.reply.footer ? `${last.reply.footer} · ${note}` : note };
  }
  return briefs;
}
