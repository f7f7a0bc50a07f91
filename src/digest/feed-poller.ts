import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Article, StoryBrief } from "../core/types.js";
import type { Feed, Store } from "../store/types.js";
import type { Clock } from "./clock.js";
import {
  announceFeedHealth,
  type FeedHealth,
  type FeedNoticePoster,
  healthAfterPoll,
} from "./feed-notices.js";
import { createStoryGrouper, type StoryGrouper } from "./story-grouper.js";
import { decideFeedItem } from "./subscription-filters.js";

/** What the loop hands the fetcher: the feed and its conditional-request state. */
export interface FeedToPoll {
  url: string;
  etag: string | null;
  lastModified: string | null;
  /** What the poll function returned as `state` last time (null the first time). */
  state: unknown;
}

export interface FeedPollResult {
  /** New or changed entries, as articles (empty on 304 Not Modified). */
  articles: Article[];
  etag?: string | null;
  lastModified?: string | null;
  /** Opaque state to hand back next time (e.g. the keys of items already seen). */
  state?: unknown;
  /** When to poll next; default: the interval (or backoff after an error). */
  nextPollAt?: Date;
  /** The poll failed (kept for the user); articles may still be empty. */
  error?: string;
  /** Stop polling this feed, with the reason for the user. */
  disabled?: string;
  /** More new items wait for the next polls: the feed is not read up to date yet. */
  backlog?: boolean;
}

/** Fetches and parses one feed (the ingest layer provides the real one). */
export type PollFeed = (feed: FeedToPoll) => Promise<FeedPollResult>;

/** Turns an article into its story key and brief; the default is one story per canonical URL. */
export type StoryFor = (article: Article) => Promise<{ storyKey: string; brief: StoryBrief }>;

export interface FeedPollerOptions {
  store: Store;
  pollFeed: PollFeed;
  clock: Clock;
  intervalMs: number;
  /**
   * Fixed story assignment (e.g. one story per URL). Without it, articles are grouped with the
   * tenant's recent stories about the same event (see story-grouper.ts).
   */
  storyFor?: StoryFor;
  /** The grouper to file articles with; pass the one /add uses, so both queue per tenant together. */
  grouper?: StoryGrouper;
  owner?: string;
  /** How long a leased feed is ours (default 5 min): a crashed poller's feeds come back after it. */
  leaseMs?: number;
  batchSize?: number;
  concurrency?: number;
  logger?: Pick<Logger, "warn" | "info">;
  /** Where feed failures and recoveries are told to the channels following the feed. */
  notices?: FeedNoticePoster;
}

export interface PollReport {
  polled: number;
  articles: number;
  /** New items no following channel's filter kept. */
  filtered: number;
  errors: number;
}

/**
 * Polls due feeds under leases: on SQLite one process does it all; on PostgreSQL several
 * instances each lease different feeds (FOR UPDATE SKIP LOCKED), so no feed is polled twice.
 * A failing feed backs off (interval × 2^errors, at most a day) and keeps its error for the user.
 */
