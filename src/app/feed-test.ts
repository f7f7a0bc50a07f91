import { htmlToText } from "../ingest/extract/html-text.js";
import { parseFeedOrFollowLink } from "../ingest/feeds/parse.js";
import { FetchError } from "../ingest/fetch/errors.js";
import type { Fetcher } from "../ingest/fetch/fetcher.js";
import { isUrlSource, notWebAddress } from "../ingest/url.js";
import { type FeedTestResult, UserFacingError } from "./services.js";

/** Items a feed test reads from the document (the reply shows the newest few). */
const TEST_ITEM_LIMIT = 50;

/**
 * `/feeds test <url>`: one fetch of the feed through the SSRF-safe fetcher, its items listed and
 * nothing stored or followed. Unlike `newsdesk feed` (src/cli/feed.ts) it never fetches the
 * article pages behind teasers: a chat reply only shows titles and links, and must come quickly.
 * A site's home page is followed to its advertised feed once, as the poller does on a first poll.
 */
export async function testFeed(fetcher: Fetcher, input: string): Promise<FeedTestResult> {
  const url = feedUrlOf(input);
  try {
    return await readFeed(fetcher, url);
  } catch (err) {
    if (err instanceof FetchError)
      throw new UserFacingError(
        `Could not read the feed at ${url}: ${err.message}`,
        "Check the address; it should be an RSS, Atom or JSON Feed URL.",
      );
    throw err;
  }
}

/** A feed about to be followed: the URL to follow (the advertised feed of a home page) and its title. */
export interface FeedToFollow {
  url: string;
  title?: string;
  /** Set when the first read failed in a way that may pass (a timeout, a 503): followed anyway. */
  warning?: string;
}

/**
 * `/feeds add <url>`: reads the feed once before it is followed, so a typo, a page that is no
 * feed, a 404 or a private address is refused at once with the reason instead of failing silently
 * at every poll. A failure that may pass (the site down, a timeout) does not stop the add: the
 * poller retries, and the reply says so.
 */
export async function checkFeedToFollow(fetcher: Fetcher, input: string): Promise<FeedToFollow> {
  const url = feedUrlOf(input);
  try {
    const feed = await readFeed(fetcher, url);
    return { url: feed.url ?? url, ...(feed.title ? { title: feed.title } : {}) };
  } catch (err) {
    if (!(err instanceof FetchError)) throw err;
    if (err.transient) return { url, warning: `the first read failed (${err.message})` };
    throw new UserFacingError(
      `Not added: could not read a feed at ${url}: ${err.message}`,
      "Check the address: it should be an RSS, Atom or JSON Feed URL. /feeds test <url> shows what it holds.",
    );
  }
}

function feedUrlOf(input: string): string {
  const url = input.trim();
  if (!isUrlSource(url))
    throw new UserFacingError(
      `${notWebAddress(input)}.`,
      "Give the feed's full URL, e.g. https://example.com/feed.xml.",
    );
  return url;
}

/** One fetch and parse (a home page followed to its feed); FetchError on failure (not_feed too). */
async function readFeed(fetcher: Fetcher, url: string): Promise<FeedTestResult> {
  const page = await fetcher.fetch(url, { expect: "feed" });
  const { fetched, parsed } = await parseFeedOrFollowLink(fetcher, page, TEST_ITEM_LIMIT);
  return {
    title: parsed.title ?? "",
    ...(fetched.url !== url ? { url: fetched.url } : {}),
    items: parsed.items.map((i) => ({
      title: i.title ?? "(untitled)",
      ...(i.link ? { url: i.link } : {}),
      ...(i.summary || i.content ? { summary: htmlToText(i.content ?? i.summary ?? "") } : {}),
    })),
  };
}

/**
 * `/feeds import <link>`: an OPML file fetched through the SSRF-safe fetcher (a Discord
 * attachment's CDN URL, a link typed on Slack), within FETCH_MAX_BYTES and the fetch timeout.
 */
export async function fetchOpml(fetcher: Fetcher, url: string): Promise<string> {
  try {
    return (await fetcher.fetch(url, { expect: "feed" })).text;
  } catch (err) {
    if (err instanceof FetchError)
      throw new UserFacingError(
        `Could not read the OPML file at ${url}: ${err.message}`,
        "Check the link, or attach / paste the file instead.",
      );
    throw err;
  }
}
