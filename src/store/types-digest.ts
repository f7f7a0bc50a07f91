import type { StoredStory, StoryLink } from "./types-content.js";

/* Digest schedules, runs and what channels were shown (see types.ts for the whole store). */

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
  /** The tenant's platform ("slack", "discord", "console"): digests are posted per platform. */
  platform: string;
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

/**
 * claimed → posting → posted (or skipped / failed). "posting" is written before anything is sent:
 * a run found in it may have been delivered in part or whole, so it is resumed by looking first.
 */
export type DigestRunStatus = "claimed" | "posting" | "posted" | "skipped" | "failed";

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
  /** When the first post attempt was recorded as intended (status "posting"); null before. */
  postingAt: string | null;
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

/**
 * A user's subscription to a channel's digest in their DMs. `channelId` is the subscription's own
 * channel row (external id `dm:<user>:<source channel external id>`): its schedule, runs and shown
 * stories are its own, its stories those of `sourceChannelId`.
 */
export interface DmDigest {
  channelId: string;
  tenantId: string;
  sourceChannelId: string;
  /** The platform's user id. */
  userId: string;
  createdAt: string;
}

export interface DmDigestStore {
  /** The user's subscription to the source channel, created (with its channel row) if absent. */
  ensure(tenantId: string, sourceChannelId: string, userId: string, now?: Date): Promise<DmDigest>;
  get(tenantId: string, sourceChannelId: string, userId: string): Promise<DmDigest | undefined>;
  /**
   * The channel whose stories, feed filters and mute list `channelId`'s digest follows: the source
   * channel of a DM subscription, else undefined (the channel itself).
   */
  sourceOf(tenantId: string, channelId: string): Promise<string | undefined>;
  /** Ends the subscription and its schedule; its channel row and shown stories stay (a new one resumes them). */
  remove(tenantId: string, sourceChannelId: string, userId: string): Promise<boolean>;
}
