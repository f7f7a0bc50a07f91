import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema by design.
type AnyDb = Kysely<any>;

/**
 * Alert mode (ADR 0025): a subscription posts each new story as it arrives instead of waiting for
 * the digest. `alerts_from` is when its alerts start: set when the feed's first poll has caught up
 * (old items are marked seen, never posted), or at once for a feed already polled. `backfill` is
 * how many of the newest items the first poll may post anyway. `notify` is the one mention an admin
 * configured (`discord-role:<id>` or `slack-subteam:<id>`).
 *
 * `alert_posts` is one row per message an alert-mode channel gets or got (an alert, an update, a
 * "and N more" fold) and per story folded or found unchanged, claimed under a unique
 * (channel, story, version) before anything is sent — the digest runs' claim/intent pattern
 * (ADR 0021, 0024). `alert_channels` leases a channel to one instance while it plans and posts,
 * so the per-hour flood limit holds across instances.
 */
export const v006: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .alterTable("subscriptions")
      .addColumn("mode", "text", (c) => c.notNull().defaultTo("digest"))
      .execute();
    await db.schema.alterTable("subscriptions").addColumn("alerts_from", "text").execute();
    await db.schema
      .alterTable("subscriptions")
      .addColumn("backfill", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable("subscriptions").addColumn("notify", "text").execute();
    await db.schema
      .createTable("alert_posts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("channel_id", "text", (c) => c.notNull().references("channels.id"))
      // Null for a fold message (it stands for several stories, each with a "folded" row).
      .addColumn("story_id", "text")
      .addColumn("version", "integer", (c) => c.notNull())
      // alert | update | fold | folded | unchanged
      .addColumn("kind", "text", (c) => c.notNull())
      // claimed | posting | posted | failed | done (folded/unchanged rows need no post)
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("body_json", "text", (c) => c.notNull())
      .addColumn("nonce", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("next_attempt_at", "text", (c) => c.notNull())
      .addColumn("last_error", "text")
      .addColumn("message_id", "text")
      // The first alert's message id: an update is posted as a reply to it.
      .addColumn("reply_to", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("posting_at", "text")
      .addColumn("finished_at", "text")
      .addUniqueConstraint("alert_posts_channel_story_version", ["channel_id", "story_id", "version"])
      .execute();
    await db.schema
      .createIndex("alert_posts_channel_created")
      .on("alert_posts")
      .columns(["channel_id", "created_at"])
      .execute();
    await db.schema
      .createTable("alert_channels")
      .addColumn("channel_id", "text", (c) => c.primaryKey().references("channels.id"))
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("lease_owner", "text")
      .addColumn("lease_until", "text")
      .execute();
  },
};
