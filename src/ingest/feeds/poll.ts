import type { Article } from "../../core/types.js";
import { articleFromPage } from "../article.js";
import { canonicalizeUrl } from "../dedupe/canonical-url.js";
import { htmlToText } from "../extract/html-text.js";
import { FetchError } from "../fetch/errors.js";
import type { Fetcher } from "../fetch/fetcher.js";
import { loadArticleFromSource } from "../load.js";
import type { PageReader } from "../page-reader.js";
import { type FeedItem, type ParsedFeed, parseFeedOrFollowLink } from "./parse.js";
import {
  type FeedState,
  MAX_PERMANENT_FAILURES,
  MAX_TRANSIENT_FAILURES,
  nextPollAfterFailure,
  nextPollAfterSuccess,
  type ScheduleOptions,
  SEEN_LIMIT,
} from "./state.js";

/** Everything a poll touches outside itself: network, clock, randomness, limits. */
export interface PollDeps extends ScheduleOptions {
  fetcher: Fetcher;
  /** Where teaser items' pages are extracted (default: in this thread; the bot: its worker pool). */
  reader?: PageReader;
  now: () => Date;
  /** At most this many entries are read from one feed document (default 200). */
  maxItems?: number;
  /** At most this many new items are ingested per poll; the rest wait for the next one (default 50). */
  maxNewItems?: number;
  /** Below this many characters of text an item's content counts as a teaser (default 600). */
  teaserChars?: number;
}

export interface PolledItem {
  /** Dedupe key: GUID, else canonical link. */
  key: string;
  item: FeedItem;
  article: Article;
  /** "feed" when the feed carried the full text, "page" when the article was fetched. */
  textFrom: "feed" | "page";
}

export interface PollResult {
  status: "ok" | "not_modified" | "failed" | "disabled";
  items: PolledItem[];
  /** Items that could not be turned into articles (the poll still succeeds). */
  itemErrors: Array<{ key: string; link?: string; error: string }>;
  /** Notes for the user ("the feed lists 10000 items; only the newest 200 are read"). */
  warnings: string[];
  /** The failure message when status is failed/disabled. */
  error?: string;
  /** New items left for the next polls (beyond maxNewItems): the feed has not been read up to date. */
  backlog?: number;
  nextState: FeedState;
}

export function itemKey(item: FeedItem): string | undefined {
  if (item.guid) return `guid:${item.guid}`;
  const link = item.link ? canonicalizeUrl(item.link) : undefined;
  if (link) return `link:${link}`;
  if (item.title) return `title:${item.title}|${item.published ?? ""}`;
  return undefined;
}

/**
 * One poll of one feed: conditional GET, parse, new items only (by GUID/link), full text from
 * the feed or — for teasers — from the article page. Side effects only through `deps`; the
 * caller persists `nextState` and the items. Never throws for feed problems: they come back as
 * `status: "failed"` with backoff in `nextState`, or `disabled` with the reason kept.
 */
