import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { DigestRun, Schedule, Store } from "../store/types.js";
import type { Clock } from "./clock.js";
import { composeDigest } from "./compose.js";
import { latestSlot, nextSlot, type ParsedSchedule, parseSchedule, ScheduleError } from "./schedule.js";
import { type Digest, DigestPostError, type DigestPoster, digestSchema } from "./types.js";

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
 * (3) compose and post every claimed or resumable run, retrying with backoff.
 */
export function createDigestRunner(opts: DigestRunnerOptions) {
  const owner = opts.owner ?? `runner-${randomUUID()}`;
  const leaseMs = opts.leaseMs ?? 120_000;
  const maxAttempts = opts.maxAttempts ?? 5;
  const backoffMs = opts.backoffMs ?? 30_000;
  const maxBackoffMs = opts.maxBackoffMs ?? 30 * 60_000;
  const batch = opts.batchSize ?? 500;
  const concurrency = opts.concurrency ?? 8;
  const lookback = opts.firstLookbackMs ?? 86_400_000;
  const { store, clock } = opts;
  let lastNow: number | undefined;

  const parse = (s: Schedule): ParsedSchedule => parseSchedule(`${s.spec} ${s.timezone}`, s.timezone);

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

  async function compose(run: DigestRun, missedSlots: number): Promise<Digest | undefined> {
    const channel = await store.channels.get(run.tenantId, run.channelId);
    const schedule = await store.schedules.get(run.tenantId, run.channelId);
    if (!channel) throw new DigestPostError("the channel is no longer known", true);
    const last = await store.digests.lastFinished(run.tenantId, run.channelId);
    const slot = new Date(run.slot);
    // Shown versions already prevent repeats; the window only bounds the query. It reaches back
    // `lookback` before the slot (a clock set back must not hide stories) and, for the first
    // digest, before the schedule was made.
    const since = new Date(
      last
        ? Math.min(Date.parse(last.createdAt) - 3_600_000, slot.getTime() - lookback)
        : Math.min(slot.getTime(), Date.parse(schedule?.createdAt ?? run.slot)) - lookback,
    );
    const candidates = await store.digests.candidates(run.tenantId, run.channelId, since);
    return composeDigest({
      tenantId: run.tenantId,
      channelId: run.channelId,
      channelExternalId: channel.externalId,
      slot,
      timezone: schedule?.timezone ?? channel.timezone ?? "UTC",
      candidates,
      maxStories: opts.maxStories,
      postEmpty: opts.postEmpty,
      missedSlots,
    });
  }

  async function process(run: DigestRun, missedSlots: number, report: TickReport): Promise<void> {
    const now = clock.now();
    try {
      let digest: Digest | undefined;
      if (run.digest === null) {
        // Composed once and stored: a resumed run posts exactly what the first attempt would have.
        digest = await compose(run, missedSlots);
        if (!digest) {
          await store.worker.markSkipped(run.id, owner, now);
          report.skipped++;
          return;
        }
        if (!(await store.worker.saveRunDigest(run.id, owner, digest))) return;
      } else {
        digest = digestSchema.parse(run.digest);
      }
      const { messageId } = await opts.poster.post(digest, { nonce: run.nonce, attempt: run.attempts + 1 });
      const shown = digest.items.map((i) => ({
        storyId: i.storyId,
        version: i.version,
        keyPoints: i.allKeyPoints,
      }));
      await store.worker.markPosted(run.id, owner, messageId, shown, clock.now());
      report.posted++;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const permanent = err instanceof DigestPostError && err.permanent;
      const attempts = run.attempts + 1;
      if (permanent || attempts >= maxAttempts) {
        const why = `digest paused after ${attempts} failed attempt${attempts === 1 ? "" : "s"}: ${reason}`;
        await store.worker.markFailed(run.id, owner, why, clock.now());
        opts.logger?.error({ channelId: run.channelId, slot: run.slot, err: reason }, "digest paused");
        report.failed++;
      } else {
        const hinted = err instanceof DigestPostError ? err.retryAfterMs : undefined;
        const delay = Math.max(hinted ?? 0, Math.min(maxBackoffMs, backoffMs * 2 ** (attempts - 1)));
        await store.worker.markRetry(run.id, owner, reason, new Date(clock.now().getTime() + delay));
        opts.logger?.warn({ channelId: run.channelId, slot: run.slot, err: reason, delay }, "digest retry");
        report.retried++;
      }
    }
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
        const run = await store.worker.claimSlot({ schedule: s, slot, next, owner, now, leaseMs });
        if (!run) return;
        report.claimed++;
        await process(run, latest?.count ?? 1, report);
      });
      if (due.length < batch) return;
    }
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
    /** What the channel's next digest would contain right now (nothing is claimed or posted). */
    async preview(tenantId: string, channelId: string): Promise<Digest | undefined> {
      const now = clock.now();
      const schedule = await store.schedules.get(tenantId, channelId);
      const slot = schedule ? new Date(schedule.nextSlotAt) : now;
      const fake: DigestRun = {
        id: "preview",
        tenantId,
        channelId,
        slot: slot.toISOString(),
        status: "claimed",
        digest: null,
        nonce: "",
        attempts: 0,
        nextAttemptAt: now.toISOString(),
        lastError: null,
        messageId: null,
        createdAt: now.toISOString(),
        finishedAt: null,
      };
      return compose(fake, 1);
    },
  };
}

export type DigestRunner = ReturnType<typeof createDigestRunner>;
