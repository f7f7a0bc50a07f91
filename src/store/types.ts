import type { Article, StoryBrief } from "../core/types.js";

/**
 * The store's typed API. Every tenant-facing method takes the tenant id first and only ever
 * reads or writes that tenant's rows (ids from another tenant behave as "not found").
 * `store.worker` holds the few cross-tenant operations the background loops need (leases on
 * due feeds, schedules and digest runs); they hand back rows that carry their tenant id.
 * Timestamps in records are ISO 8601 UTC strings.
 */
export interface Store {
  readonly kind: "sqlite" | "postgres";
  /** The SQLite file path or the PostgreSQL URL without its password. */
  readonly location: string;
  tenants: TenantStore;
  channels: ChannelStore;
  feeds: FeedStore;
  articles: ArticleStore;
  stories: StoryStore;
  briefCache: BriefCache;
  tokenUsage: TokenUsageCounter;
  schedules: ScheduleStore;
  digests: DigestStore;
  slackInstallations: SlackInstallationStore;
  deliveries: DeliveryKeys;
  worker: WorkerStore;
  close(): Promise<void>;
}

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

/** Where an article entered: through a feed or posted into a channel. */
export type ArticleOrigin = { feedId: string } | { channelId: string } | Record<string, never>;

export interface ArticleStore {
  /** Saves (or finds, by content hash) an article and links it to its origin. */
  save(
    tenantId: string,
    article: Article,
    origin?: ArticleOrigin,
    now?: Date,
  ): Promise<{ id: string; created: boolean }>;
  get(tenantId: string, articleId: string): Promise<Article | undefined>;
  findByHash(tenantId: string, contentHash: string): Promise<Article | undefined>;
}

