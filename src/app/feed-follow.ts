import type { Feed, Store } from "../store/types.js";
import type { FeedInfo, FollowOptions, ImportedFeed } from "./services.js";
import { UserFacingError } from "./services.js";

/** Largest backfill a new alert feed may ask for: a first read never floods. */
export const MAX_BACKFILL = 10;

/**
 * How a channel follows its feeds (digest or alert mode, backfill, notify) and OPML import/export,
 * over the store: the parts of the feed service beyond add/remove/list (src/app/services/feeds.ts).
 */
export function createFeedFollow(deps: {
  store: Store;
  now: () => Date;
  /** The checked `/feeds add` (SSRF-safe read first): every imported URL goes through it. */
  add(tenant: string, channel: string, url: string, options?: FollowOptions): Promise<FeedInfo>;
  tenantId(tenant: string): Promise<string>;
  /** An OPML file's text from a link (the SSRF-checked fetcher); absent where nothing is fetched. */
  fetchOpml?(url: string): Promise<string>;
  channelId(tid: string, external: string): Promise<string>;
}) {
  const { store } = deps;

  /** Stores the mode of a subscription just made or changed. */
  async function apply(tid: string, channel: string, feedId: string, options: FollowOptions): Promise<void> {
    if (options.backfill !== undefined && (options.backfill < 0 || options.backfill > MAX_BACKFILL))
      throw new UserFacingError(
        `backfill must be between 0 and ${MAX_BACKFILL}.`,
        "Example: /feeds add https://example.com/feed.xml mode:alert backfill:3",
      );
    if (!options.mode && options.notify === undefined) return;
    const current = (await store.alerts.subscriptions(tid, channel)).find((s) => s.feedId === feedId);
    await store.alerts.setMode(
      tid,
      channel,
      feedId,
      {
        mode: options.mode ?? current?.mode ?? "digest",
        ...(options.backfill !== undefined ? { backfill: options.backfill } : {}),
        ...(options.notify !== undefined ? { notify: options.notify } : {}),
      },
      deps.now(),
    );
  }

  /** The channel's feeds with how it follows each. */
  async function described(tid: string, channel: string): Promise<{ feed: Feed; info: FeedInfo }[]> {
    const [feeds, subs] = await Promise.all([
      store.feeds.listForChannel(tid, channel),
      store.alerts.subscriptions(tid, channel),
    ]);
    const byFeed = new Map(subs.map((s) => [s.feedId, s]));
    return feeds.map((f) => {
      const s = byFeed.get(f.id);
      return {
        feed: f,
        info: {
          url: f.url,
          title: f.title ?? undefined,
          status: f.disabledReason
            ? `disabled: ${f.disabledReason}`
            : f.lastError
              ? `failing: ${f.lastError}`
              : "ok",
          mode: s?.mode ?? "digest",
          ...(s?.notify ? { notify: s.notify } : {}),
          ...(s?.backfill ? { backfill: s.backfill } : {}),
        },
      };
    });
  }

  return {
    apply,
    described,
    async setMode(tenant: string, external: string, ref: string, options: FollowOptions) {
      const tid = await deps.tenantId(tenant);
      const channel = await deps.channelId(tid, external);
      const all = await described(tid, channel);
      const wanted = ref.trim().replace(/\/$/, "").toLowerCase();
      const found =
        all.find((d) => d.feed.url.replace(/\/$/, "").toLowerCase() === wanted) ??
        all.find((d) => (d.feed.title ?? "").toLowerCase() === wanted) ??
        (() => {
          const partial = all.filter((d) => (d.feed.title ?? "").toLowerCase().includes(wanted));
          return partial.length === 1 ? partial[0] : undefined;
        })();
      if (!found) return null;
      await apply(tid, channel, found.feed.id, options);
      return (await described(tid, channel)).find((d) => d.feed.id === found.feed.id)?.info ?? null;
    },
    async importOpml(
      tenant: string,
      external: string,
      source: { text: string } | { url: string },
      options?: FollowOptions,
    ) {
      let text: string;
      if ("text" in source) text = source.text;
      else if (deps.fetchOpml) text = await deps.fetchOpml(source.url);
      else throw new UserFacingError("Fetching files is not available here.", "Paste the OPML text instead.");
      // The OPML parser loads on the first import, not with every bot (test/app/lazy-start).
      const { readOpml } = await import("./opml.js");
      const { entries, skipped } = readOpml(text);
      const tid = await deps.tenantId(tenant);
      const channel = await deps.channelId(tid, external);
      const before = new Set((await store.feeds.listForChannel(tid, channel)).map((f) => f.url));
      const results: ImportedFeed[] = skipped.map((why) => ({ url: "", outcome: "failed", detail: why }));
      // One at a time: each is read once (SSRF-checked) before it is followed, like /feeds add.
      for (const e of entries) {
        if (before.has(e.url)) {
          results.push({ url: e.url, ...(e.title ? { title: e.title } : {}), outcome: "already followed" });
          continue;
        }
        try {
          const info = await deps.add(tenant, external, e.url, options);
          const warning = info.status && info.status !== "ok" ? { detail: info.status } : {};
          results.push({ url: info.url, title: info.title ?? e.title, outcome: "added", ...warning });
        } catch (err) {
          const detail = err instanceof UserFacingError ? err.message : "it could not be added";
          results.push({ url: e.url, ...(e.title ? { title: e.title } : {}), outcome: "failed", detail });
        }
      }
      return results;
    },
    async exportOpml(tenant: string, external: string) {
      const tid = await deps.tenantId(tenant);
      const channel = await deps.channelId(tid, external);
      const feeds = await store.feeds.listForChannel(tid, channel);
      const name = (await store.channels.get(tid, channel))?.name;
      const { writeOpml } = await import("./opml.js");
      return writeOpml(
        `Newsdesk feeds of ${name ? `#${name}` : external}`,
        feeds.map((f) => ({ url: f.url, ...(f.title ? { title: f.title } : {}) })),
        deps.now(),
      );
    },
  };
}
