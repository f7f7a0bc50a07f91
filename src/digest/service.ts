import type { Logger } from "pino";
import type { Store } from "../store/types.js";
import { createAlertRunner } from "./alert-runner.js";
import type { AlertPoster } from "./alert-types.js";
import type { Clock } from "./clock.js";
import type { FeedNoticePoster } from "./feed-notices.js";
import { createFeedPoller, type PollFeed } from "./feed-poller.js";
import { createDigestRunner } from "./runner.js";
import type { StoryGrouper } from "./story-grouper.js";
import type { DigestPoster } from "./types.js";

export interface DigestServiceOptions {
  store: Store;
  poster: DigestPoster & Partial<AlertPoster> & Partial<FeedNoticePoster>;
  clock: Clock;
  config: {
    DIGEST_MAX_STORIES: number;
    DIGEST_POST_EMPTY: boolean;
    FEED_INTERVAL_MINUTES: number;
    /** How often both loops wake up (default 20 s: a digest is at most that late). */
    DIGEST_TICK_SECONDS?: number;
    /** Leases on claimed digests and polled feeds (default 60 s): a killed instance's work resumes after it. */
    WORK_LEASE_SECONDS?: number;
    ALERTS_PER_HOUR?: number;
  };
  /** Without one, feeds are not polled (articles still arrive through channels). */
  pollFeed?: PollFeed;
  /** Files polled articles into stories; shared with /add (see createStoreServices). */
  grouper?: StoryGrouper;
  /** Overrides DIGEST_TICK_SECONDS (tests). */
  tickMs?: number;
  logger?: Pick<Logger, "info" | "warn" | "error">;
}

/**
 * The background loops of a running bot: feed polling, alerts and the digest scheduler, ticking on a
 * timer that never overlaps itself. The first tick runs at once: that is when missed slots get
 * their one catch-up digest and unfinished claims are resumed.
 */
export function createDigestService(opts: DigestServiceOptions) {
  const leaseMs = (opts.config.WORK_LEASE_SECONDS ?? 60) * 1000;
  const tickMs = opts.tickMs ?? (opts.config.DIGEST_TICK_SECONDS ?? 20) * 1000;
  const runner = createDigestRunner({
    leaseMs,
    store: opts.store,
    poster: opts.poster,
    clock: opts.clock,
    maxStories: opts.config.DIGEST_MAX_STORIES,
    postEmpty: opts.config.DIGEST_POST_EMPTY,
    logger: opts.logger,
  });
  const poller = opts.pollFeed
    ? createFeedPoller({
        store: opts.store,
        pollFeed: opts.pollFeed,
        clock: opts.clock,
        intervalMs: opts.config.FEED_INTERVAL_MINUTES * 60_000,
        // A poll fetches the feed and then several pages, each with its own time limit: five
        // leases (5 min by default) keep a slow poll from being taken over and done twice.
        leaseMs: leaseMs * 5,
        grouper: opts.grouper,
        logger: opts.logger,
        // Feed failures are told through the digests' poster, when it can post plain notices.
        ...(opts.poster.postNotice
          ? { notices: { postNotice: opts.poster.postNotice.bind(opts.poster) } }
          : {}),
      })
    : undefined;
  // Alert-mode feeds post through the same poster, when it can post alerts.
  const postAlert = opts.poster.postAlert?.bind(opts.poster);
  const alerts = postAlert
    ? createAlertRunner({
        store: opts.store,
        poster: { postAlert },
        clock: opts.clock,
        maxPerHour: opts.config.ALERTS_PER_HOUR ?? 6,
        // The same lease as digests: a killed instance's alerts are taken over as soon.
        leaseMs,
        logger: opts.logger,
      })
    : undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  async function tickOnce(): Promise<void> {
    try {
      if (poller) await poller.tick();
      if (alerts) await alerts.tick();
      await runner.tick();
    } catch (err) {
      opts.logger?.error({ err: err instanceof Error ? err.message : String(err) }, "digest loop failed");
    }
  }

  return {
    runner,
    poller,
    alerts,
    start(): void {
      stopped = false;
      const loop = () => {
        running = tickOnce().finally(() => {
          running = undefined;
          if (!stopped) timer = setTimeout(loop, tickMs);
        });
      };
      loop();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
