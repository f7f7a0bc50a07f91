/**
 * Politeness per host: at most `concurrency` requests at once, and a pause after a 429 so the
 * following requests to that host wait for its Retry-After instead of hammering it.
 */
export class HostLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();
  private readonly pausedUntil = new Map<string, number>();

  constructor(
    private readonly concurrency: number,
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(host: string): Promise<() => void> {
    const count = this.active.get(host) ?? 0;
    if (count < this.concurrency) {
      this.active.set(host, count + 1);
    } else {
      // The slot is handed over directly by release(), so the count stays right.
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(host) ?? [];
        queue.push(resolve);
        this.waiting.set(host, queue);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.get(host)?.shift();
      if (next) next();
      else this.active.set(host, (this.active.get(host) ?? 1) - 1);
    };
  }

  pause(host: string, ms: number): void {
    const until = this.now() + ms;
    if ((this.pausedUntil.get(host) ?? 0) < until) this.pausedUntil.set(host, until);
  }

  /** Milliseconds until the host may be asked again (0 when it is not paused). */
  pausedFor(host: string): number {
    return Math.max(0, (this.pausedUntil.get(host) ?? 0) - this.now());
  }
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}
