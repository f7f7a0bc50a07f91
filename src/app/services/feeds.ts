import { createFeedFollow } from "../feed-follow.js";
import type { FeedToFollow } from "../feed-test.js";
import { type FeedService, UserFacingError } from "../services.js";
import type { ServiceScope, StoreServicesDeps } from "./deps.js";
import { applyFilterChange, feedInfoOf, refilterSubscription, subscriptionByRef } from "./feed-filters.js";

/** Following feeds per channel; the feed is read before it is followed when a fetcher is wired. */
export function createFeedService(
  scope: ServiceScope,
  deps: Pick<StoreServicesDeps, "checkFeed" | "testFeed" | "fetchOpml" | "pollFeedNow">,
): FeedService {
  const { store, now, tenantId, channelId } = scope;
  // Modes, backfill, notify and OPML import/export (feed-follow.ts); imports go through `add`.
  const follow = createFeedFollow({
    store,
    now,
    tenantId,
    channelId,
    ...(deps.fetchOpml ? { fetchOpml: deps.fetchOpml } : {}),
    add: (tenant, channel, url, options) => service.add(tenant, channel, url, options),
  });
  /** The channel's feeds: status, last read, filter (feed-filters.ts) and how it follows each. */
  async function listed(tid: string, ch: string) {
    const [subs, described] = await Promise.all([
      store.filters.subscriptions(tid, ch),
      follow.described(tid, ch),
    ]);
    const modes = new Map(described.map((d) => [d.feed.id, d.info]));
    return subs.map((s) => ({ feedId: s.feed.id, info: { ...modes.get(s.feed.id), ...feedInfoOf(s) } }));
  }
  const service: FeedService = {
    async add(tenant, channel, url, options = {}) {
      // Checked before anything is fetched or stored: a bad filter is answered at once.
      const filter = applyFilterChange({ include: null, exclude: null }, options);
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
      await follow.apply(tid, ch, feed.id, options);
      // The first poll at once (when the poller is wired), so /stories shows the items right away.
      const filed = !checked.warning && deps.pollFeedNow ? await deps.pollFeedNow(tid, feed.id) : undefined;
      const info = (await listed(tid, ch)).find((d) => d.feedId === feed.id)?.info;
      return {
        ...info,
        url: feed.url,
        title: feed.title ?? undefined,
        status: checked.warning ?? "ok",
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
    setMode: (tenant, channel, feed, options) => follow.setMode(tenant, channel, feed, options),
    importOpml: (tenant, channel, source, options) => follow.importOpml(tenant, channel, source, options),
    exportOpml: (tenant, channel) => follow.exportOpml(tenant, channel),
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
      return (await listed(tid, await channelId(tid, channel))).map((d) => d.info);
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
  return service;
}
