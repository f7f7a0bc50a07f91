import { dropCommentThreads } from "./comment-threads.js";

/**
 * General clean-up rules around Readability. Readability picks the right container on almost
 * every page but keeps what sits inside it: photo captions, bylines, "related" link lists,
 * share prompts, newsletter boxes. These rules remove such blocks by what they are (tag, class
 * and id vocabulary, short link-only paragraphs), never by site.
 */

/** The DOM members the rules use (linkedom's Element has them). */
export interface CleanElement {
  tagName: string;
  className?: unknown;
  id?: string;
  textContent: string | null;
  parentNode: unknown;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<CleanElement>;
  contains(other: CleanElement): boolean;
  remove(): void;
}

/** Removed wherever they are: never article prose. (Not <form>: ASP.NET pages wrap the whole page in one.) */
const ALWAYS_REMOVE = [
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "iframe",
  "button",
  "select",
  "figcaption",
  "[role=complementary]",
  "[aria-hidden=true]",
  "[hidden]",
  // Page furniture Readability would discard anyway; removing it first halves the tree it walks.
  "nav",
  "footer",
  "aside",
  "[role=navigation]",
  "[role=contentinfo]",
  // Metadata is read before this runs; form controls never hold prose.
  "link",
  "meta",
  "input",
  "textarea",
].join(",");

/** Class/id words of blocks that are not the article's prose. */
const NOISE_WORDS =
  /(^|[-_\s])(share|sharing|social|related|newsletter|subscribe|subscription|promo|advert|advertisement|ad|ads|byline|author|authors|caption|credit|credits|timestamp|tags|tag-list|breadcrumbs?|comments?|recirc|recirculation|read-more|readmore|more-stories|most-popular|popular|trending|sponsor|sponsored|outbrain|taboola|signup|sign-up|paywall|toolbar|disclaimer|inline-cta|cta|newsletter-signup|print|related-content|related-articles|also-read|see-also|recommended|rail|sidebar|widget|embed-promo|pullquote|pull-quote)($|[-_\s])/i;

/** Containers whose class says "this is the article": never removed by a NOISE word in the same name. */
const KEEP_WORDS =
  /(^|[-_\s])(article-?body|story-?body|post-?body|entry-?content|article-?content|story-?content|main-?content|body-?text)($|[-_\s])/i;

function classOf(el: CleanElement): string {
  const c = el.getAttribute("class") ?? "";
  return `${c} ${el.getAttribute("id") ?? ""}`.trim();
}

/** Whether an element's class/id marks it as non-article furniture. */
export function looksLikeNoise(el: CleanElement): boolean {
  const name = classOf(el);
  if (!name) return false;
  if (KEEP_WORDS.test(name)) return false;
  return NOISE_WORDS.test(name);
}

/** Class/id words of a comment section or one comment (readers' text, not the article's). */
const COMMENT_WORDS =
  /(^|[-_\s])(comments?(body|list|text|content|area|wrap|block|thread|item|s)?|comment-list|disqus_thread|respond|replies)($|[-_\s\d])/i;

/**
 * Before Readability: drop elements that are never prose, and readers' comments, which
 * Readability keeps when they share the article's container (blogs, older news sites). Class
 * names are read here because Readability strips them from what it returns. A "comment" block
 * holding most of the page's text is the page itself (a wrapper named "has-comments"): kept.
 */
export function preClean(root: CleanElement): void {
  const els = root.querySelectorAll(ALWAYS_REMOVE);
  for (let i = els.length - 1; i >= 0; i--) els[i].remove();
  dropCommentThreads(root);
  const comments = root.querySelectorAll(
    '[class*="omment"],[id*="omment"],[id*="disqus"],[id="respond"],[class*="replies"]',
  );
  if (!comments.length) return;
  let pageChars = -1;
  let removed: CleanElement | undefined;
  for (let i = 0; i < comments.length; i++) {
    const el = comments[i];
    // Document order: what lies inside the section just removed needs no look (nor its text).
    if (removed?.contains(el)) continue;
    const name = classOf(el);
    if (!COMMENT_WORDS.test(name) || KEEP_WORDS.test(name)) continue;
    if (pageChars < 0) pageChars = (root.textContent ?? "").length;
    if ((el.textContent ?? "").length < pageChars / 2) {
      el.remove();
      removed = el;
    }
  }
}

/** After Readability, inside the chosen container: drop furniture it kept. */
export function postClean(root: CleanElement): void {
  const all = root.querySelectorAll("*");
  // Snapshot first: removing while iterating a live list skips elements.
  const list: CleanElement[] = [];
  for (let i = 0; i < all.length; i++) list.push(all[i]);
  for (const el of list) {
    if (!el.parentNode) continue;
    const tag = el.tagName.toUpperCase();
    if (tag === "FIGURE" || tag === "ASIDE" || tag === "NAV" || tag === "FOOTER") {
      el.remove();
      continue;
    }
    if (looksLikeNoise(el) && (el.textContent ?? "").length < 2000) el.remove();
  }
}
