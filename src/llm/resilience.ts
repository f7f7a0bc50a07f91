/**
 * Retry timing and the circuit breaker. The openai SDK's own retries are switched off
 * (maxRetries: 0) because it waits as long as any Retry-After says, even past our deadline;
 * here every wait is bounded by the time the user has left.
 */

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  attempts: number;
  /** First backoff; doubles per retry, with up to 25 % jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 3, baseDelayMs: 500, maxDelayMs: 8_000 };

/**
 * How long the server asks us to wait, from `retry-after-ms` (OpenAI, Azure) or the standard
 * `Retry-After` (seconds or an HTTP date). Undefined when it does not say.
 */
export function retryAfterMs(headers: Headers | undefined, now: number): number | undefined {
  const ms = headers?.get("retry-after-ms");
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function backoffMs(policy: RetryPolicy, retry: number, random = Math.random): number {
  const delay = Math.min(policy.baseDelayMs * 2 ** retry, policy.maxDelayMs);
  return delay * (1 - random() * 0.25);
}

export interface BreakerOptions {
  /** Consecutive failed calls that open the breaker. */
  failureThreshold: number;
  /** How long it stays open before one trial call is let through. */
  cooldownMs: number;
}

export const defaultBreakerOptions: BreakerOptions = { failureThreshold: 3, cooldownMs: 30_000 };

/**
 * Closed → open after `failureThreshold` consecutive failures → half-open after `cooldownMs`
 * (one trial call) → closed on success, open again on failure. While open, callers skip the
 * model and answer from the extractive engine at once.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;

  constructor(
    private readonly options: BreakerOptions,
    private readonly clock: Clock,
  ) {}

  /** Whether a call may go to the model now. */
  allow(): boolean {
    if (this.openedAt === undefined) return true;
    if (this.clock.now() - this.openedAt < this.options.cooldownMs || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.openedAt = undefined;
    this.trialInFlight = false;
  }

  failure(): void {
    this.failures++;
    this.trialInFlight = false;
    if (this.openedAt !== undefined || this.failures >= this.options.failureThreshold) {
      this.openedAt = this.clock.now();
    }
  }

  get state(): "closed" | "open" | "half-open" {
    if (this.openedAt === undefined) return "closed";
    return this.clock.now() - this.openedAt < this.options.cooldownMs ? "open" : "half-open";
  }
}
