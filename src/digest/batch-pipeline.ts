/**
 * Works through claimed batches with up to `concurrency` items in flight per lane (a lane is a
 * platform), claiming the next batch while the current one is still being posted.
 *
 * Why: a batch used to end at a barrier, so one post held back by a platform's rate limit
 * (discord.js queues requests past Discord's per-bot limit) left every other worker idle until it
 * returned, and one platform's throttle slowed every other platform's digests. Now each lane has
 * its own workers, and a lane whose workers are all busy is left out of the next claim, so
 * Slack digests keep going while Discord's wait their turn in Discord's queue.
 *
 * Bounds: at most one claim is in flight, and a lane whose workers all have an item takes no more,
 * so an instance holds at most a batch beyond what it is posting: the rest stays free for other
 * instances (FOR UPDATE SKIP LOCKED), and every held run is reached well within its lease.
 */
export interface BatchPipelineOptions<T> {
  /**
   * Claims the next batch, leaving out the lanes listed (every worker of theirs has an item
   * already). `more` is false when the store had fewer than a batch left outside those lanes.
   */
  claim: (fullLanes: string[]) => Promise<{ items: T[]; more: boolean }>;
  handle: (item: T) => Promise<void>;
  /** Without lanes every item is in one lane and a claim waits until it runs low. */
  laneOf?: (item: T) => string;
  /** Items in flight per lane; a lane holding this many (in flight and waiting) is left out of claims. */
  concurrency: number;
  /** One item's failure is reported here and does not stop the others. */
  onItemError: (err: unknown) => void;
}

interface Lane<T> {
  waiting: T[];
  active: number;
}

export function drainBatches<T>(opts: BatchPipelineOptions<T>): Promise<void> {
  const lanes = new Map<string, Lane<T>>();
  const laneOf = opts.laneOf ?? (() => "");
  let claiming = false;
  let claimError: unknown;
  // After a short claim, the only due work left is in the lanes it left out: claim again only
  // once one of those has room. `undefined`: nothing is known to be exhausted yet.
  let exhaustedBeyond: Set<string> | undefined;
  let finish: (() => void) | undefined;
  let fail: ((err: unknown) => void) | undefined;

  // A lane whose workers all have an item (in flight or waiting) is full: claiming more for it would
  // only hold runs that another instance, with workers free, could be posting (Discord's are held
  // back by the rate limit, so an instance that took them all would post them at its share only).
  const fullLanes = () =>
    [...lanes].filter(([, l]) => l.waiting.length + l.active >= opts.concurrency).map(([name]) => name);

  const mayClaim = (): boolean => {
    if (claiming || claimError !== undefined) return false;
    const full = fullLanes();
    // Without lanes the claim cannot leave the one lane out: when it is full, more would only wait.
    // With lanes, a claim leaving out every full lane may still find a platform not seen yet (due
    // rows come in slot order, one platform's often first); if it finds nothing, `exhaustedBeyond`
    // holds further claims until a lane has room.
    if (!opts.laneOf && full.length > 0) return false;
    if (exhaustedBeyond === undefined) return true;
    // Worth claiming only if a lane the short claim left out is no longer full.
    return [...exhaustedBeyond].some((name) => !full.includes(name));
  };

  const settle = () => {
    if (claiming) return;
    for (const lane of lanes.values()) if (lane.active > 0 || lane.waiting.length > 0) return;
    if (claimError !== undefined) fail?.(claimError);
    else finish?.();
  };

  const claimNext = () => {
    if (!mayClaim()) return;
    claiming = true;
    const left = fullLanes();
    opts
      .claim(left)
      .then((batch) => {
        for (const item of batch.items) {
          const name = laneOf(item);
          let lane = lanes.get(name);
          if (!lane) {
            lane = { waiting: [], active: 0 };
            lanes.set(name, lane);
          }
          lane.waiting.push(item);
        }
        // A short claim that left nothing out leaves the empty set: nothing more to claim this pass.
        exhaustedBeyond = batch.more ? undefined : new Set(left);
      })
      .catch((err: unknown) => {
        // A failed claim ends this pass (the next tick claims again); what is held is finished.
        claimError = err;
      })
      .finally(() => {
        claiming = false;
        startWorkers();
        claimNext();
        settle();
      });
  };

  const work = async (lane: Lane<T>) => {
    lane.active++;
    for (;;) {
      const item = lane.waiting.shift();
      if (item === undefined) break;
      if (lane.waiting.length < opts.concurrency) claimNext();
      await opts.handle(item).catch(opts.onItemError);
    }
    lane.active--;
    claimNext();
    settle();
  };

  const startWorkers = () => {
    // Each worker takes its first item before its first await, so `waiting` shrinks as they start.
    for (const lane of lanes.values())
      while (lane.active < opts.concurrency && lane.waiting.length > 0) void work(lane);
  };

  return new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
    claimNext();
    settle();
  });
}
