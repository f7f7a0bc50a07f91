import type { Schedule } from "./types-digest.js";

/* Tenants, their channels and feeds, Slack installations and delivery keys (see types.ts for the whole store). */

/**
 * Insert-if-absent keys with an expiry, shared by every instance on the store: a platform delivery
 * (e.g. Slack's trigger_id, repeated on a retry) is handled by whoever claims it first.
 */
export interface DeliveryKeys {
  /** True when `key` was not taken (or its claim had expired) and is now ours for `ttlMs`. */
  claim(key: string, ttlMs: number, now?: Date): Promise<boolean>;
}

export interface Tenant {
  id: string;
  platform: string;
  externalId: string;
  name: string | null;
}

export interface Channel {
  id: string;
  tenantId: string;
  externalId: string;
  name: string | null;
  timezone: string | null;
}

export interface Feed {
  id: string;
  tenantId: string;
  url: string;
  title: string | null;
  etag: string | null;
  lastModified: string | null;
  lastPolledAt: string | null;
  nextPollAt: string;
  lastError: string | null;
  errorCount: number;
  /** Opaque JSON the poll function keeps between polls (ingest's FeedState). */
  state: unknown;
  /** Set when polling stopped for good; shown to the user. */
  disabledReason: string | null;
}

export interface TenantStore {
  /** Finds or creates the tenant for a platform workspace/guild. */
  ensure(input: { platform: string; externalId: string; name?: string }): Promise<Tenant>;
  get(tenantId: string): Promise<Tenant | undefined>;
  /** The tenant of a platform workspace/guild if it has one (nothing is created). */
  find(platform: string, externalId: string): Promise<Tenant | undefined>;
  /**
   * Stops the tenant's background work and keeps every row: each feed still polled is disabled
   * and each active schedule paused, with `reason` (shown to users). Feeds and schedules already
   * stopped keep their own reason. One transaction; returns how many of each it stopped.
   */
  suspendWork(tenantId: string, reason: string, now?: Date): Promise<TenantWorkCount>;
  /**
   * Undoes `suspendWork`: re-enables the tenant's feeds, and resumes its schedules at
   * `nextSlotAt(schedule)`, whose reason starts with `reasonPrefix` — and nothing stopped for
   * another reason. A schedule for which `nextSlotAt` gives undefined stays paused.
   */
  resumeWork(
    tenantId: string,
    reasonPrefix: string,
    nextSlotAt: (schedule: Schedule) => Date | undefined,
    now?: Date,
  ): Promise<TenantWorkCount>;
}

/** How many feeds and schedules a suspension (or its undoing) changed. */
export interface TenantWorkCount {
  feeds: number;
  schedules: number;
}

export interface ChannelStore {
  ensure(tenantId: string, input: { externalId: string; name?: string; timezone?: string }): Promise<Channel>;
  get(tenantId: string, channelId: string): Promise<Channel | undefined>;
  findByExternalId(tenantId: string, externalId: string): Promise<Channel | undefined>;
  list(tenantId: string): Promise<Channel[]>;
  setTimezone(tenantId: string, channelId: string, timezone: string | null): Promise<boolean>;
}

export interface FeedStore {
  add(tenantId: string, input: { url: string; title?: string }, now?: Date): Promise<Feed>;
  get(tenantId: string, feedId: string): Promise<Feed | undefined>;
  list(tenantId: string): Promise<Feed[]>;
  /** Removes the feed and its subscriptions; false when the tenant has no such feed. */
  remove(tenantId: string, feedId: string): Promise<boolean>;
  subscribe(tenantId: string, channelId: string, feedId: string): Promise<void>;
  unsubscribe(tenantId: string, channelId: string, feedId: string): Promise<boolean>;
  listForChannel(tenantId: string, channelId: string): Promise<Feed[]>;
}

export interface SlackInstallationRecord {
  teamId?: string;
  enterpriseId?: string;
  botToken: string;
  botUserId: string;
  /** The whole installation object Bolt hands over, as JSON-compatible data. */
  installation: unknown;
}

export interface SlackInstallationStore {
  save(record: SlackInstallationRecord): Promise<void>;
  /** Enterprise-wide installs are found by enterpriseId, others by teamId. */
  find(query: {
    teamId?: string;
    enterpriseId?: string;
    isEnterpriseInstall?: boolean;
  }): Promise<SlackInstallationRecord | undefined>;
  delete(query: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): Promise<boolean>;
  /**
   * The tenants the installations belong to (the same object as `Store.tenants`): an uninstall
   * stops a workspace's feeds and digests, a reinstall restarts them (src/app/workspace-removal.ts),
   * and the Slack adapter is handed only this part of the store.
   */
  readonly tenants: TenantStore;
}
