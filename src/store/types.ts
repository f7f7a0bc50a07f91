import type { AlertStore, AlertWorkerStore } from "./types-alerts.js";
import type { ArticleStore, BriefCache, StoryStore, TokenUsageCounter } from "./types-content.js";
import type { DigestStore, DmDigestStore, ScheduleStore } from "./types-digest.js";
import type { FilterStore } from "./types-filters.js";
import type {
  ChannelStore,
  DeliveryKeys,
  FeedStore,
  SlackInstallationStore,
  TenantStore,
} from "./types-tenancy.js";
import type { ThreadStore } from "./types-threads.js";
import type { WorkerStore } from "./types-worker.js";

export type {
  AlertCandidate,
  AlertChannelRef,
  AlertKind,
  AlertPost,
  AlertStatus,
  AlertStore,
  AlertSubscription,
  AlertWorkerStore,
  NewAlertPost,
  SubscriptionMode,
} from "./types-alerts.js";
// The record and repository types live in one file per area; every name stays importable from here.
export type {
  ArticleOrigin,
  ArticleRef,
  ArticleStore,
  BriefCache,
  BriefCacheKey,
  RecentStoryMembers,
  StoredStory,
  StoryLink,
  StoryMember,
  StoryStore,
  TokenUsageCounter,
} from "./types-content.js";
export type {
  CandidateRef,
  DigestCandidate,
  DigestRun,
  DigestRunStatus,
  DigestStore,
  DmDigest,
  DmDigestStore,
  DueSchedule,
  Schedule,
  ScheduleStore,
  ShownStory,
} from "./types-digest.js";
export type {
  FeedSubscriber,
  FilteredItem,
  FilterStore,
  Subscription,
  SubscriptionFilter,
} from "./types-filters.js";
export type {
  Channel,
  ChannelStore,
  DeliveryKeys,
  Feed,
  FeedStore,
  SlackInstallationRecord,
  SlackInstallationStore,
  Tenant,
  TenantStore,
  TenantWorkCount,
} from "./types-tenancy.js";
export type { ChannelConversation, ThreadOrigin, ThreadRef, ThreadStore } from "./types-threads.js";
export type { SlotPlan, WorkerStore } from "./types-worker.js";

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
  /** Subscription filters, mute lists, digest options, feed notices, removed stories (issue 14). */
  filters: FilterStore;
  articles: ArticleStore;
  stories: StoryStore;
  briefCache: BriefCache;
  tokenUsage: TokenUsageCounter;
  schedules: ScheduleStore;
  digests: DigestStore;
  /** Users' DM subscriptions to channels' digests (migration 008). */
  dmDigests: DmDigestStore;
  slackInstallations: SlackInstallationStore;
  deliveries: DeliveryKeys;
  /** Which stories chat threads are about; per-channel conversation settings. */
  threads: ThreadStore;
  worker: WorkerStore;
  /** Alert-mode subscriptions and the alert posts of a channel (tenant-scoped). */
  alerts: AlertStore;
  /** The alert loop's cross-tenant part: channel leases and the posts' claim → posting → posted. */
  alertWorker: AlertWorkerStore;
  close(): Promise<void>;
}
