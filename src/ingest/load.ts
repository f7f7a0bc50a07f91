import type { Article } from "../core/types.js";
import { articleFromPage } from "./article.js";
import { checkArticleText, classifyAddress, classifyInput, FEED_NOT_ARTICLE } from "./classify-input.js";
import { createInlinePageReader, type PageReading, readPage } from "./extract/read-page.js";
import { FetchError } from "./fetch/errors.js";
import type { FetchedResource, Fetcher } from "./fetch/fetcher.js";
import type { PageReader } from "./page-reader.js";
import { isUrlSource, notWebAddress } from "./url.js";

export interface LoadArticleOptions {
  /** Made once by `createFetcher(fetcherOptionsFromConfig(config))` and shared. */
  fetcher: Fetcher;
  /** "url" for links users give, "feed" for feed items. */
  source?: Article["source"];
  /** Where the page is extracted (default: right here; the bot passes its worker pool's reader). */
  reader?: PageReader;
}

/**
 * A URL → a clean Article: fetch (SSRF-safe, limits), extract, refuse walls and empty pages.
 * Every failure is a FetchError whose message can be shown to the user as it is.
 */
export async function loadArticleFromSource(source: string, options: LoadArticleOptions): Promise<Article> {
  const url = source.trim();
  if (!isUrlSource(url)) {
    // file:, ftp:, javascript: (a feed item's link, say) get the refusal every other path gives.
    const address = classifyAddress(url);
    throw new FetchError(
      "invalid_url",
      address?.kind === "refused" ? address.message : notWebAddress(source),
    );
  }
  const reader = options.reader ?? createInlinePageReader();
  // A page that ran out of budget lately is refused before it is fetched again.
  const known = reader.slowPages?.recall(url);
  if (known) throw known;
  const fetched = await options.fetcher.fetch(url, { expect: "page" });
  try {
    return await articleFromFetched(fetched, options.source ?? "url", reader);
  } catch (err) {
    // Remembered under the link as given too: the next try asks by that, not by the final URL.
    if (err instanceof FetchError && err.code === "too_complex") reader.slowPages?.remember(url, err);
    throw err;
  }
}

/** The extraction half of loadArticleFromSource, for bodies fetched elsewhere (feeds). */
export async function articleFromFetched(
  fetched: FetchedResource,
  source: Article["source"],
  reader: PageReader = createInlinePageReader(),
): Promise<Article> {
  if (fetched.mediaType === "text/plain") {
    const text = fetched.text.trim();
    // A server that labels a page text/plain still sends a page: its markup is extracted, not read.
    const input = classifyInput(text);
    if (input.kind !== "html") {
      const why = input.kind === "feed" ? FEED_NOT_ARTICLE : checkArticleText(text)?.message;
      if (why)
        throw new FetchError("no_article", `the page at ${fetched.url} has no article: ${why}`, {
          url: fetched.url,
        });
      return articleFromPage({ text, method: "none" }, { source, url: fetched.url });
    }
  }
  const known = reader.slowPages?.recall(fetched.url);
  if (known) throw known;
  return articleFromReading(await reader.read(fetched.text, fetched.url), fetched.url, source);
}

/** articleFromReading over readPage in this thread, for HTML at hand (files, stdin). */
export function articleFromHtml(html: string, url: string | undefined, source: Article["source"]): Article {
  return articleFromReading(readPage(html, url), url, source);
}

/** A page's reading → Article, or the FetchError that tells the user why not (wall, nothing found). */
export function articleFromReading(
  { page, wall }: PageReading,
  url: string | undefined,
  source: Article["source"],
): Article {
  const where = url ?? "the page";
  if (wall === "login") {
    throw new FetchError(
      "paywall",
      `${where} asks for a login before showing the article; Newsdesk cannot read it`,
      { url },
    );
  }
  if (wall === "paywall") {
    throw new FetchError(
      "paywall",
      `${where} is behind a paywall (only a teaser is visible); paste the article text instead`,
      { url },
    );
  }
  if (page.listing) {
    throw new FetchError(
      "not_article",
      `${where} lists articles (a front page, section or search results) rather than being one: give the link of one of its articles`,
      { url },
    );
  }
  if (!page.text.trim()) {
    throw new FetchError("no_article", `could not find an article on ${where}`, { url });
  }
  // What the page holds passes the check pasted text does: emoji or a line of symbols is no article.
  const refusal = checkArticleText(page.text);
  if (refusal)
    throw new FetchError("no_article", `could not find an article on ${where}: ${refusal.message}`, { url });
  return articleFromPage(page, { source, url });
}
