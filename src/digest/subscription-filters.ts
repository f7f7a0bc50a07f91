import type { Article } from "../core/types.js";
import type { FeedSubscriber, FilteredItem } from "../store/types.js";
import { cachedFilter, FilterError } from "./filter.js";

export interface FeedItemDecision {
  /** False when every channel following the feed dropped the item: it is not filed at all. */
  keep: boolean;
  /** One row per subscription that dropped it, with the reason (recorded for the digest query). */
  dropped: FilteredItem[];
}

/**
 * Decides a new feed item for each channel that follows the feed: its subscription's include and
 * exclude, and the channel's mute list, on the item's title and text. A feed nobody follows (yet)
 * keeps everything. A stored filter that no longer compiles (the limits changed) keeps the item
 * rather than silently hiding a channel's news.
 */
export function decideFeedItem(
  feedId: string,
  subscribers: readonly FeedSubscriber[],
  article: Pick<Article, "title" | "text" | "contentHash">,
): FeedItemDecision {
  const dropped: FilteredItem[] = [];
  for (const s of subscribers) {
    let filter: ReturnType<typeof cachedFilter>;
    try {
      filter = cachedFilter({ include: s.include, exclude: s.exclude, mute: s.mute });
    } catch (err) {
      if (err instanceof FilterError) continue;
      throw err;
    }
    if (filter.empty) continue;
    const decision = filter.decide({ title: article.title, text: article.text });
    if (!decision.keep)
      dropped.push({
        channelId: s.channelId,
        feedId,
        contentHash: article.contentHash,
        title: article.title,
        reason: decision.reason,
      });
  }
  return { keep: !subscribers.length || dropped.length < subscribers.length, dropped };
}
