import type { Feed } from "./types-tenancy.js";

/* Per-subscription filters, channel mute lists and digest options, dropped items, feed notices,
   removed stories (migration 005; see types.ts for the whole store). */

/** A subscription's filter as the user typed it; null keeps everything. */
export interface SubscriptionFilter {
  include: string | null;
  exclude: string | null;
}

/** A feed a channel follows, with that channel's filter and what it was told of the feed. */
export interface Subscription extends SubscriptionFilter {
  feed: Feed;
  /** The feed status last told to the channel ("failing", "disabled"); null when none. */
  noticeState: string | null;
}

/** One channel following a feed, with what the poller needs to decide for it. */
export interface FeedSubscriber extends SubscriptionFilter {
  channelId: string;
  channelExternalId: string;
  /** The channel's muted words and phrases. */
  mute: string[];
  noticeState: string | null;
}

/** A feed item a subscription dropped, kept so it is explained and never shown to that channel. */
export interface FilteredItem {
  channelId: string;
  feedId: string;
  contentHash: string;
  title: string;
  reason: string;
}

export interface FilterStore {
  /** The channel's subscriptions, oldest first, with their filters. */
  subscriptions(tenantId: string, channelId: string): Promise<Subscription[]>;
  /** False when the channel does not follow the feed. */
  setFilter(
    tenantId: string,
    channelId: string,
    feedId: string,
    filter: SubscriptionFilter,
  ): Promise<boolean>;
  /** Every channel following the feed, with its filter and mute list. */
  subscribers(tenantId: string, feedId: string): Promise<FeedSubscriber[]>;
  recordFiltered(tenantId: string, items: FilteredItem[], now?: Date): Promise<void>;
  /** Forgets the dropped items of one subscription (its filter changed or was cleared). */
  clearFiltered(tenantId: string, channelId: string, feedId: string): Promise<void>;
  /** The latest items the subscription dropped, newest first. */
  listFiltered(
    tenantId: string,
    channelId: string,
    feedId: string,
    limit: number,
  ): Promise<(FilteredItem & { createdAt: string })[]>;
  /** The feed's articles filed since `since`, newest first: what a changed filter decides again. */
  feedArticles(
    tenantId: string,
    feedId: string,
    since: Date,
    limit: number,
  ): Promise<{ title: string; text: string; contentHash: string }[]>;
  mute(tenantId: string, channelId: string): Promise<string[]>;
  setMute(tenantId: string, channelId: string, terms: string[]): Promise<boolean>;
  /** The channel's digest options as stored (validated by the digest layer); null for defaults. */
  digestOptions(tenantId: string, channelId: string): Promise<unknown>;
  setDigestOptions(tenantId: string, channelId: string, options: unknown): Promise<boolean>;
  /**
   * Claims telling the channel that the feed is now `state` (null: recovered): true for exactly
   * one caller per change, whichever instance asks first (a compare-and-set on the subscription).
   */
  claimNotice(tenantId: string, channelId: string, feedId: string, state: string | null): Promise<boolean>;
  /** Marks the story removed (kept in the store); false when the tenant has no such story. */
  removeStory(tenantId: string, storyId: string, now?: Date): Promise<boolean>;
}
