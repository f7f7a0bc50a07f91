import { parseFeed } from "feedsmith";
import { toIsoDate } from "../extract/metadata.js";
import { FetchError } from "../fetch/errors.js";
import type { FetchedResource, Fetcher } from "../fetch/fetcher.js";

/** One feed entry, the same shape whatever the format (RSS 2.0, Atom, RDF, JSON Feed). */
export interface FeedItem {
  /** GUID / Atom id / JSON Feed id when the feed gives one. */
  guid?: string;
  link?: string;
  title?: string;
  /** ISO 8601. */
  published?: string;
  author?: string;
  /** HTML of the summary/description (often a teaser). */
  summary?: string;
  /** HTML of the full content when the feed carries it (content:encoded, Atom content). */
  content?: string;
}

export interface ParsedFeed {
  format: "rss" | "atom" | "rdf" | "json";
  title?: string;
  link?: string;
  items: FeedItem[];
  /** Items the feed listed beyond the item limit (newest kept). */
  dropped: number;
}

type Obj = Record<string, unknown>;

const text = (v: unknown): string | undefined => {
  if (typeof v === "string") return v.trim() || undefined;
  if (v && typeof v === "object" && "value" in v) return text((v as Obj).value);
  return undefined;
};

function atomLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  const list = links as Obj[];
  const alt = list.find((l) => !l.rel || l.rel === "alternate") ?? list[0];
  return text(alt?.href);
}

function normaliseItem(format: ParsedFeed["format"], raw: Obj, base?: string): FeedItem {
  let item: FeedItem;
  if (format === "atom") {
    const authors = (raw.authors as Obj[] | undefined)?.map((a) => text(a.name)).filter(Boolean);
    item = {
      guid: text(raw.id),
      link: atomLink(raw.links),
      title: text(raw.title),
      published: toIsoDate(text(raw.published) ?? text(raw.updated)),
      author: authors?.length ? authors.join(", ") : undefined,
      summary: text(raw.summary),
      content: text(raw.content),
    };
  } else if (format === "json") {
    const authors = ((raw.authors as Obj[] | undefined) ?? (raw.author ? [raw.author as Obj] : []))
      .map((a) => text(a.name))
      .filter(Boolean);
    item = {
      guid: text(raw.id),
      link: text(raw.url) ?? text(raw.external_url),
      title: text(raw.title),
      published: toIsoDate(text(raw.date_published) ?? text(raw.date_modified)),
      author: authors.length ? authors.join(", ") : undefined,
      summary: text(raw.summary),
      content: text(raw.content_html) ?? escapeText(text(raw.content_text)),
    };
  } else {
    const dc = (raw.dc ?? {}) as Obj;
    const creators = (dc.creators as unknown[] | undefined)?.map(text).filter(Boolean) as
      | string[]
      | undefined;
    item = {
      guid: text(raw.guid) ?? text((raw.guid as Obj | undefined)?.value),
      link: text(raw.link),
      title: text(raw.title),
      published: toIsoDate(
        text(raw.pubDate) ?? text(dc.date) ?? text((dc.dates as unknown[] | undefined)?.[0]),
      ),
      author: creators?.length ? creators.join(", ") : text(raw.author),
      summary: text(raw.description),
      content: text((raw.content as Obj | undefined)?.encoded),
    };
  }
  if (item.link) item.link = absolutise(item.link, base);
  return item;
}

function escapeText(s: string | undefined): string | undefined {
  return s
    ?.replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/\n\s*\n/g, "</p><p>");
}

function absolutise(link: string, base?: string): string | undefined {
  try {
    return new URL(link, base).toString();
  } catch {
    return undefined;
  }
}

/**
 * Parses a feed body. Refuses what is not a feed with a message saying what it is instead, and
 * keeps at most `maxItems` entries (the newest) so a feed listing 10,000 items costs no more
 * than one listing a hundred.
 */
export function parseFeedBody(body: string, feedUrl: string, maxItems = 200): ParsedFeed {
  const trimmed = body.trimStart();
  let input: string | object = body;
  if (trimmed.startsWith("{")) {
    try {
      input = JSON.parse(trimmed) as object;
    } catch {
      throw new FetchError("not_feed", `${feedUrl} sent broken JSON, not a feed`, { url: feedUrl });
    }
  }
  let parsed: { format: string; feed: Obj };
  try {
    parsed = parseFeed(input) as unknown as { format: string; feed: Obj };
  } catch (err) {
    throw new FetchError("not_feed", notFeedMessage(trimmed, feedUrl, err), { url: feedUrl });
  }
  const format = parsed.format as ParsedFeed["format"];
  const feed = parsed.feed;
  const rawItems = ((format === "atom" ? feed.entries : feed.items) as Obj[] | undefined) ?? [];
  const link = format === "atom" ? atomLink(feed.links) : (text(feed.link) ?? text(feed.home_page_url));
  let items = rawItems.map((raw) => normaliseItem(format, raw, link ?? feedUrl));
  let dropped = 0;
  if (items.length > maxItems) {
    // Newest first when dates are known; feeds usually list newest first already.
    const dated = items.every((i) => i.published);
    if (dated) items = [...items].sort((a, b) => (b.published ?? "").localeCompare(a.published ?? ""));
    dropped = items.length - maxItems;
    items = items.slice(0, maxItems);
  }
  return { format, title: text(feed.title), link, items, dropped };
}

function notFeedMessage(body: string, url: string, err: unknown): string {
  if (/^<(!doctype html|html)\b/i.test(body)) {
    const alt = findFeedLink(body, url);
    return alt
      ? `${url} is a web page, not a feed; the page links to a feed at ${alt}`
      : `${url} is a web page, not a feed (RSS, Atom, RDF or JSON Feed)`;
  }
  if (!body.startsWith("<") && !body.startsWith("{"))
    return `${url} is not a feed: the response is not XML or JSON`;
  const detail = err instanceof Error ? err.message : String(err);
  return `${url} is not a feed Newsdesk can read (${detail.toLowerCase()})`;
}

/** The first `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">` of an HTML page. */
export function findFeedLink(html: string, base: string): string | undefined {
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    if (!/rel\s*=\s*["']?alternate/i.test(tag)) continue;
    if (!/type\s*=\s*["']?application\/(rss|atom|feed|rdf)\+(xml|json)/i.test(tag)) continue;
    const href = /href\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (href) return absolutise(href.replace(/&amp;/g, "&"), base);
  }
  return undefined;
}

/**
 * Parses a fetched feed. A site's home page given instead (HTML that is no feed) is followed to
 * the feed its `<link rel="alternate">` names, when `mayFollow`: the result is that feed's fetch,
 * with `followed` set to its URL. Otherwise the parse error is thrown.
 */
export async function parseFeedOrFollowLink(
  fetcher: Fetcher,
  fetched: FetchedResource,
  maxItems: number,
  mayFollow = true,
): Promise<{ fetched: FetchedResource; parsed: ParsedFeed; followed?: string }> {
  try {
    return { fetched, parsed: parseFeedBody(fetched.text, fetched.url, maxItems) };
  } catch (err) {
    const alternate = fetched.mediaType.includes("html")
      ? findFeedLink(fetched.text, fetched.url)
      : undefined;
    if (!alternate || !mayFollow) throw err;
    const feed = await fetcher.fetch(alternate, { expect: "feed" });
    return { fetched: feed, parsed: parseFeedBody(feed.text, feed.url, maxItems), followed: alternate };
  }
}
