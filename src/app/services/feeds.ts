import type { FeedToFollow } from "../feed-test.js";
import { type FeedService, UserFacingError } from "../services.js";
import type { ServiceScope, StoreServicesDeps } from "./deps.js";

/** Following feeds per channel; the feed is read before it is followed when a fetcher is wired. */
export function createFeedService(
  scope: ServiceScope,
  deps: Pick<StoreServicesDeps, "checkFeed" | "testFeed">,
): FeedService {
  const { store, now, tenantId, channelId } = scope;
  return {
    async add(tenant, channel, url) {
      // The bot always reads it first (wiring.ts); services built without a fetcher follow it as given.
      const checked: FeedToFollow = deps.checkFeed ? await deps.checkFeed(url) : { url: url.trim() };
      const tid = await tenantId(tenant);
      const feed = await store.feeds.add(
        tid,
        { url: checked.url, ...(checked.title ? { title: checked.title } : {}) },
        now(),
      );
      await store.feeds.subscribe(tid, await channelId(tid, channel), feed.id);
      return { url: feed.url, title: feed.title ?? undefined, status: checked.warning ?? "ok" };
    },
    async remove(tenant, channel, url) {
      const tid = await tenantId(tenant);
      const ch = await channelId(tid, channel);
      const feed = (await store.feeds.listForChannel(tid, ch)).find(
        (f) => f.url === url || f.url === url.replace(/\/$/, ""),
      );
      return feed ? store.feeds.unsubscribe(tid, ch, feed.id) : false;
    },
    async list(tenant, channel) {
      const tid = await tenantId(tenant);
      const feeds = await store.feeds.listForChannel(tid, await channelId(tid, channel));
      return feeds.map((f) => ({
        url: f.url,
        title: f.title ?? undefined,
        status: f.lastError ? `failing: ${f.lastError}` : "ok",
      }));
    },
    async test(url) {
      if (!deps.testFeed)
        throw new UserFacingError(
          "Testing a feed is not available here.",
          "Add it with /feeds add and watch /feeds list.",
        );
      return deps.testFeed(url);
    },
  };
}
