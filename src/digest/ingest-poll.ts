import { type PollDeps, pollFeed } from "../ingest/feeds/poll.js";
import { feedStateSchema, newFeedState } from "../ingest/feeds/state.js";
import type { PollFeed } from "./feed-poller.js";

/**
 * Adapts ingest's `pollFeed(state, deps)` (conditional GET, dedupe by seen keys, teasers,
 * backoff, disabling) to the poller's PollFeed: the FeedState travels through the store as the
 * feed's opaque `state`, and ingest's own next-poll time and disabled reason are kept.
 */
export function ingestPollFeed(deps: PollDeps): PollFeed {
  return async (feed) => {
    const parsed = feedStateSchema.safeParse(feed.state);
    const state = parsed.success ? parsed.data : newFeedState(feed.url);
    const result = await pollFeed(state, deps);
    const next = result.nextState;
    return {
      articles: result.items.map((i) => i.article),
      etag: next.etag ?? null,
      lastModified: next.lastModified ?? null,
      state: next,
      ...(next.nextPollAt ? { nextPollAt: new Date(next.nextPollAt) } : {}),
      ...(result.backlog ? { backlog: true } : {}),
      ...(result.status === "failed" ? { error: result.error ?? "the feed could not be read" } : {}),
      ...(result.status === "disabled" ? { disabled: result.error ?? "polling stopped" } : {}),
    };
  };
}
