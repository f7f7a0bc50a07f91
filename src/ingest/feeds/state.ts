import { z } from "zod";

/**
 * What Newsdesk remembers about one followed feed between polls. Plain JSON (validated with zod
 * when read back), so the store can keep it in one column and the poller stays a function of
 * (state, dependencies) → (items, next state).
 */
export const feedStateSchema = z.object({
  url: z.string().url(),
  title: z.string().optional(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** Keys (GUID, else canonical link) of items already ingested, newest first, bounded. */
  seen: z.array(z.string()).default([]),
  /** Consecutive failed polls; 0 after a success. */
  failures: z.number().int().nonnegative().default(0),
  lastError: z.string().optional(),
  lastPolledAt: z.string().optional(),
  lastSuccessAt: z.string().optional(),
  /** When the next poll is due (ISO 8601). */
  nextPollAt: z.string().optional(),
  /** Set when polling stopped; the reason is shown to the user. */
  disabled: z.object({ at: z.string(), reason: z.string() }).optional(),
});

export type FeedState = z.infer<typeof feedStateSchema>;

export function newFeedState(url: string): FeedState {
  return { url, seen: [], failures: 0 };
}

export interface ScheduleOptions {
  /** FEED_INTERVAL_MINUTES. */
  intervalMinutes: number;
  /** 0..1 random source for jitter (Math.random in production, fixed in tests). */
  random: () => number;
}

/** How many seen keys a feed keeps: far more than any feed lists at once. */
export const SEEN_LIMIT = 2000;
/** Consecutive failures before a feed that keeps failing for a passing reason is disabled. */
export const MAX_TRANSIENT_FAILURES = 10;
/** Consecutive failures before a feed failing for a lasting reason (404, not a feed) is disabled. */
export const MAX_PERMANENT_FAILURES = 3;
const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;

/**
 * The next poll after a success: the interval ± 10 % jitter, so feeds added together do not
 * stay in lockstep and hit their hosts at the same instant.
 */
export function nextPollAfterSuccess(now: Date, opts: ScheduleOptions): Date {
  const interval = opts.intervalMinutes * 60_000;
  const jitter = (opts.random() * 2 - 1) * 0.1 * interval;
  return new Date(now.getTime() + interval + jitter);
}

/**
 * The next poll after the `failures`-th consecutive failure: exponential backoff from the
 * interval (×2 each time, up to a day), with jitter, and never sooner than a Retry-After.
 */
export function nextPollAfterFailure(
  now: Date,
  failures: number,
  opts: ScheduleOptions,
  retryAfterMs = 0,
): Date {
  const interval = opts.intervalMinutes * 60_000;
  const backoff = Math.min(MAX_BACKOFF_MS, interval * 2 ** Math.max(0, failures - 1));
  const jitter = opts.random() * 0.2 * backoff;
  return new Date(now.getTime() + Math.max(backoff + jitter, retryAfterMs));
}

/** Whether a feed should be polled now. */
export function isDue(state: FeedState, now: Date): boolean {
  if (state.disabled) return false;
  return !state.nextPollAt || Date.parse(state.nextPollAt) <= now.getTime();
}

/** Re-enables a disabled feed (the user fixed it or asked to retry). */
export function reenableFeed(state: FeedState): FeedState {
  const { disabled: _disabled, ...rest } = state;
  return { ...rest, failures: 0, lastError: undefined, nextPollAt: undefined };
}
