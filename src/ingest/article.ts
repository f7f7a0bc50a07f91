import { createHash } from "node:crypto";
import { detectLanguage } from "../core/text/language.js";
import { normaliseText } from "../core/text/normalise.js";
import type { Article, ArticleSource } from "../core/types.js";
import { canonicalizeUrl } from "./dedupe/canonical-url.js";
import type { ExtractedPage } from "./extract/html-article.js";

/**
 * sha256 hex of the text after Unicode normalisation (curly → straight quotes, dashes, spaces)
 * and whitespace collapsing: the same article re-encoded, re-wrapped or with typographic quotes
 * swapped hashes the same.
 */
export function contentHash(text: string): string {
  const normal = normaliseText(text).text.replace(/\s+/g, " ").trim();
  return createHash("sha256").update(normal, "utf8").digest("hex");
}

export interface ArticleOrigin {
  source: ArticleSource;
  /** The URL the user gave or the final URL after redirects. */
  url?: string;
}

/** An Article from an extracted page; the id is the content hash prefix until a store assigns one. */
export function articleFromPage(page: ExtractedPage, origin: ArticleOrigin): Article {
  const hash = contentHash(page.text);
  const canonicalSource = page.canonicalUrl ?? origin.url;
  const article: Article = {
    id: hash.slice(0, 16),
    title: page.title ?? "",
    text: page.text,
    contentHash: hash,
    source: origin.source,
  };
  if (origin.url) article.url = origin.url;
  const canonical = canonicalSource ? canonicalizeUrl(canonicalSource) : undefined;
  if (canonical) article.canonicalUrl = canonical;
  if (page.byline) article.byline = page.byline;
  if (page.published) article.published = page.published;
  if (page.updated) article.updated = page.updated;
  if (page.siteName) article.siteName = page.siteName;
  const language = page.language ?? detectLanguage(page.text);
  if (language && language !== "und") article.language = language;
  return article;
}
