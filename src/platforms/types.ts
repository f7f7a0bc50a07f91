/** A chat platform connection the app starts and stops. */
export interface PlatformAdapter {
  readonly name: "discord" | "slack";
  start(): Promise<void>;
  /** Stops taking new commands, then waits for the replies already in flight. */
  stop(): Promise<void>;
  connected(): boolean;
}

/**
 * Tracks replies still being worked on, so a graceful shutdown (SIGTERM) finishes them rather
 * than leaving a "thinking…" message forever.
 */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();
  private closing = false;

  get size(): number {
    return this.pending.size;
  }

  get accepting(): boolean {
    return !this.closing;
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const remove = () => this.pending.delete(work);
    work.then(remove, remove);
    return work;
  }

  /** Refuses new work and resolves when in-flight work settles or after `timeoutMs`. */
  async drain(timeoutMs: number): Promise<void> {
    this.closing = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    await Promise.race([Promise.allSettled([...this.pending]), timeout]);
    clearTimeout(timer);
  }
}
