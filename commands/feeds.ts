import { type FeedInfo, UserFacingError } from "../src/app/services.js";
import { describeFilter } from "../src/digest/filter.js";
import { bullets, infoReply, type Reply, successReply } from "../src/render/reply.js";
import { FILTER_OPTIONS, filterOrExplain } from "./feed-filter-options.js";
import { notifyLabel } from "./feed-mode-options.js";
import { feedsAddAction, feedsModeAction } from "./feeds-modes.js";
import { feedsExportAction, feedsImportAction } from "./feeds-opml.js";
import { shortDate } from "./shared.js";
import { defineAction, defineGroup } from "./types.js";

/** How many of a tested feed's items the reply lists (newest first, as feeds order them). */
const TEST_ITEMS_SHOWN = 10;

const URL_OPTION = {
  name: "url",
  description: "The feed's URL (RSS, Atom or JSON Feed)",
  type: "string",
  required: true,
  maxLength: 2000,
} as const;

export const feedsCommand = defineGroup({
  name: "feeds",
  description: "Feeds whose new stories come to this channel",
  example: "/feeds add https://example.com/feed.xml (or /feeds list)",
  subcommands: [
    feedsAddAction,
    feedsModeAction,
    defineAction({
      name: "filter",
      description: "Set or clear which items of a followed feed come here (admins)",
      adminOnly: true,
      options: [
        {
          name: "feed",
          description: "The feed's URL, or part of its URL or title (see /feeds list)",
          type: "string",
          required: true,
          maxLength: 2000,
        },
        ...FILTER_OPTIONS,
      ],
      async handler(ctx, args): Promise<Reply> {
        if (args.include === undefined && args.exclude === undefined)
          throw new UserFacingError(
            "Give include:… and/or exclude:… (none clears one).",
            `Example: /feeds filter ${args.feed} include:"climate OR energy" exclude:sports — or include:none exclude:none to clear`,
          );
        filterOrExplain(args.include, args.exclude);
        const feed = await ctx.services.feeds.filter(ctx.tenant, ctx.channelId, args.feed, {
          include: args.include,
          exclude: args.exclude,
        });
        const filter = describeFilter(feed);
        return successReply(
          filter ? "Filter set" : "Filter cleared",
          filter
            ? `${feed.url}: ${filter}.\nIts items of the last week were decided again. /feeds test ${feed.url} with the same include:/exclude: shows why each item is kept or dropped.`
            : `Every item of ${feed.url} comes to this channel again.`,
        );
      },
    }),
    defineAction({
      name: "remove",
      description: "Stop following a feed in this channel (admins)",
      adminOnly: true,
      options: [URL_OPTION],
      async handler(ctx, args): Promise<Reply> {
        const removed = await ctx.services.feeds.remove(ctx.tenant, ctx.channelId, args.url);
        return removed
          ? successReply("Feed removed", `No longer following ${args.url} here.`)
          : {
              ...infoReply("Not followed", `This channel does not follow ${args.url}.`),
              footer: "Run /feeds list.",
              ephemeral: true,
            };
      },
    }),
    defineAction({
      name: "list",
      description: "Feeds this channel follows",
      adminOnly: false,
      options: [],
      async handler(ctx): Promise<Reply> {
        const feeds = await ctx.services.feeds.list(ctx.tenant, ctx.channelId);
        if (!feeds.length)
          return {
            ...infoReply("No feeds", "This channel follows no feed. Admins: /feeds add <url>."),
            ephemeral: true,
          };
        return {
          ...infoReply("Feeds in this channel", undefined, [bullets(undefined, feeds.map(feedLine))]),
          footer: "Admins: /feeds filter <feed> include:… exclude:… · /feeds remove <url>",
        };
      },
    }),
    defineAction({
      name: "test",
      description: "Fetch a feed once and show its latest items, without following it (admins)",
      adminOnly: true,
      options: [URL_OPTION, ...FILTER_OPTIONS],
      async handler(ctx, args): Promise<Reply> {
        // Checked before the fetch: a bad filter is answered at once.
        const filter = filterOrExplain(args.include, args.exclude);
        const result = await ctx.services.feeds.test(args.url);
        const shown = result.items.slice(0, TEST_ITEMS_SHOWN);
        // With a filter, each item says whether it would be kept and why.
        const why = (i: (typeof shown)[number]) =>
          filter.empty ? "" : ` (${filter.decide({ title: i.title, summary: i.summary }).reason})`;
        const count = `${result.items.length} item${result.items.length === 1 ? "" : "s"}`;
        return {
          ...infoReply(
            result.title || args.url,
            shown.length ? `${count}; the latest:` : `${count}: the feed is empty for now.`,
            shown.length
              ? [
                  bullets(
                    undefined,
                    shown.map((i) => `${i.url ? `${i.title} — ${i.url}` : i.title}${why(i)}`),
                  ),
                ]
              : [],
          ),
          // A home page given instead of its feed: say which URL to follow.
          ...(result.url ? { footer: `The feed itself is at ${result.url}; add that URL.` } : {}),
          ephemeral: true,
        };
      },
    }),
    feedsImportAction,
    feedsExportAction,
  ],
});

/** One feed of /feeds list: name, address, status, last success, last error, filter. */
function feedLine(f: FeedInfo): string {
  const parts = [`${f.title ? `${f.title} — ` : ""}${f.url}`, f.status ?? "ok"];
  if (f.lastSuccessAt) parts.push(`last read ${shortDate(f.lastSuccessAt)} UTC`);
  if (f.lastError && !f.status?.includes(f.lastError)) parts.push(`last error: ${f.lastError}`);
  const filter = describeFilter(f);
  if (filter) parts.push(filter);
  if (f.mode === "alert") parts.push(`alerts${f.notify ? `, pings ${notifyLabel(f.notify)}` : ""}`);
  return parts.join(" · ");
}
