import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import { v005FeedFilters } from "./migration-005-feed-filters.js";
import { v006 } from "./migration-006-alerts.js";
import { v007Threads } from "./migration-007-threads.js";
import { v008 } from "./migration-008-dm-digests.js";

/**
 * Versioned migrations, run at start-up by `createStore`. Append new versions; never edit one
 * that has shipped. Only portable column types (text, integer) so one list serves SQLite and
 * PostgreSQL.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema by design.
type AnyDb = Kysely<any>;

const v001: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("tenants")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("platform", "text", (c) => c.notNull())
      .addColumn("external_id", "text", (c) => c.notNull())
      .addColumn("name", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addUniqueConstraint("tenants_platform_external", ["platform", "external_id"])
      .execute();
    await db.schema
      .createTable("channels")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
      .addColumn("external_id", "text", (c) => c.notNull())
      .addColumn("name", "text")
      .addColumn("timezone", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addUniqueConstraint("channels_tenant_external", ["tenant_id", "external_id"])
      .execute();
    await db.schema
      .createTable("feeds")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
      .addColumn("url", "text", (c) => c.notNull())
      .addColumn("title", "text")
      .addColumn("etag", "text")
      .addColumn("last_modified", "text")
      .addColumn("last_polled_at", "text")
      .addColumn("next_poll_at", "text", (c) => c.notNull())
      .addColumn("last_error", "text")
      .addColumn("error_count", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("lease_owner", "text")
      .addColumn("lease_until", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addUniqueConstraint("feeds_tenant_url", ["tenant_id", "url"])
      .execute();
    await db.schema.createIndex("feeds_next_poll").on("feeds").column("next_poll_at").execute();
    await db.schema
      .createTable("subscriptions")
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("channel_id", "text", (c) => c.notNull().references("channels.id"))
      .addColumn("feed_id", "text", (c) => c.notNull().references("feeds.id"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("subscriptions_pk", ["channel_id", "feed_id"])
      .execute();
    await db.schema.createIndex("subscriptions_feed").on("subscriptions").column("feed_id").execute();
    await db.schema
      .createTable("articles")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
      .addColumn("content_hash", "text", (c) => c.notNull())
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("url", "text")
      .addColumn("canonical_url", "text")
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("byline", "text")
      .addColumn("published", "text")
      .addColumn("updated", "text")
      .addColumn("site_name", "text")
      .addColumn("language", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addUniqueConstraint("articles_tenant_hash", ["tenant_id", "content_hash"])
      .execute();
    for (const [table, owner] of [
      ["feed_articles", "feed_id"],
      ["channel_articles", "channel_id"],
      ["story_articles", "story_id"],
    ] as const) {
      await db.schema
        .createTable(table)
        .addColumn("tenant_id", "text", (c) => c.notNull())
        .addColumn(owner, "text", (c) => c.notNull())
        .addColumn("article_id", "text", (c) => c.notNull().references("articles.id"))
        .addColumn("added_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint(`${table}_pk`, [owner, "article_id"])
        .execute();
      await db.schema.createIndex(`${table}_article`).on(table).column("article_id").execute();
    }
    await db.schema
      .createTable("stories")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
      .addColumn("story_key", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("brief_json", "text", (c) => c.notNull())
      .addColumn("brief_hash", "text", (c) => c.notNull())
      .addColumn("article_count", "integer", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addUniqueConstraint("stories_tenant_key", ["tenant_id", "story_key"])
      .execute();
    await db.schema
      .createIndex("stories_updated")
      .on("stories")
      .columns(["tenant_id", "updated_at"])
      .execute();
    await db.schema
      .createTable("brief_cache")
      .addColumn("content_hash", "text", (c) => c.notNull())
      .addColumn("engine", "text", (c) => c.notNull())
      .addColumn("engine_version", "text", (c) => c.notNull())
      .addColumn("brief_json", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("brief_cache_pk", ["content_hash", "engine", "engine_version"])
      .execute();
    await db.schema
      .createTable("token_usage")
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("tokens", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("token_usage_pk", ["tenant_id", "day"])
      .execute();
    await db.schema
      .createTable("schedules")
      .addColumn("channel_id", "text", (c) => c.primaryKey().references("channels.id"))
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("spec", "text", (c) => c.notNull())
      .addColumn("timezone", "text", (c) => c.notNull())
      .addColumn("next_slot_at", "text", (c) => c.notNull())
      .addColumn("paused_reason", "text")
      .addColumn("paused_at", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("schedules_next_slot").on("schedules").column("next_slot_at").execute();
    await db.schema
      .createTable("digest_runs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("channel_id", "text", (c) => c.notNull().references("channels.id"))
      .addColumn("slot", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("digest_json", "text")
      .addColumn("nonce", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("next_attempt_at", "text", (c) => c.notNull())
      .addColumn("lease_owner", "text")
      .addColumn("lease_until", "text")
      .addColumn("last_error", "text")
      .addColumn("message_id", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("finished_at", "text")
      // The exactly-once guarantee: one run per (channel, slot), whoever claims first.
      .addUniqueConstraint("digest_runs_channel_slot", ["channel_id", "slot"])
      .execute();
    await db.schema
      .createIndex("digest_runs_pending")
      .on("digest_runs")
      .columns(["status", "next_attempt_at"])
      .execute();
    await db.schema
      .createTable("shown_stories")
      .addColumn("tenant_id", "text", (c) => c.notNull())
      .addColumn("channel_id", "text", (c) => c.notNull())
      .addColumn("story_id", "text", (c) => c.notNull())
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("key_points_json", "text", (c) => c.notNull())
      .addColumn("run_id", "text", (c) => c.notNull())
      .addColumn("shown_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("shown_stories_pk", ["channel_id", "story_id"])
      .execute();
    await db.schema
      .createTable("slack_installations")
      .addColumn("install_key", "text", (c) => c.primaryKey())
      .addColumn("team_id", "text")
      .addColumn("enterprise_id", "text")
      .addColumn("bot_token", "text", (c) => c.notNull())
      .addColumn("bot_user_id", "text", (c) => c.notNull())
      .addColumn("installation_json", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
  },
};

/** Feed state owned by the ingest poller (seen item keys, failures) and a disabled reason. */
const v002: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable("feeds").addColumn("state_json", "text").execute();
    await db.schema.alterTable("feeds").addColumn("disabled_reason", "text").execute();
  },
};

