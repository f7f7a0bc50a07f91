import type { FeedToFollow } from "../feed-test.js";
import { type FeedService, UserFacingError } from "../services.js";
import type { ServiceScope, StoreServicesDeps } from "./deps.js";
import { applyFilterChange, feedInfoOf, refilterSubscription, subscriptionByRef } from "./feed-filters.js";

/** Following feeds per channel; the feed is read before it is followed when a fetcher is wired. */
export function createFeedService(
  scope: ServiceScope,
  deps: Pick<StoreServicesDeps, "checkFeed" | "testFeed" | "pollFeedNow">,
): FeedService {
  const { store, now, tenantId, channelId } = scope;
  return {
    async add(tenant, channel, url, change = {}) {
      // Checked before anything is fetched or stored: a bad filter is answered at once.
      const filter = applyFilterChange({ include: null, exclude: null }, change);
      // The bot always reads it first (wiring.ts); services built without a fetcher follow it as given.
      const checked: FeedToFollow = deps.checkFeed ? await deps.checkFeed(url) : { url: url.trim() };
      const tid = await tenantId(tenant);
      const feed = await store.feeds.add(
        tid,
        { url: checked.url, ...(checked.title ? { title: checked.title } : {}) },
        now(),
      );
      const ch = await channelId(tid, channel);
      await store.feeds.subscribe(tid, ch, feed.id);
      if (filter.include !== null || filter.exclude !== null) {
        await store.filters.setFilter(tid, ch, feed.id, filter);
        await refilterSubscription(store, tid, ch, feed.id, now());
      }
      // The first poll at once (when the poller is wired), so /stories shows the items right away.
      const filed = !checked.warning && deps.pollFeedNow ? await deps.pollFeedNow(tid, feed.id) : undefined;
      return {
        url: feed.url,
        title: feed.title ?? undefined,
        status: checked.warning ?? "ok",
        ...(filter.include ? { include: filter.include } : {}),
        ...(filter.exclude ? { exclude: filter.exclude } : {}),
        ...(filed !== undefined ? { filed } : {}),
      };
    },
    async filter(tenant, channel, ref, change) {
      const tid = await tenantId(tenant);
      const ch = await channelId(tid, channel);
      const sub = subscriptionByRef(await store.filters.subscriptions(tid, ch), ref);
      const filter = applyFilterChange(sub, change);
      if (!(await store.filters.setFilter(tid, ch, sub.feed.id, filter)))
        throw new UserFacingError(`This channel no longer follows ${sub.feed.url}.`, "Run /feeds list.");
      await refilterSubscription(store, tid, ch, sub.feed.id, now());
      return feedInfoOf({ ...sub, ...filter });
    },
    async remove(tenant, channel, url) {
      const tid = await tenantId(tenant);
      const ch = await channelId(tid, channel);
      const feed = (await store.feeds.listForChannel(tid, ch)).find(
        (f) => f.url === url || f.url === url.replace(/\/$/, ""),
      );
      if (!feed) return false;
      // What the filter dropped for this channel goes with the subscription.
      await store.filters.clearFiltered(tid, ch, feed.id);
      return store.feeds.unsubscribe(tid, ch, feed.id);
    },
    async list(tenant, channel) {
      const tid = await tenantId(tenant);
      return (await store.filters.subscriptions(tid, await channelId(tid, channel))).map(feedInfoOf);
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
