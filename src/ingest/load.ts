import type { Article } from "../core/types.js";
import { articleFromPage } from "./article.js";
import { extractFromHtml } from "./extract/html-article.js";
import { detectWall } from "./extract/paywall.js";
import { FetchError } from "./fetch/errors.js";
import type { FetchedResource, Fetcher } from "./fetch/fetcher.js";
import { isUrlSource, notWebAddress } from "./url.js";

export interface LoadArticleOptions {
  /** Made once by `createFetcher(fetcherOptionsFromConfig(config))` and shared. */
  fetcher: Fetcher;
  /** "url" for links users give, "feed" for feed items. */
  source?: Article["source"];
}

/**
 * A URL → a clean Article: fetch (SSRF-safe, limits), extract, refuse walls and empty pages.
 * Every failure is a FetchError whose message can be shown to the user as it is.
 */
export async function loadArticleFromSource(source: string, options: LoadArticleOptions): Promise<Article> {
  const url = source.trim();
  if (!isUrlSource(url)) {
    throw new FetchError("invalid_url", notWebAddress(source));
  }
  const fetched = await options.fetcher.fetch(url, { expect: "page" });
  return articleFromFetched(fetched, options.source ?? "url");
}

/** The extraction half of loadArticleFromSource, for bodies fetched elsewhere (feeds). */
export function articleFromFetched(fetched: FetchedResource, source: Article["source"]): Article {
  if (fetched.mediaType === "text/plain") {
    const text = fetched.text.trim();
    if (!text)
      throw new FetchError("no_article", `the page at ${fetched.url} is empty`, { url: fetched.url });
    return articleFromPage({ text, method: "none" }, { source, url: fetched.url });
  }
  return articleFromHtml(fetched.text, fetched.url, source);
}

export function articleFromHtml(html: string, url: string | undefined, source: Article["source"]): Article {
  const page = extractFromHtml(html, url);
  const wall = detectWall(html, page.text);
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
  if (!page.text.trim()) {
    throw new FetchError("no_article", `could not find an article on ${where}`, { url });
  }
  return articleFromPage(page, { source, url });
}
