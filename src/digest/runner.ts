import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { DigestRun, DueSchedule, Schedule, SlotPlan, Store } from "../store/types.js";
import { drainBatches } from "./batch-pipeline.js";
import type { Clock } from "./clock.js";
import { shownOf } from "./compose.js";
import { createRunComposer } from "./runner-compose.js";
import { createRunPoster } from "./runner-post.js";
import { latestSlot, nextSlot, type ParsedSchedule, parseStoredSchedule, ScheduleError } from "./schedule.js";
import type { Digest, DigestPoster } from "./types.js";

export interface DigestRunnerOptions {
  store: Store;
  poster: DigestPoster;
  clock: Clock;
  maxStories: number;
  postEmpty: boolean;
  /** Identifies this process in leases (several instances on PostgreSQL). */
  owner?: string;
  /** How long a claimed run is ours before another instance may resume it (default 60 s). */
  leaseMs?: number;
  /** Tries per run before the schedule is paused (default 5). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs` (defaults 30 s and 30 min). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /**
   * Resumable runs leased per transaction (default 100); due slots are claimed at most this many
   * and at most `concurrency` at a time, so that instances share a storm and a batch is posted
   * well within its lease.
   */
  batchSize?: number;
  /**
   * Runs composed and posted at the same time per platform (default 32): posting is mostly waiting
   * on the platform (a few ms of CPU per digest), so more in flight is what makes one instance fast.
   */
  concurrency?: number;
  /** How far back the first digest of a channel looks (default 24 h). */
  firstLookbackMs?: number;
  logger?: Pick<Logger, "info" | "warn" | "error">;
}

type ClaimedSlot = Awaited<ReturnType<Store["worker"]["claimDueSlots"]>>["claimed"][number];

export interface TickReport {
  claimed: number;
  posted: number;
  skipped: number;
  retried: number;
  failed: number;
  replanned: number;
}

/**
 * The scheduler. Each `tick()`: (1) after start-up or a backwards clock jump, pull schedules
 * whose next slot lies too far ahead back to the real next slot; (2) claim due slots — one run
 * per (channel, slot) in the store, and for missed slots only the latest (one catch-up digest);
 * (3) compose and post every claimed or resumable run, retrying with backoff. Composing lives in
 * runner-compose.ts, posting and retries in runner-post.ts.
 */