export interface StoredStory {
  id: string;
  tenantId: string;
  storyKey: string;
  title: string;
  /** Goes up by one each time the brief's content changes. */
  version: number;
  brief: StoryBrief;
  articleCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface StoryLink {
  title: string;
  url: string;
  siteName: string | null;
}

export interface StoryStore {
  /**
   * Creates or updates the story `storyKey` (the clustering key, e.g. a canonical URL), links the
   * articles, and bumps the version when the brief's content changed.
   */
  save(
    tenantId: string,
    input: { storyKey: string; title: string; brief: StoryBrief; articleIds: string[] },
    now?: Date,
  ): Promise<{ id: string; version: number; changed: boolean }>;
  get(tenantId: string, storyId: string): Promise<StoredStory | undefined>;
  getMany(tenantId: string, storyIds: string[]): Promise<StoredStory[]>;
  findByKey(tenantId: string, storyKey: string): Promise<StoredStory | undefined>;
  /** The story the article belongs to (the latest updated, should it be in several). */
  holding(tenantId: string, articleId: string): Promise<StoredStory | undefined>;
  list(tenantId: string, options?: { limit?: number }): Promise<StoredStory[]>;
  links(tenantId: string, storyIds: string[]): Promise<Map<string, StoryLink[]>>;
  /**
   * The tenant's stories updated at or after `since` (newest first, at most `limit`), each with
   * its articles in the order they joined: the candidates a new article may join.
   */
  recentWithArticles(tenantId: string, options: { since: Date; limit: number }): Promise<RecentStory[]>;
  /** The stories' articles (with their text), in the order they joined; absent ids map to nothing. */
  articles(tenantId: string, storyIds: string[]): Promise<Map<string, RecentStory["articles"]>>;
}

export interface RecentStory {
  story: StoredStory;
  articles: { article: Article; ingestedAt: string }[];
}

/** Cache key of a brief: the same content through the same engine version gives the same brief. */
export interface BriefCacheKey {
  contentHash: string;
  engine: string;
  engineVersion: string;
}

export interface BriefCache {
  get(key: BriefCacheKey): Promise<StoryBrief | undefined>;
  put(key: BriefCacheKey, brief: StoryBrief): Promise<void>;
}

/** Per-tenant LLM tokens per UTC day (`day` is YYYY-MM-DD). */
export interface TokenUsageCounter {
  /** Adds `tokens` and returns the day's new total. */
  add(tenantId: string, day: string, tokens: number): Promise<number>;
  get(tenantId: string, day: string): Promise<number>;
}

export interface Schedule {
  channelId: string;
  tenantId: string;
  /** What the user typed, normalised (see src/digest/schedule.ts). */
  spec: string;
  timezone: string;
  nextSlotAt: string;
  pausedReason: string | null;
  pausedAt: string | null;
  createdAt: string;
  /** Last change or claimed slot: the previous digest happened no later than this. */
  updatedAt: string;
}

/** A due schedule with what composing its digest needs of the channel. */
export interface DueSchedule extends Schedule {
  channelExternalId: string;
  channelTimezone: string | null;
}

export interface ScheduleStore {
  set(
    tenantId: string,
    channelId: string,
    input: { spec: string; timezone: string; nextSlotAt: Date },
    now?: Date,
  ): Promise<Schedule>;
  get(tenantId: string, channelId: string): Promise<Schedule | undefined>;
  list(tenantId: string): Promise<Schedule[]>;
  remove(tenantId: string, channelId: string): Promise<boolean>;
  pause(tenantId: string, channelId: string, reason: string, now?: Date): Promise<boolean>;
  resume(tenantId: string, channelId: string, nextSlotAt: Date): Promise<boolean>;
}

export type DigestRunStatus = "claimed" | "posted" | "skipped" | "failed";

export interface DigestRun {
  id: string;
  tenantId: string;
  channelId: string;
  /** The scheduled instant (ISO UTC) this run is for; unique per channel. */
  slot: string;
  status: DigestRunStatus;
  /** The composed digest (JSON, validated by the digest layer); null until composed. */
  digest: unknown;
  /** Stable per run: platforms use it to make a repeated post idempotent (Discord enforce_nonce). */
  nonce: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  messageId: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** A story a channel's next digest may show: just enough to rank it (the brief is loaded for the chosen few). */
export interface CandidateRef {
  storyId: string;
  version: number;
  updatedAt: string;
  articleCount: number;
  /** What the channel saw of it before, when it saw an earlier version. */
  shown?: { version: number; keyPoints: string[] };
}

/** A chosen story with everything the digest shows. */
export interface DigestCandidate {
  story: StoredStory;
  links: StoryLink[];
  shown?: { version: number; keyPoints: string[] };
}

export interface ShownStory {
  storyId: string;
  version: number;
  keyPoints: string[];
}

export interface DigestStore {
  /** Stories from the channel's feeds and the channel's own articles, updated after `since`, not yet shown in this version. */
  candidates(tenantId: string, channelId: string, since: Date): Promise<CandidateRef[]>;
  /** The latest finished (posted or skipped) run of the channel. */
  lastFinished(tenantId: string, channelId: string): Promise<DigestRun | undefined>;
  getRun(tenantId: string, runId: string): Promise<DigestRun | undefined>;
  listRuns(tenantId: string, channelId: string, limit?: number): Promise<DigestRun[]>;
  /**
   * Records stories as shown in the channel by a post outside the schedule (`/digest now`), so the
   * next scheduled digest does not repeat them; `postedBy` names that post. False when the channel
   * is not the tenant's (nothing recorded).
   */
  markShown(
    tenantId: string,
    channelId: string,
    shown: ShownStory[],
    postedBy: string,
    now?: Date,
  ): Promise<boolean>;
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

/** Cross-tenant operations of the background loops. Leases make several instances share work. */
export interface WorkerStore {
  /** Operator lookup (CLI): channels whose store id or platform id is `ref`, in any tenant. */
  findChannels(ref: string): Promise<Channel[]>;
  /** Leases up to `limit` due, unleased feeds to `owner` (FOR UPDATE SKIP LOCKED on PostgreSQL). */
  leaseDueFeeds(owner: string, now: Date, leaseMs: number, limit: number): Promise<Feed[]>;
  /** Records a poll's result and releases the lease (only if `owner` still holds it). */
  finishFeedPoll(
    feedId: string,
    owner: string,
    result: {
      now: Date;
      nextPollAt: Date;
      etag?: string | null;
      lastModified?: string | null;
      error?: string;
      state?: unknown;
      disabledReason?: string | null;
    },
  ): Promise<boolean>;
  dueSchedules(now: Date, limit: number): Promise<DueSchedule[]>;
  /** Every active schedule (to re-plan after the clock went backwards). */
  activeSchedules(): Promise<Schedule[]>;
  /** Moves next_slot_at only if it still has the value we read (optimistic: one instance wins). */
  moveNextSlot(channelId: string, expected: string, next: Date): Promise<boolean>;
  /**
   * In one transaction: moves the schedule from `expected` to `next` and inserts the run for
   * (channel, slot), leased to `owner`. Returns undefined when another instance got there first
   * or the slot already has a run. `digest`: the composed digest to store with the claim; null
   * records the slot as skipped (nothing new); undefined leaves it to be composed later.
   */
  claimSlot(input: {
    schedule: Schedule;
    slot: Date;
    next: Date;
    owner: string;
    now: Date;
    leaseMs: number;
    digest?: unknown;
  }): Promise<DigestRun | undefined>;
  /** Leases unfinished runs whose retry time has come and whose lease (if any) expired. */
  leasePendingRuns(owner: string, now: Date, leaseMs: number, limit: number): Promise<DigestRun[]>;
  saveRunDigest(runId: string, owner: string, digest: unknown): Promise<boolean>;
  /** In one transaction: run posted with its message id, and the story versions recorded as shown. */
  markPosted(
    runId: string,
    owner: string,
    messageId: string,
    shown: ShownStory[],
    now: Date,
  ): Promise<boolean>;
  markSkipped(runId: string, owner: string, now: Date): Promise<boolean>;
  markRetry(runId: string, owner: string, error: string, nextAttemptAt: Date): Promise<boolean>;
  /**
   * Run failed for good: the schedule is paused with `reason` kept for the user — unless it was
   * already paused, whose first reason (e.g. the workspace removed the app) stays.
   */
  markFailed(runId: string, owner: string, reason: string, now: Date): Promise<boolean>;
}
