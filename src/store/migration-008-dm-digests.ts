import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema by design.
type AnyDb = Kysely<any>;

/**
 * Digests in a user's DMs (`/digest me daily 07:00 Europe/Paris`). Each subscription is a channel
 * row of its own (external id `dm:<user>:<source channel>`), so it has its own schedule, runs and
 * shown stories and the runner claims and posts it exactly like a channel's digest; this table
 * says whose it is and which channel's stories (feeds, articles, filters) it shows.
 */
export const v008: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("dm_digests")
      .addColumn("channel_id", "text", (c) => c.primaryKey().references("channels.id"))
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
      .addColumn("source_channel_id", "text", (c) => c.notNull().references("channels.id"))
      .addColumn("user_id", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addUniqueConstraint("dm_digests_source_user", ["source_channel_id", "user_id"])
      .execute();
  },
};
