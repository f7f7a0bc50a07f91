import type { Generated } from "kysely";

/**
 * Row shapes of every table, as Kysely sees them. One set of types for SQLite and PostgreSQL:
 * timestamps are ISO 8601 UTC strings (they sort and compare as text on both backends), JSON is
 * stored as text and validated when read, booleans are avoided (nullable reason columns instead).
 */
export interface TenantTable {
  id: string;
  platform: string;
  external_id: string;
  name: string | null;
  created_at: string;
}

export interface ChannelTable {
  id: string;
  tenant_id: string;
  external_id: string;
  name: string | null;
  timezone: string | null;
  created_at: string;
  /** JSON array of muted words and phrases (migration 005). */
  mute_json: string | null;
  /** JSON digest options: stories, sections, layout (migration 005). */
  digest_options_json: string | null;
}

export interface FeedTable {
  id: string;
  tenant_id: string;
  url: string;
  title: string | null;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | null;
  next_poll_at: string;
  last_error: string | null;
  error_count: number;
  lease_owner: string | null;
  lease_until: string | null;
  created_at: string;
  state_json: string | null;
  disabled_reason: string | null;
}

export interface SubscriptionTable {
  tenant_id: string;
  channel_id: string;
  feed_id: string;
  created_at: string;
  include_filter: string | null;
  exclude_filter: string | null;
  /** The feed status last told to the channel ("failing", "disabled"), null when none. */
  notice_state: string | null;
  /** "digest" (default) or "alert" (migration 006). */
  mode: Generated<string>;
  alerts_from: string | null;
  backfill: Generated<number>;
  notify: string | null;
}

export interface ArticleTable {
  id: string;
  tenant_id: string;
  content_hash: string;
  source: string;
  url: string | null;
  canonical_url: string | null;
  title: string;
  text: string;
  byline: string | null;
  published: string | null;
  updated: string | null;
  site_name: string | null;
  language: string | null;
  created_at: string;
}

export interface FeedArticleTable {
  tenant_id: string;
  feed_id: string;
  article_id: string;
  added_at: string;
}

export interface ChannelArticleTable {
  tenant_id: string;
  channel_id: string;
  article_id: string;
  added_at: string;
}

export interface StoryTable {
  id: string;
  tenant_id: string;
  story_key: string;
  title: string;
  version: number;
  brief_json: string;
  brief_hash: string;
  article_count: number;
  created_at: string;
  updated_at: string;
  /** Set by /stories remove (migration 005). */
  removed_at: string | null;
}

export interface StoryArticleTable {
  tenant_id: string;
  story_id: string;
  article_id: string;
  added_at: string;
}

export interface BriefCacheTable {
  content_hash: string;
  engine: string;
  engine_version: string;
  brief_json: string;
  created_at: string;
}

export interface TokenUsageTable {
  tenant_id: string;
  day: string;
  tokens: number;
}

export interface ScheduleTable {
  channel_id: string;
  tenant_id: string;
  spec: string;
  timezone: string;
  next_slot_at: string;
  paused_reason: string | null;
  paused_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DigestRunTable {
  id: string;
  tenant_id: string;
  channel_id: string;
  slot: string;
  status: string;
  digest_json: string | null;
  nonce: string;
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  message_id: string | null;
  created_at: string;
  finished_at: string | null;
  /** When the run was first written "posting" (intent before post); null before that. */
  posting_at: string | null;
}

export interface ShownStoryTable {
  tenant_id: string;
  channel_id: string;
  story_id: string;
  version: number;
  key_points_json: string;
  run_id: string;
  shown_at: string;
}

export interface SlackInstallationTable {
  install_key: string;
  team_id: string | null;
  enterprise_id: string | null;
  bot_token: string;
  bot_user_id: string;
  installation_json: string;
  updated_at: string;
}

export interface DeliveryKeyTable {
  delivery_key: string;
  expires_at: string;
}

/** A feed item a subscription's filter or the channel's mute list dropped (migration 005). */
export interface FilteredItemTable {
  tenant_id: string;
  channel_id: string;
  feed_id: string;
  content_hash: string;
  title: string;
  reason: string;
  created_at: string;
}
export interface AlertPostTable {
  id: string;
  tenant_id: string;
  channel_id: string;
  story_id: string | null;
  version: number;
  kind: string;
  status: string;
  body_json: string;
  nonce: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  message_id: string | null;
  reply_to: string | null;
  created_at: string;
  posting_at: string | null;
  finished_at: string | null;
}

export interface AlertChannelTable {
  channel_id: string;
  tenant_id: string;
  lease_owner: string | null;
  lease_until: string | null;
}

export interface ThreadStoryTable {
  tenant_id: string;
  channel_external_id: string;
  thread_id: string;
  position: number;
  story_id: string;
  origin: string;
  created_at: string;
}

export interface ChannelConversationTable {
  tenant_id: string;
  channel_external_id: string;
  autolinks_since: string | null;
  unfurl_domains: string | null;
  updated_at: string;
}

/** A user's DM subscription to a channel's digest (migration 008); `channel_id` is its own channel row. */
export interface DmDigestTable {
  channel_id: string;
  tenant_id: string;
  source_channel_id: string;
  user_id: string;
  created_at: string;
}

export interface Database {
  tenants: TenantTable;
  channels: ChannelTable;
  feeds: FeedTable;
  subscriptions: SubscriptionTable;
  articles: ArticleTable;
  feed_articles: FeedArticleTable;
  channel_articles: ChannelArticleTable;
  stories: StoryTable;
  story_articles: StoryArticleTable;
  brief_cache: BriefCacheTable;
  token_usage: TokenUsageTable;
  schedules: ScheduleTable;
  digest_runs: DigestRunTable;
  shown_stories: ShownStoryTable;
  slack_installations: SlackInstallationTable;
  delivery_keys: DeliveryKeyTable;
  filtered_items: FilteredItemTable;
  alert_posts: AlertPostTable;
  alert_channels: AlertChannelTable;
  thread_stories: ThreadStoryTable;
  channel_conversation: ChannelConversationTable;
  dm_digests: DmDigestTable;
}
