import { findFeedLink, parseFeedBody } from "../ingest/feeds/parse.js";
import { FetchError } from "../ingest/fetch/errors.js";
import type { Fetcher } from "../ingest/fetch/fetcher.js";
import { isUrlSource } from "../ingest/load.js";
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
  const url = input.trim();
  if (!isUrlSource(url))
    throw new UserFacingError(
      `"${input}" is not a web address (expected http:// or https://).`,
      "Give the feed's full URL, e.g. https://example.com/feed.xml.",
    );
  try {
    let fetched = await fetcher.fetch(url, { expect: "feed" });
    let parsed: ReturnType<typeof parseFeedBody>;
    try {
      parsed = parseFeedBody(fetched.text, fetched.url, TEST_ITEM_LIMIT);
    } catch (err) {
      const alternate = fetched.mediaType.includes("html")
        ? findFeedLink(fetched.text, fetched.url)
        : undefined;
      if (!alternate) throw err;
      fetched = await fetcher.fetch(alternate, { expect: "feed" });
      parsed = parseFeedBody(fetched.text, fetched.url, TEST_ITEM_LIMIT);
    }
    return {
      title: parsed.title ?? "",
      ...(fetched.url !== url ? { url: fetched.url } : {}),
      items: parsed.items.map((i) => ({
        title: i.title ?? "(untitled)",
        ...(i.link ? { url: i.link } : {}),
      })),
    };
  } catch (err) {
    if (err instanceof FetchError)
      throw new UserFacingError(
        `Could not read the feed at ${url}: ${err.message}`,
        "Check the address; it should be an RSS, Atom or JSON Feed URL.",
      );
    throw err;
  }
}
