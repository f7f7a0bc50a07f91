import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema by design.
type AnyDb = Kysely<any>;

/**
 * Issue 14: what a channel wants of its feeds and digests, kept in the store.
 * - subscriptions: the include query and exclude list of the subscription (null: keep all), and
 *   the feed status the channel was last told about (null: nothing said, or "recovered") — a
 *   notice is claimed by moving this column, so several instances say it once.
 * - channels: the mute list (JSON array of words and phrases) and the digest options
 *   (stories per digest, sections, layout) as JSON; null means the defaults.
 * - stories: removed_at, set by `/stories remove`; the row and its articles stay.
 * - filtered_items: a feed item a subscription's filter (or the channel's mute list) dropped,
 *   by content hash, with the reason; the digest query skips those for that channel only.
 */
export const v005FeedFilters: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable("subscriptions").addColumn("include_filter", "text").execute();
    await db.schema.alterTable("subscriptions").addColumn("exclude_filter", "text").execute();
    await db.schema.alterTable("subscriptions").addColumn("notice_state", "text").execute();
    await db.schema.alterTable("channels").addColumn("mute_json", "text").execute();
    await db.schema.alterTable("channels").addColumn("digest_options_json", "text").execute();
    await db.schema.alterTable("stories").addColumn("removed_at", "text").execute();
    await db.schema
      .createTable("filtered_items")
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("channel_id", "text", (c) => c.notNull())
      .addColumn("feed_id", "text", (c) => c.notNull())
      .addColumn("content_hash", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("filtered_items_pk", ["channel_id", "feed_id", "content_hash"])
      .execute();
  },
};