/**
 * Platform deliveries already taken (Slack retries carry the same trigger_id), kept until they
 * expire, so a retry is answered once even after a restart or by another instance.
 */
const v003: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable("delivery_keys")
      .addColumn("delivery_key", "text", (c) => c.primaryKey())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("delivery_keys_expiry").on("delivery_keys").column("expires_at").execute();
  },
};

/**
 * Intent before post (ADR 0024): a run is written "posting" with the time of that first attempt
 * before anything is sent, so after a crash recovery knows the post may have gone out and how far
 * back to look for it in the channel. Existing rows keep posting_at NULL (claimed, posted, …).
 */
const v004: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable("digest_runs").addColumn("posting_at", "text").execute();
  },
};

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  "001_initial": v001,
  "002_feed_state": v002,
  "003_delivery_keys": v003,
  "004_digest_posting": v004,
  "005_feed_filters": v005FeedFilters,
  "006_alerts": v006,
  "007_threads": v007Threads,
  "008_dm_digests": v008,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema up to date; throws with the failing migration's name. On PostgreSQL pass the
 * schema in use: Kysely otherwise looks for its bookkeeping tables in every schema of the
 * database and would find another deployment's (or test run's).
 */
export async function migrateToLatest(db: AnyDb, migrationTableSchema?: string): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider,
    // Numbers are handed out to work landing in parallel (007 may ship before 005): each migration
    // only adds its own tables and columns, so one that arrives after a later-numbered one has run
    // is run then, instead of refusing to start.
    allowUnorderedMigrations: true,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`database migration ${failed?.migrationName ?? ""} failed: ${why}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