export async function pollFeed(state: FeedState, deps: PollDeps): Promise<PollResult> {
  const now = deps.now();
  const base: FeedState = { ...state, lastPolledAt: now.toISOString() };
  if (state.disabled) {
    return {
      status: "disabled",
      items: [],
      itemErrors: [],
      warnings: [],
      error: state.disabled.reason,
      nextState: state,
    };
  }
  let fetched: Awaited<ReturnType<Fetcher["fetch"]>>;
  let parsed: ParsedFeed | undefined;
  let feedUrl = state.url;
  try {
    fetched = await deps.fetcher.fetch(state.url, {
      expect: "feed",
      etag: state.etag,
      lastModified: state.lastModified,
    });
    if (!fetched.notModified) {
      // A site's home page given instead of its feed: its <link rel="alternate"> is followed once,
      // on the first poll, and the feed's own URL remembered from then on.
      const feed = await parseFeedOrFollowLink(
        deps.fetcher,
        fetched,
        deps.maxItems ?? 200,
        !state.lastSuccessAt,
      );
      ({ fetched, parsed } = feed);
      feedUrl = feed.followed ?? feedUrl;
    }
  } catch (err) {
    return failed(base, err, now, deps);
  }
  const success: FeedState = {
    ...base,
    url: feedUrl,
    etag: fetched.etag,
    lastModified: fetched.lastModified,
    failures: 0,
    lastError: undefined,
    lastSuccessAt: now.toISOString(),
    nextPollAt: nextPollAfterSuccess(now, deps).toISOString(),
  };
  if (!parsed) return { status: "not_modified", items: [], itemErrors: [], warnings: [], nextState: success };

  const warnings: string[] = [];
  if (parsed.dropped > 0) {
    warnings.push(
      `the feed lists ${parsed.items.length + parsed.dropped} items; only the newest ${parsed.items.length} are read (feed item limit)`,
    );
  }
  const seen = new Set(state.seen);
  const fresh: Array<{ key: string; item: FeedItem }> = [];
  for (const item of parsed.items) {
    const key = itemKey(item);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    fresh.push({ key, item });
  }
  const maxNew = deps.maxNewItems ?? 50;
  // Oldest first, so a feed read for the first time ingests in publication order.
  const batch = fresh.slice(0, maxNew).reverse();
  if (fresh.length > maxNew) {
    warnings.push(`${fresh.length} new items; ${maxNew} ingested now, the rest on the next polls`);
  }
  const items: PolledItem[] = [];
  const itemErrors: PollResult["itemErrors"] = [];
  const ingestedKeys: string[] = [];
  for (const { key, item } of batch) {
    try {
      items.push(await itemToArticle(key, item, deps));
      ingestedKeys.push(key);
    } catch (err) {
      itemErrors.push({ key, link: item.link, error: err instanceof Error ? err.message : String(err) });
      // A page that is gone or walled stays gone: do not retry it every poll.
      if (err instanceof FetchError && !err.transient) ingestedKeys.push(key);
    }
  }
  const nextSeen = [...ingestedKeys.reverse(), ...state.seen].slice(0, SEEN_LIMIT);
  return {
    status: "ok",
    items,
    itemErrors,
    warnings,
    ...(fresh.length > maxNew ? { backlog: fresh.length - maxNew } : {}),
    nextState: { ...success, title: parsed.title ?? state.title, seen: nextSeen },
  };
}

async function itemToArticle(key: string, item: FeedItem, deps: PollDeps): Promise<PolledItem> {
  const teaserChars = deps.teaserChars ?? 600;
  const feedHtml = item.content ?? item.summary ?? "";
  const feedText = htmlToText(feedHtml);
  if (feedText.length >= teaserChars || !item.link) {
    if (!feedText)
      throw new FetchError("no_article", `the feed item "${item.title ?? key}" has no text and no link`);
    const article = articleFromPage(
      { text: feedText, title: item.title, byline: item.author, published: item.published, method: "none" },
      { source: "feed", url: item.link },
    );
    return { key, item, article, textFrom: "feed" };
  }
  const article = await loadArticleFromSource(item.link, {
    fetcher: deps.fetcher,
    source: "feed",
    reader: deps.reader,
  });
  // The feed's own title/date are usually cleaner than what a page's markup says.
  if (item.title && !article.title) article.title = item.title;
  if (item.published && !article.published) article.published = item.published;
  return { key, item, article, textFrom: "page" };
}

function failed(state: FeedState, err: unknown, now: Date, deps: PollDeps): PollResult {
  const message = err instanceof Error ? err.message : String(err);
  const failures = state.failures + 1;
  const transient = err instanceof FetchError ? err.transient : true;
  const gone = err instanceof FetchError && err.code === "gone";
  const limit = transient ? MAX_TRANSIENT_FAILURES : MAX_PERMANENT_FAILURES;
  const next: FeedState = { ...state, failures, lastError: message };
  if (gone || failures >= limit) {
    const reason = gone
      ? `the feed was removed by its site: ${message}`
      : `stopped after ${failures} failed attempts in a row; last error: ${message}`;
    next.disabled = { at: now.toISOString(), reason };
    next.nextPollAt = undefined;
    return { status: "disabled", items: [], itemErrors: [], warnings: [], error: reason, nextState: next };
  }
  const retryAfter = err instanceof FetchError ? err.details.retryAfterMs : undefined;
  next.nextPollAt = nextPollAfterFailure(now, failures, deps, retryAfter).toISOString();
  return { status: "failed", items: [], itemErrors: [], warnings: [], error: message, nextState: next };
}