export function createFeedPoller(opts: FeedPollerOptions) {
  const owner = opts.owner ?? `poller-${randomUUID()}`;
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const batch = opts.batchSize ?? 50;
  const concurrency = opts.concurrency ?? 4;
  const { store, clock } = opts;
  const storyFor = opts.storyFor;
  const grouper = storyFor ? undefined : (opts.grouper ?? createStoryGrouper({ store }));

  const backoff = (feed: Feed) =>
    Math.min(86_400_000, opts.intervalMs * 2 ** Math.min(feed.errorCount + 1, 10));

  /** Feed failures and recoveries are said in the channels that follow it (feed-notices.ts). */
  async function tell(feed: Feed, health: FeedHealth | "unchanged", why: string | undefined) {
    if (!opts.notices || health === "unchanged") return;
    try {
      await announceFeedHealth({ store, poster: opts.notices, logger: opts.logger }, feed, health, why);
    } catch (err) {
      opts.logger?.warn({ feed: feed.url, err: String(err) }, "feed notices failed");
    }
  }

  async function pollOne(feed: Feed, report: PollReport): Promise<void> {
    const started = clock.now();
    try {
      const result = await opts.pollFeed({
        url: feed.url,
        etag: feed.etag,
        lastModified: feed.lastModified,
        state: feed.state,
      });
      // Each channel's filter decides for itself; an item every follower drops is not filed at all
      // (no brief, no story), and the feed's seen keys keep it from being fetched again.
      const subscribers = result.articles.length
        ? await store.filters.subscribers(feed.tenantId, feed.id)
        : [];
      for (const article of result.articles) {
        const decision = decideFeedItem(feed.id, subscribers, article);
        if (decision.dropped.length)
          await store.filters.recordFiltered(feed.tenantId, decision.dropped, clock.now());
        if (!decision.keep) {
          report.filtered++;
          continue;
        }
        const saved = await store.articles.save(feed.tenantId, article, { feedId: feed.id }, clock.now());
        if (grouper) await grouper.file(feed.tenantId, saved.id, article, clock.now());
        else if (storyFor) {
          const { storyKey, brief } = await storyFor(article);
          await store.stories.save(
            feed.tenantId,
            { storyKey, title: brief.title || article.title, brief, articleIds: [saved.id] },
            clock.now(),
          );
        }
        report.articles++;
      }
      const failed = result.error ?? result.disabled;
      await store.worker.finishFeedPoll(feed.id, owner, {
        now: started,
        nextPollAt:
          result.nextPollAt ?? new Date(started.getTime() + (failed ? backoff(feed) : opts.intervalMs)),
        etag: result.etag,
        lastModified: result.lastModified,
        ...(failed ? { error: failed } : {}),
        ...(result.state !== undefined ? { state: result.state } : {}),
        ...(result.disabled ? { disabledReason: result.disabled } : {}),
      });
      if (failed) report.errors++;
      else report.polled++;
      await tell(feed, healthAfterPoll(feed, result), failed);
      // An alert-mode subscription waiting for its feed's first read starts once the feed is read
      // up to date: everything ingested until now was old news, marked seen, never posted.
      if (!failed && !result.backlog) await store.alertWorker.start(feed.id, clock.now());
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await store.worker.finishFeedPoll(feed.id, owner, {
        now: started,
        nextPollAt: new Date(started.getTime() + backoff(feed)),
        error: message,
      });
      opts.logger?.warn({ feed: feed.url, err: message }, "feed poll failed");
      report.errors++;
      await tell(feed, healthAfterPoll(feed, { error: message }), message);
    }
  }

  return {
    owner,
    /**
     * Polls one feed now, due or not (`/feeds add` files a new feed's items before it replies);
     * null when another poller holds it or it is disabled.
     */
    async pollNow(tenantId: string, feedId: string): Promise<PollReport | null> {
      const feed = await store.worker.leaseFeed(tenantId, feedId, owner, clock.now(), leaseMs);
      if (!feed) return null;
      const report: PollReport = { polled: 0, articles: 0, filtered: 0, errors: 0 };
      await pollOne(feed, report);
      return report;
    },
    async tick(): Promise<PollReport> {
      const report: PollReport = { polled: 0, articles: 0, filtered: 0, errors: 0 };
      for (;;) {
        const feeds = await store.worker.leaseDueFeeds(owner, clock.now(), leaseMs, batch);
        let i = 0;
        const workers = Array.from({ length: Math.min(concurrency, feeds.length) }, async () => {
          while (i < feeds.length) await pollOne(feeds[i++], report);
        });
        await Promise.all(workers);
        if (feeds.length < batch) return report;
      }
    },
  };
}

export type FeedPoller = ReturnType<typeof createFeedPoller>;
