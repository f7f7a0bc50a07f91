import { createFeedFollow } from "../feed-follow.js";
import type { FeedToFollow } from "../feed-test.js";
import { type FeedService, UserFacingError } from "../services.js";
import type { ServiceScope, StoreServicesDeps } from "./deps.js";

/** Following feeds per channel; the feed is read before it is followed when a fetcher is wired. */
export function createFeedService(
  scope: ServiceScope,
  deps: Pick<StoreServicesDeps, "checkFeed" | "testFeed" | "fetchOpml">,
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
  const service: FeedService = {
    async add(tenant, channel, url, options) {
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
      if (options) await follow.apply(tid, ch, feed.id, options);
      const info = (await follow.described(tid, ch)).find((d) => d.feed.id === feed.id)?.info;
      return { ...info, url: feed.url, title: feed.title ?? undefined, status: checked.warning ?? "ok" };
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
      return feed ? store.feeds.unsubscribe(tid, ch, feed.id) : false;
    },
    async list(tenant, channel) {
      const tid = await tenantId(tenant);
      return (await follow.described(tid, await channelId(tid, channel))).map((d) => d.info);
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
