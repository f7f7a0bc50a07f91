import type { FeedInfo } from "../src/app/services.js";
import { describeFilter } from "../src/digest/filter.js";
import { type Reply, successReply } from "../src/render/reply.js";
import { FILTER_OPTIONS, filterOrExplain } from "./feed-filter-options.js";
import {
  BACKFILL_OPTION,
  followOptions,
  MODE_OPTION,
  modeSentence,
  NOTIFY_OPTION,
} from "./feed-mode-options.js";
import { defineAction } from "./types.js";

/** `/feeds add <url> [mode:alert] [backfill:3] [notify:@role]`. */
export const feedsAddAction = defineAction({
  name: "add",
  description: "Follow a feed in this channel (admins)",
  adminOnly: true,
  options: [
    {
      name: "url",
      description: "The feed's URL (RSS, Atom or JSON Feed)",
      type: "string",
      required: true,
      maxLength: 2000,
    },
    MODE_OPTION,
    BACKFILL_OPTION,
    NOTIFY_OPTION,
    ...FILTER_OPTIONS,
  ],
  async handler(ctx, args): Promise<Reply> {
    // Checked before the feed is read: a bad filter is answered at once.
    filterOrExplain(args.include, args.exclude);
    const options = { ...followOptions(ctx, args), include: args.include, exclude: args.exclude };
    const feed = await ctx.services.feeds.add(ctx.tenant, ctx.channelId, args.url, options);
    const filter = describeFilter(feed);
    const following = [
      `Following ${feed.title ? `“${feed.title}” ` : ""}${feed.url} in this channel. ${modeSentence(feed)}`,
      ...(filter ? [`Filter: ${filter}.`] : []),
      ...firstPollSentence(feed),
    ].join("\n");
    if (!feed.status || feed.status === "ok") return successReply("Feed added", following);
    // Followed anyway: the failure may pass, and the poller keeps trying.
    return successReply(
      "Feed added",
      `${following}\nBut ${feed.status}; Newsdesk will keep trying (/feeds list shows how it goes).`,
    );
  },
});

/** `/feeds mode <feed> <alert|digest> [notify:…]`: switch an existing subscription. */
export const feedsModeAction = defineAction({
  name: "mode",
  description: "Switch a followed feed between digest and alert mode (admins)",
  adminOnly: true,
  options: [
    {
      name: "feed",
      description: "The feed's URL or title, as /feeds list shows it",
      type: "string",
      required: true,
      maxLength: 2000,
    },
    { ...MODE_OPTION, required: true, namedOnly: false },
    NOTIFY_OPTION,
  ],
  async handler(ctx, args): Promise<Reply> {
    const options = followOptions(ctx, args);
    const feed = await ctx.services.feeds.setMode(ctx.tenant, ctx.channelId, args.feed, options);
    if (!feed)
      return {
        ...successReply("Not followed", `This channel follows no feed "${args.feed}".`),
        tone: "error",
        footer: "Run /feeds list to see the feeds and their URLs.",
      };
    return successReply(
      "Feed mode",
      `${feed.title ? `“${feed.title}” ` : ""}${feed.url}: ${modeSentence(feed)}`,
    );
  },
});

/** What the first poll of `/feeds add` filed (it runs before the reply, within a time budget). */
function firstPollSentence(feed: FeedInfo): string[] {
  if (feed.filed === "later")
    return ["Its current items are still being read; /stories shows them in a moment."];
  if (feed.filed === undefined) return [];
  return [
    feed.filed
      ? `${feed.filed} of its current items ${feed.filed === 1 ? "is" : "are"} in /stories now.`
      : "None of its current items is new here or passes the filter.",
  ];
}
