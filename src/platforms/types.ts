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

/**
 * Keeps acknowledgements ahead of work. The HTTP server counts requests still waiting for their
 * response (Slack), the Discord adapter counts interactions until their deferral or response has
 * been sent; command work (SQLite writes, text analysis — synchronous, so it holds the event loop)
 * waits until none is waiting and none has arrived for `quietMs`, for at most `maxWaitMs` so a
 * steady stream cannot starve it. Waiters then go one per pass of the event loop: with the
 * synchronous store a released command runs until its first real I/O (a model or Slack call) in
 * one piece, and a hundred released at once would hold the loop for hundreds of milliseconds while
 * new requests wait to be read. Under a burst of slash commands every ack goes out first, well
 * inside Slack's and Discord's 3 s; the replies, which have minutes, come after.
 */
export class AckGate {
  private waiting = 0;
  private lastArrival = 0;
  private line: Promise<void> = Promise.resolve();

  constructor(
    private readonly quietMs = 200,
    private readonly maxWaitMs = 3_000,
  ) {}

  /** Counts a request until its response has been sent. */
  track(res: { once(event: "close", listener: () => void): unknown }): void {
    res.once("close", this.hold());
  }

  /**
   * Counts an ack still to be sent that is not an HTTP response of ours (a Discord interaction
   * callback goes out through the REST client). Call the returned release once it has been sent or
   * has failed; calling it again does nothing, so a `finally` and an early release cannot count twice.
   */
  hold(): () => void {
    this.waiting++;
    this.lastArrival = performance.now();
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.waiting--;
    };
  }

  get pending(): number {
    return this.waiting;
  }

  /**
   * A yield point inside work already under way (after a model answered, between stories): the
   * caller's turn, one pass of the event loop so requests that arrived are read, then a wait while
   * any of them still awaits its ack (at most `maxWaitMs`). No quiet period: the work resumes as
   * soon as the acks are out.
   */
  pause(): Promise<void> {
    const until = performance.now() + this.maxWaitMs;
    return this.turn(async () => {
      while (this.waiting > 0 && performance.now() < until) await sleep(5);
    });
  }

  /** Resolves when this caller may work: the acks are out (or `maxWaitMs` passed) and it is its turn. */
  clear(): Promise<void> {
    const until = performance.now() + this.maxWaitMs;
    return this.turn(async () => {
      while (
        performance.now() < until &&
        (this.waiting > 0 || performance.now() - this.lastArrival < this.quietMs)
      ) {
        await sleep(5);
      }
    });
  }

  /**
   * Callers go one per pass of the event loop, in order: released together they would resume in
   * one piece (setImmediate callbacks queued together run together).
   */
  private turn(wait: () => Promise<void>): Promise<void> {
    const turn = this.line.then(async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      await wait();
    });
    this.line = turn;
    return turn;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
