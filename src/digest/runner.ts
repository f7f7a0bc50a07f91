import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { DigestRun, Schedule, Store } from "../store/types.js";
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
  /** How long a claimed run is ours before another instance may resume it (default 2 min). */
  leaseMs?: number;
  /** Tries per run before the schedule is paused (default 5). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs` (defaults 30 s and 30 min). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Schedules and runs handled per query (default 500). */
  batchSize?: number;
  /** Runs composed and posted at the same time (default 8). */
  concurrency?: number;
  /** How far back the first digest of a channel looks (default 24 h). */
  firstLookbackMs?: number;
  logger?: Pick<Logger, "info" | "warn" | "error">;
}

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
  const leaseMs = opts.leaseMs ?? 120_000;
  const batch = opts.batchSize ?? 500;
  const concurrency = opts.concurrency ?? 8;
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

  /** Runs `fn` over `items`, `concurrency` at a time; one item's failure is logged, not fatal. */
  async function inParallel<T>(items: T[], fn: (item: T) => Promise<void>): Promise<void> {
    let i = 0;
    const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (i < items.length) {
        const item = items[i++];
        await fn(item).catch((err: unknown) => {
          opts.logger?.error({ err: err instanceof Error ? err.message : String(err) }, "digest step failed");
        });
      }
    });
    await Promise.all(workers);
  }

  async function claimDue(now: Date, report: TickReport): Promise<void> {
    const seen = new Set<string>();
    for (;;) {
      const due = (await store.worker.dueSchedules(now, batch)).filter((s) => !seen.has(s.channelId));
      if (!due.length) return;
      for (const s of due) seen.add(s.channelId);
      await inParallel(due, async (s) => {
        let parsed: ParsedSchedule;
        try {
          parsed = parse(s);
        } catch (err) {
          const why = err instanceof ScheduleError ? err.message : String(err);
          await store.schedules.pause(s.tenantId, s.channelId, `schedule no longer valid: ${why}`, now);
          return;
        }
        const stored = new Date(s.nextSlotAt);
        const latest = latestSlot(parsed, new Date(stored.getTime() - 1), now);
        const slot = latest?.slot ?? stored;
        const next = nextSlot(parsed, now) ?? new Date(now.getTime() + 365 * 86_400_000);
        const missed = latest?.count ?? 1;
        // Compose before claiming so the claim stores the digest (or the skip) in the same
        // transaction; if composing fails, the run is claimed bare and composed on resume.
        let digest: Digest | null | undefined;
        try {
          const target = { tenantId: s.tenantId, channelId: s.channelId, slot: slot.toISOString() };
          digest = (await compose(target, missed, s)) ?? null;
        } catch {
          digest = undefined;
        }
        const run = await store.worker.claimSlot({ schedule: s, slot, next, owner, now, leaseMs, digest });
        if (!run) return;
        report.claimed++;
        if (run.status === "skipped") report.skipped++;
        else await process(run, missed, report, digest ?? undefined);
      });
      if (due.length < batch) return;
    }
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
      for (;;) {
        const pending = await store.worker.leasePendingRuns(owner, clock.now(), leaseMs, batch);
        if (!pending.length) break;
        await inParallel(pending, (run) => process(run, 1, report));
        if (pending.length < batch) break;
      }
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
