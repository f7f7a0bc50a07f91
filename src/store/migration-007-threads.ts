import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema by design.
type AnyDb = Kysely<any>;

/**
 * Conversations (issue 15): which story a chat thread is about, and which channels brief the links
 * posted in them.
 *
 * `thread_stories`: (tenant, platform channel id, thread id) → the stories of that thread, in the
 * order the message showed them (`position` 0 for a brief, 0..n-1 for a digest's items). The
 * thread id is the platform's id of the message the thread hangs off (a Slack ts, a Discord
 * message id). The primary key starts with the lookup's columns, so finding a thread's stories is
 * one index range. `origin` (mention, autolink, digest, alert, shortcut) lets the per-channel
 * auto-brief limit count the last hour's auto-briefs from the same rows (second index).
 *
 * `channel_conversation`: per channel, whether links posted there are briefed (`autolinks_since`,
 * null = off: no boolean column, see schema.ts) and the domains Slack unfurls.
 */
export const v007Threads: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("thread_stories")
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
      .addColumn("channel_external_id", "text", (c) => c.notNull())
      .addColumn("thread_id", "text", (c) => c.notNull())
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("story_id", "text", (c) => c.notNull())
      .addColumn("origin", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("thread_stories_pk", [
        "tenant_id",
        "channel_external_id",
        "thread_id",
        "position",
      ])
      .execute();
    await db.schema
      .createIndex("thread_stories_recent")
      .on("thread_stories")
      .columns(["tenant_id", "channel_external_id", "origin", "created_at"])
      .execute();
    await db.schema
      .createTable("channel_conversation")
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
      .addColumn("channel_external_id", "text", (c) => c.notNull())
      .addColumn("autolinks_since", "text")
      .addColumn("unfurl_domains", "text")
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("channel_conversation_pk", ["tenant_id", "channel_external_id"])
      .execute();
  },
};