export function createDigestRunner(opts: DigestRunnerOptions) {
  const owner = opts.owner ?? `runner-${randomUUID()}`;
  const leaseMs = opts.leaseMs ?? 60_000;
  const claimBatch = opts.batchSize ?? 100;
  const concurrency = opts.concurrency ?? 32;
  // A claim takes no more than a lane's workers: what an instance holds beyond what it is posting
  // stays small, so at the end of a storm no instance sits on runs another could be posting.
  const slotClaim = Math.min(claimBatch, concurrency);
  const { store, clock } = opts;
  let lastNow: number | undefined;

  const compose = createRunComposer({
    store,
    maxStories: opts.maxStories,
    postEmpty: opts.postEmpty,
    lookbackMs: opts.firstLookbackMs ?? 86_400_000,
  });
  const postRun = createRunPoster({
    store,
    poster: opts.poster,
    clock,
    compose,
    owner,
    leaseMs,
    maxAttempts: opts.maxAttempts ?? 5,
    backoffMs: opts.backoffMs ?? 30_000,
    maxBackoffMs: opts.maxBackoffMs ?? 30 * 60_000,
    logger: opts.logger,
  });
  async function process(run: DigestRun, missedSlots: number, report: TickReport, composed?: Digest) {
    const outcome = await postRun(run, missedSlots, composed);
    if (outcome) report[outcome]++;
  }

  const parsedCache = new Map<string, ParsedSchedule>();
  const parse = (s: Schedule): ParsedSchedule => {
    const key = `${s.spec}|${s.timezone}`;
    let p = parsedCache.get(key);
    if (!p) {
      p = parseStoredSchedule(s);
      if (parsedCache.size > 5000) parsedCache.clear();
      parsedCache.set(key, p);
    }
    return p;
  };

  async function replan(now: Date): Promise<number> {
    let moved = 0;
    for (const s of await store.worker.activeSchedules()) {
      let next: Date | undefined;
      try {
        next = nextSlot(parse(s), now);
      } catch {
        continue;
      }
      // A stored next slot beyond the real one means the clock went back: we would lose slots.
      // Pulling it in is safe: a slot that already has a run cannot be claimed twice.
      if (next && next.toISOString() < s.nextSlotAt) {
        if (await store.worker.moveNextSlot(s.channelId, s.nextSlotAt, next)) moved++;
      }
    }
    return moved;
  }

  const onItemError = (err: unknown) => {
    opts.logger?.error({ err: err instanceof Error ? err.message : String(err) }, "digest step failed");
  };

  /** The slot a due schedule claims: the latest one missed (one catch-up digest), and the next. */
  function planSlot(s: DueSchedule, now: Date): SlotPlan {
    let parsed: ParsedSchedule;
    try {
      parsed = parse(s);
    } catch (err) {
      return {
        invalid: `schedule no longer valid: ${err instanceof ScheduleError ? err.message : String(err)}`,
      };
    }
    const stored = new Date(s.nextSlotAt);
    const latest = latestSlot(parsed, new Date(stored.getTime() - 1), now);
    return {
      slot: latest?.slot ?? stored,
      next: nextSlot(parsed, now) ?? new Date(now.getTime() + 365 * 86_400_000),
      missed: latest?.count ?? 1,
    };
  }

  /**
   * Claims due slots a batch at a time and composes and posts them as they come (batch-pipeline.ts:
   * the next batch is claimed while the last one is still posting). Claiming first (bare) and
   * composing after means several instances split the work: each batch is claimed under FOR UPDATE
   * SKIP LOCKED, so no digest is composed by two instances (ADR 0021, 0026). An instance holds at
   * most a batch beyond what it is posting, reached well within the lease; the intent renews the
   * lease for the post itself.
   */
  async function claimDue(now: Date, report: TickReport): Promise<void> {
    await drainBatches<ClaimedSlot>({
      concurrency,
      onItemError,
      // One lane per platform: Discord's rate limit queue does not hold Slack's digests back.
      laneOf: ({ schedule }) => schedule.platform,
      claim: async (fullLanes) => {
        const { claimed, invalid, seen } = await store.worker.claimDueSlots({
          now,
          owner,
          leaseMs,
          limit: slotClaim,
          plan: (s) => planSlot(s, now),
          skipPlatforms: fullLanes,
        });
        for (const { schedule, reason } of invalid) {
          await store.schedules.pause(schedule.tenantId, schedule.channelId, reason, now);
        }
        report.claimed += claimed.length;
        return { items: claimed, more: seen >= slotClaim };
      },
      handle: async ({ run, schedule, missed }) => {
        // Composed with the schedule row as it was before the claim (its last claim bounds the
        // window); if composing fails, the run is composed again when it is resumed.
        let digest: Digest | undefined;
        try {
          digest = await compose(run, missed, schedule);
        } catch {
          return process(run, missed, report);
        }
        if (!digest) {
          if (await store.worker.markSkipped(run.id, owner, clock.now())) report.skipped++;
          return;
        }
        await process(run, missed, report, digest);
      },
    });
  }

  /**
   * What the channel's digest would contain right now (nothing is claimed or posted): dated at its
   * next slot, or at `at` (a digest posted now is dated now).
   */
  async function preview(tenantId: string, channelId: string, at?: Date): Promise<Digest | undefined> {
    const schedule = at ? undefined : await store.schedules.get(tenantId, channelId);
    const slot = at ?? (schedule ? new Date(schedule.nextSlotAt) : clock.now());
    return compose({ tenantId, channelId, slot: slot.toISOString() }, 1);
  }

  return {
    owner,
    /** One scheduler pass; safe to call from several processes at once. */
    async tick(): Promise<TickReport> {
      const now = clock.now();
      const report: TickReport = { claimed: 0, posted: 0, skipped: 0, retried: 0, failed: 0, replanned: 0 };
      if (lastNow === undefined || now.getTime() < lastNow - 60_000) report.replanned = await replan(now);
      lastNow = now.getTime();
      await claimDue(now, report);
      await drainBatches({
        concurrency,
        onItemError,
        claim: async () => {
          const pending = await store.worker.leasePendingRuns(owner, clock.now(), leaseMs, claimBatch);
          return { items: pending, more: pending.length >= claimBatch };
        },
        handle: (run) => process(run, 1, report),
      });
      return report;
    },
    preview,
    /**
     * `/digest now`: posts what the channel's next digest would contain and records those stories
     * as shown, so the next scheduled digest does not repeat them. Not a slot: no run is claimed,
     * and the post gets a nonce of its own.
     */
    async postNow(tenantId: string, channelId: string): Promise<{ posted: boolean; stories: number }> {
      const digest = await preview(tenantId, channelId, clock.now());
      // No digest: nothing new, and empty digests are off (composeDigest decides).
      if (!digest) return { posted: false, stories: 0 };
      const nonce = `now-${randomUUID().replaceAll("-", "").slice(0, 20)}`;
      await opts.poster.post(digest, { nonce, attempt: 1 });
      await store.digests.markShown(tenantId, channelId, shownOf(digest), nonce, clock.now());
      return { posted: true, stories: digest.items.length };
    },
  };
}

export type DigestRunner = ReturnType<typeof createDigestRunner>;
