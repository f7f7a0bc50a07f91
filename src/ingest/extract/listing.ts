/**
 * Pages that list articles instead of being one: a home page, a section front, search results,
 * an archive. Readability takes their densest container, the list itself, and its text would be
 * filed as a story made of twenty teasers. What any such list is made of: many links whose text
 * reads as a headline (four words or more), each to its own page, with little prose around each
 * one (a teaser, a date), and those headlines are a large part of the text. An article's own
 * links are few, or sit inside long paragraphs.
 */

/** The DOM members read here (linkedom's elements have them). */
interface ListingElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<ListingElement>;
}

/** What decides: how many distinct headline links, and how much of the text they and their teasers are. */
export interface ListingSigns {
  headlineLinks: number;
  /** Share of the container's characters that is headline-link text. */
  linkShare: number;
  /** Characters of text per headline link, links included: a teaser's worth on a list. */
  charsPerLink: number;
}

const MIN_HEADLINE_WORDS = 4;

const squash = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();

export function listingSigns(container: ListingElement): ListingSigns {
  const text = squash(container.textContent).length;
  const links = container.querySelectorAll("a[href]");
  const seen = new Set<string>();
  let linkChars = 0;
  for (let i = 0; i < links.length; i++) {
    const href = links[i].getAttribute("href") ?? "";
    if (!href || href.startsWith("#") || /^(javascript|mailto):/i.test(href)) continue;
    const t = squash(links[i].textContent);
    if (t.split(" ").length < MIN_HEADLINE_WORDS || seen.has(href)) continue;
    seen.add(href);
    linkChars += t.length;
  }
  const n = seen.size;
  return { headlineLinks: n, linkShare: text ? linkChars / text : 0, charsPerLink: n ? text / n : text };
}

/** Whether the signs say "a list of articles": ten headlines or more, a quarter of the text, teasers between. */
function listsArticles(signs: ListingSigns): boolean {
  return signs.headlineLinks >= 10 && signs.linkShare >= 0.25 && signs.charsPerLink < 400;
}

/**
 * Addresses and titles of pages made to list articles: a site's front page, search results,
 * tag/category/section/archive pages and their numbered pages.
 */
const LISTING_PATH =
  /^\/?$|^\/(?:[a-z]{2}(?:-[a-z]{2})?\/?)?(?:index\.\w+)?$|\/(?:search|tags?|category|categories|topics?|sections?|archives?|latest|page\/\d+)(?:\/|$)/i;
const SEARCH_QUERY = /[?&](?:q|s|query|search|keywords?|term)=/i;
const SEARCH_TITLE = /^\s*(?:search(?:\s+results)?|results)\b/i;

export function listingAddress(url: string | undefined, title: string | undefined): boolean {
  if (title && SEARCH_TITLE.test(title)) return true;
  if (!url) return false;
  try {
    const u = new URL(url);
    return LISTING_PATH.test(u.pathname) || SEARCH_QUERY.test(u.search);
  } catch {
    return false;
  }
}

/**
 * A list of articles on a page made to list them. The structure alone also fits some articles
 * whose container Readability misjudged (a link round-up, a post buried in "more stories"):
 * refusing those would lose real articles, so the address or title has to agree.
 */
export function isListing(signs: ListingSigns, url: string | undefined, title: string | undefined): boolean {
  return listsArticles(signs) && listingAddress(url, title);
}
