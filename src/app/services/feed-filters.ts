import { compileFilter, FilterError, isClearWord } from "../../digest/filter.js";
import { decideFeedItem } from "../../digest/subscription-filters.js";
import { feedStateSchema } from "../../ingest/feeds/state.js";
import type { Store, Subscription, SubscriptionFilter } from "../../store/types.js";
import { type FeedFilterChange, type FeedInfo, UserFacingError } from "../services.js";

/** How far back a changed filter decides the feed's items again (the digest's usual reach). */
const REFILTER_WINDOW_MS = 7 * 86_400_000;
const REFILTER_LIMIT = 500;

export const FILTER_EXAMPLE = 'Example: include:"climate OR energy -sports" exclude:"transfer window"';

/** The subscription's filter after a change, checked (terms, lengths, syntax) before it is stored. */
export function applyFilterChange(current: SubscriptionFilter, change: FeedFilterChange): SubscriptionFilter {
  const next = (value: string | undefined, was: string | null) =>
    value === undefined ? was : isClearWord(value) || !value.trim() ? null : value.trim();
  const filter = {
    include: next(change.include, current.include),
    exclude: next(change.exclude, current.exclude),
  };
  try {
    compileFilter(filter);
  } catch (err) {
    if (err instanceof FilterError)
      throw new UserFacingError(`The filter cannot be used: ${err.message}.`, FILTER_EXAMPLE);
    throw err;
  }
  return filter;
}

/** The channel's subscription a reference names: its URL, else a unique part of its URL or title. */
export function subscriptionByRef(subs: Subscription[], ref: string): Subscription {
  const q = ref.trim();
  const exact = subs.find((s) => s.feed.url === q || s.feed.url === q.replace(/\/$/, ""));
  if (exact) return exact;
  const lower = q.toLowerCase();
  const matching = subs.filter(
    (s) => s.feed.url.toLowerCase().includes(lower) || (s.feed.title ?? "").toLowerCase().includes(lower),
  );
  if (matching.length === 1) return matching[0]!;
  const listed = subs.map((s) => s.feed.url).slice(0, 5);
  if (!subs.length)
    throw new UserFacingError(
      "This channel follows no feed.",
      "Admins: /feeds add https://example.com/feed.xml",
    );
  throw new UserFacingError(
    matching.length
      ? `"${ref}" matches ${matching.length} feeds of this channel; give its whole URL.`
      : `This channel follows no feed matching "${ref}".`,
    `Its feeds: ${listed.join(", ")}${subs.length > listed.length ? ", …" : ""} (/feeds list).`,
  );
}

/**
 * A changed filter applies to what the channel already has too: the feed's items of the last days
 * are decided again for this channel (the drops recorded anew), so the next digest follows it.
 * Items that every follower dropped before were never filed and stay out.
 */
export async function refilterSubscription(
  store: Store,
  tenantId: string,
  channelId: string,
  feedId: string,
  now: Date,
): Promise<void> {
  await store.filters.clearFiltered(tenantId, channelId, feedId);
  const me = (await store.filters.subscribers(tenantId, feedId)).filter((s) => s.channelId === channelId);
  if (!me.length) return;
  const articles = await store.filters.feedArticles(
    tenantId,
    feedId,
    new Date(now.getTime() - REFILTER_WINDOW_MS),
    REFILTER_LIMIT,
  );
  const dropped = articles.flatMap((a) => decideFeedItem(feedId, me, a).dropped);
  await store.filters.recordFiltered(tenantId, dropped, now);
}

/** What `/feeds list` shows of a subscription: status, last success, last error, filter. */
export function feedInfoOf(s: Subscription): FeedInfo {
  const { feed } = s;
  const state = feedStateSchema.safeParse(feed.state);
  const lastSuccessAt = state.success ? state.data.lastSuccessAt : undefined;
  const status = feed.disabledReason
    ? `disabled: ${feed.disabledReason}`
    : feed.lastError
      ? `failing: ${feed.lastError}`
      : feed.lastPolledAt
        ? "ok"
        : "not read yet";
  return {
    url: feed.url,
    ...(feed.title ? { title: feed.title } : {}),
    status,
    ...(s.include ? { include: s.include } : {}),
    ...(s.exclude ? { exclude: s.exclude } : {}),
    ...(lastSuccessAt ? { lastSuccessAt } : {}),
    ...(feed.lastError ? { lastError: feed.lastError } : {}),
  };
}
