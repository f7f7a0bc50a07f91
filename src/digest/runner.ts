import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type {
  CandidateRef,
  DigestCandidate,
  DigestRun,
  DueSchedule,
  Schedule,
  Store,
  StoredStory,
  StoryLink,
} from "../store/types.js";
import type { Clock } from "./clock.js";
import { composeDigest, rankCandidates, shownOf } from "./compose.js";
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

  const parsedCache = new Map<string, ParsedSchedule>();
  const parse = (s: Schedule): ParsedSchedule => {
    const key = `${s.spec}|${s.timezone}`;
    let p = parsedCache.get(key);
    if (!p) {
      p = parseSchedule(`${s.spec} ${s.timezone}`, s.timezone);
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

  // Many channels show the same stories: a parsed brief is immutable per (story, version), and
  // links only change with the article count, so both are kept for a while instead of re-read.
  const storyCache = new Map<string, StoredStory>();
  const linkCache = new Map<string, StoryLink[]>();
  const remember = <T>(cache: Map<string, T>, key: string, value: T) => {
    if (cache.size >= 5000) cache.clear();
    cache.set(key, value);
  };

  async function load(tenantId: string, refs: CandidateRef[]): Promise<DigestCandidate[]> {
    const storyKey = (r: CandidateRef) => `${tenantId}|${r.storyId}|${r.version}`;
    const linkKey = (r: CandidateRef) => `${storyKey(r)}|${r.articleCount}`;
    const missingStories = refs.filter((r) => !storyCache.has(storyKey(r))).map((r) => r.storyId);
    for (const s of await store.stories.getMany(tenantId, missingStories)) {
      remember(storyCache, `${tenantId}|${s.id}|${s.version}`, s);
    }
    const missingLinks = refs.filter((r) => !linkCache.has(linkKey(r)));
    const links = await store.stories.links(
      tenantId,
      missingLinks.map((r) => r.storyId),
    );
    for (const r of missingLinks) remember(linkCache, linkKey(r), links.get(r.storyId) ?? []);
    const out: DigestCandidate[] = [];
    for (const r of refs) {
      // A story updated between the two reads is left for the next digest rather than shown half-new.
      const story = storyCache.get(storyKey(r));
      if (!story) continue;
      out.push({ story, links: linkCache.get(linkKey(r)) ?? [], ...(r.shown ? { shown: r.shown } : {}) });
    }
    return out;
  }

  /** The query window when the schedule row is at hand: its last claim bounds the previous digest. */
  const windowFrom = (s: Schedule, slot: Date) =>
    new Date(Math.min(Date.parse(s.updatedAt), slot.getTime()) - lookback);

  async function compose(
    run: Pick<DigestRun, "tenantId" | "channelId" | "slot">,
    missedSlots: number,
    due?: DueSchedule,
  ): Promise<Digest | undefined> {
    const slot = new Date(run.slot);
    if (due) {
      return composeWindow(
        run,
        slot,
        missedSlots,
        windowFrom(due, slot),
        due.channelExternalId,
        due.timezone,
      );
    }
    const channel = await store.channels.get(run.tenantId, run.channelId);
    const schedule = await store.schedules.get(run.tenantId, run.channelId);
    if (!channel) throw new DigestPostError("the channel is no longer known", true);
    const last = await store.digests.lastFinished(run.tenantId, run.channelId);
    // Shown versions already prevent repeats; the window only bounds the query. It reaches back
    // `lookback` before the slot (a clock set back must not hide stories) and, for the first
    // digest, before the schedule was made.
    const since = new Date(
      last
        ? Math.min(Date.parse(last.createdAt) - 3_600_000, slot.getTime() - lookback)
        : Math.min(slot.getTime(), Date.parse(schedule?.createdAt ?? run.slot)) - lookback,
    );
    const timezone = schedule?.timezone ?? channel.timezone ?? "UTC";
    return composeWindow(run, slot, missedSlots, since, channel.externalId, timezone);
  }

  async function composeWindow(
    run: Pick<DigestRun, "tenantId" | "channelId">,
    slot: Date,
    missedSlots: number,
    since: Date,
    channelExternalId: string,
    timezone: string,
  ): Promise<Digest | undefined> {
    const refs = await store.digests.candidates(run.tenantId, run.channelId, since);
    const picked = await load(run.tenantId, rankCandidates(refs, slot, opts.maxStories));
    return composeDigest({
      tenantId: run.tenantId,
      channelId: run.channelId,
      channelExternalId,
      slot,
      timezone,
      picked,
      postEmpty: opts.postEmpty,
      missedSlots,
    });
  }

  async function process(
    run: DigestRun,
    missedSlots: number,
    report: TickReport,
    composed?: Digest,
  ): Promise<void> {
    const now = clock.now();
    try {
      let digest: Digest | undefined = composed;
      if (digest) {
        // Just composed and stored with the claim: no need to read it back.
      } else if (run.digest === null) {
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
      await store.worker.markPosted(run.id, owner, messageId, shownOf(digest), clock.now());
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

  /** What the channel's next digest would contain right now (nothing is claimed or posted). */
  async function preview(tenantId: string, channelId: string): Promise<Digest | undefined> {
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
      const digest = await preview(tenantId, channelId);
      if (!digest || (!digest.items.length && !opts.postEmpty)) return { posted: false, stories: 0 };
      const nonce = `now-${randomUUID().replaceAll("-", "").slice(0, 20)}`;
      await opts.poster.post(digest, { nonce, attempt: 1 });
      await store.digests.markShown(tenantId, channelId, shownOf(digest), nonce, clock.now());
      return { posted: true, stories: digest.items.length };
    },
  };
}

export type DigestRunner = ReturnType<typeof createDigestRunner>;
