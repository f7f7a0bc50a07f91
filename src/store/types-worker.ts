import type { DigestRun, DueSchedule, Schedule, ShownStory } from "./types-digest.js";
import type { Channel, Feed } from "./types-tenancy.js";

/** A due schedule's slot to claim (the latest missed one), its next slot, and how many were missed. */
export type SlotPlan = { slot: Date; next: Date; missed: number } | { invalid: string };

/** Cross-tenant operations of the background loops. Leases make several instances share work. */
export interface WorkerStore {
  /** Operator lookup (CLI): channels whose store id or platform id is `ref`, in any tenant. */
  findChannels(ref: string): Promise<Channel[]>;
  /** Leases up to `limit` due, unleased feeds to `owner` (FOR UPDATE SKIP LOCKED on PostgreSQL). */
  leaseDueFeeds(owner: string, now: Date, leaseMs: number, limit: number): Promise<Feed[]>;
  /**
   * Leases one feed of the tenant now, due or not (the first poll of `/feeds add`); undefined when
   * it is disabled or another poller holds it.
   */
  leaseFeed(
    tenantId: string,
    feedId: string,
    owner: string,
    now: Date,
    leaseMs: number,
  ): Promise<Feed | undefined>;
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
  /**
   * Claims up to `limit` due slots in one transaction (see repo-worker-claim.ts): `plan` picks each
   * due schedule's slot and next slot (or says it is no longer valid); each planned schedule moves
   * on and gets one run, leased to `owner`, left to be composed. `seen`: how many were due.
   */
  claimDueSlots(input: {
    now: Date;
    owner: string;
    leaseMs: number;
    limit: number;
    plan: (schedule: DueSchedule) => SlotPlan;
    /** Platforms left out of this claim (the caller already holds a full batch of each). */
    skipPlatforms?: string[];
  }): Promise<{
    claimed: { run: DigestRun; schedule: DueSchedule; missed: number }[];
    invalid: { schedule: DueSchedule; reason: string }[];
    seen: number;
  }>;
  /** Leases unfinished (claimed or posting) runs whose retry time has come and whose lease (if any) expired. */
  leasePendingRuns(owner: string, now: Date, leaseMs: number, limit: number): Promise<DigestRun[]>;
  saveRunDigest(runId: string, owner: string, digest: unknown): Promise<boolean>;
  /**
   * The intent, committed before anything is sent: status "posting", and `postingAt` set to `now`
   * unless an earlier attempt set it. False when the lease was lost (then nothing may be sent).
   */
  markPosting(
    runId: string,
    owner: string,
    now: Date,
    /**
     * `digest`: stored with the intent (a run claimed bare and composed since); `leaseUntil`
     * renews the lease, so the post has the whole lease however long the batch waited.
     */
    extra?: { digest?: unknown; leaseUntil?: Date },
  ): Promise<boolean>;
  /** In one transaction: run posted with its message id, and the story versions recorded as shown. */
  markPosted(
    runId: string,
    owner: string,
    messageId: string,
    shown: ShownStory[],
    now: Date,
  ): Promise<boolean>;
  markSkipped(runId: string, owner: string, now: Date): Promise<boolean>;
  /**
   * A failed attempt, retried at `nextAttemptAt`. The run stays "posting" (it may have been
   * delivered in part) unless `nothingSent`: the first attempt never reached the platform, so the
   * run goes back to "claimed" and the retry posts without looking.
   */
  markRetry(
    runId: string,
    owner: string,
    error: string,
    nextAttemptAt: Date,
    nothingSent?: boolean,
  ): Promise<boolean>;
  /**
   * Run failed for good: the schedule is paused with `reason` kept for the user — unless it was
   * already paused, whose first reason (e.g. the workspace removed the app) stays.
   */
  markFailed(runId: string, owner: string, reason: string, now: Date): Promise<boolean>;
}
