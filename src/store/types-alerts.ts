import type { ShownStory } from "./types-digest.js";

/* Alert mode (ADR 0025): subscriptions that post each new story, and the alert posts' records. */

export type SubscriptionMode = "digest" | "alert";

export interface AlertSubscription {
  channelId: string;
  feedId: string;
  mode: SubscriptionMode;
  /** When its alerts start (null: the feed's first poll has not caught up yet). */
  alertsFrom: string | null;
  /** How many of the newest items still to post once alerts start. */
  backfill: number;
  /** The mention an admin configured: `discord-role:<id>` or `slack-subteam:<id>`. */
  notify: string | null;
}

/** alert: a new story; update: what a posted story gained; fold: "and N more"; folded/unchanged: recorded, not posted. */
export type AlertKind = "alert" | "update" | "fold" | "folded" | "unchanged";
export type AlertStatus = "claimed" | "posting" | "posted" | "failed" | "done";

export interface AlertPost {
  id: string;
  tenantId: string;
  channelId: string;
  storyId: string | null;
  version: number;
  kind: AlertKind;
  status: AlertStatus;
  /** The composed message (validated by the alert layer), or a folded/unchanged story's snapshot. */
  body: unknown;
  nonce: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  messageId: string | null;
  replyTo: string | null;
  createdAt: string;
  postingAt: string | null;
}

/** A story an alert-mode channel may be told about. */
export interface AlertCandidate {
  storyId: string;
  version: number;
  updatedAt: string;
  /** One of the channel's alert feeds it came from (its notify setting applies). */
  feedId: string;
  /** Picked as one of a new subscription's `backfill` newest items. */
  backfill: boolean;
  /** The latest record of this story in the channel (an earlier version), if any. */
  previous?: { version: number; kind: AlertKind; body: unknown };
  /** The message id of the story's first alert in the channel: updates reply to it. */
  firstMessageId?: string;
}

/** A row to claim: a message to post (status claimed) or a story recorded without one (done). */
export interface NewAlertPost {
  storyId: string | null;
  version: number;
  kind: AlertKind;
  body: unknown;
  nonce: string;
  replyTo?: string;
}

export interface AlertChannelRef {
  tenantId: string;
  channelId: string;
  externalId: string;
}

export interface AlertStore {
  /** Sets a subscription's mode (and its backfill / notify when given); false when the channel does not follow the feed. */
  setMode(
    tenantId: string,
    channelId: string,
    feedId: string,
    input: { mode: SubscriptionMode; backfill?: number; notify?: string | null },
    now?: Date,
  ): Promise<boolean>;
  subscriptions(tenantId: string, channelId: string): Promise<AlertSubscription[]>;
  /** Stories from the channel's started alert subscriptions (and backfills due), updated after `since`. */
  candidates(tenantId: string, channelId: string, since: Date): Promise<AlertCandidate[]>;
  /** Alerts and updates claimed or posted since `since`, and when the latest fold was. */
  recent(
    tenantId: string,
    channelId: string,
    since: Date,
  ): Promise<{ messages: number; lastFoldAt?: string }>;
  /** Alert rows of the channel, newest first (status, tests, `/feeds` diagnostics). */
  list(tenantId: string, channelId: string, limit?: number): Promise<AlertPost[]>;
}

/** The cross-tenant part the alert loop and the feed poller use. */
export interface AlertWorkerStore {
  /** Channels with at least one alert-mode subscription. */
  channels(): Promise<AlertChannelRef[]>;
  /** Starts the alerts of the feed's alert subscriptions still waiting for a first poll; returns how many. */
  start(feedId: string, now: Date): Promise<number>;
  /** One instance plans and posts a channel's alerts at a time: true when the lease is ours. */
  leaseChannel(ref: AlertChannelRef, owner: string, now: Date, leaseMs: number): Promise<boolean>;
  releaseChannel(channelId: string, owner: string): Promise<void>;
  /**
   * In one transaction: inserts the rows (messages as claimed, the rest done) and clears the
   * backfill of `backfilled` feeds' subscriptions in the channel. A story version already recorded
   * is skipped. Returns the claimed rows in order.
   */
  claim(ref: AlertChannelRef, rows: NewAlertPost[], backfilled: string[], now: Date): Promise<AlertPost[]>;
  /** The channel's unfinished (claimed or posting) rows, oldest first. */
  unfinished(channelId: string): Promise<AlertPost[]>;
  /** Intent before post: status posting, posting_at kept from the first attempt. */
  markPosting(id: string, now: Date): Promise<void>;
  /** Posted with its message id; the story version recorded as shown (the digest will not repeat it). */
  markPosted(id: string, messageId: string, shown: ShownStory[], now: Date): Promise<void>;
  markRetry(id: string, error: string, nextAttemptAt: Date, nothingSent: boolean): Promise<void>;
  markFailed(id: string, error: string, now: Date): Promise<void>;
  /** Closed without a post (status done, the reason kept): its story was removed or muted meanwhile. */
  markSkipped(id: string, reason: string, now: Date): Promise<void>;
}
