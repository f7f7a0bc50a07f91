import { type Expression, expressionBuilder, type SqlBool } from "kysely";
import type { Database } from "./schema.js";

/** One feed item as one subscription got it: columns of the caller's query, by reference. */
export interface SubscribedItem {
  channelId: Expression<string>;
  feedId: Expression<string>;
  contentHash: Expression<string>;
}

/**
 * True when no filter dropped the item: the subscription's filter (or the channel's mute list)
 * recorded nothing in filtered_items for this channel, feed and item. The caller names its own
 * columns (`ref("sub.channel_id")`, …) so each reference is checked against that query's tables.
 */
export function notFilteredOut(item: SubscribedItem): Expression<SqlBool> {
  const eb = expressionBuilder<Database, never>();
  return eb.not(
    eb.exists(
      eb
        .selectFrom("filtered_items as fi")
        .select("fi.content_hash")
        .where("fi.channel_id", "=", item.channelId)
        .where("fi.feed_id", "=", item.feedId)
        .where("fi.content_hash", "=", item.contentHash),
    ),
  );
}
