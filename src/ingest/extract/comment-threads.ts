import type { CleanElement } from "./cleanup.js";

/**
 * Readers' comment threads that carry no class or id saying so (Movable Type, TypePad, older
 * blogs and news sites): the thread is recognised by how any such section is built. A heading
 * that names it ("Comments", "12 Responses to …", "Leave a Reply") stands between the article
 * and the thread, inside the article's container (or the empty anchor the "12 comments" link
 * jumps to does), and what follows it reads as readers' posts:
 * repeated "Posted by … at <date>", "says:", "Reply" lines, or a form. The heading and everything
 * after it in its container go; the article before it stays.
 */

/** The DOM members walked here (linkedom's nodes have them). */
interface ThreadNode extends CleanElement {
  nodeType: number;
  firstChild: ThreadNode | null;
  nextSibling: ThreadNode | null;
  parentNode: ThreadNode | null;
  querySelector(selector: string): ThreadNode | null;
}

/**
 * The title of a comment section, the whole heading: "Comments", "Comments (12)", "3 comments",
 * "12 Responses to “Title”", "One thought on …", "Leave a Reply", "Post a comment", "Join the
 * discussion". Not a bare "Comment", "Discussion" or "Responses": an opinion column, a paper's
 * section, a part of the story. Not "TrackBack": pingbacks are part of a post's own page, and not
 * widget titles ("Recent comments"), which head a sidebar list.
 */
const THREAD_HEADING =
  /^(?:\d+|no|one|two|three)\s+(?:comments?|responses?|replies|thoughts?)\b.{0,160}$|^(?:(?:readers?'?s?'?|user|visitor)\s+)?comments(?:\s*\(\d+\)|\s*:)?$|^(?:comments?|responses?|replies|thoughts?)\s+(?:on|to)\s.{1,150}$|^(?:leave|post|add|write|submit)\s+(?:a|your|new)\s+(?:comment|reply|response)\b.{0,40}$|^(?:what do you think|join the (?:discussion|conversation)|have your say)\b.{0,20}$/i;

/** A trackback section: on a post's own page, but only its boilerplate when nobody linked. */
const TRACKBACK_HEADING = /^(?:trackbacks?|pingbacks?)(?:\s+(?:pings|urls?))?$/i;

/** At least this much of the container's text comes before the heading: the article it follows. */
const TEXT_BEFORE = 200;

/** What readers' posts show: who posted when, "says:", reply links, relative times. */
const POST_MARKS =
  /\b(?:posted by|written by|comment by|says:|said:|wrote:|reply\b|permalink|\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago)|\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}/gi;

/** The sibling nodes after `node` in its parent. */
function following(node: ThreadNode): ThreadNode[] {
  const out: ThreadNode[] = [];
  for (let n = node.nextSibling; n; n = n.nextSibling) out.push(n);
  return out;
}

/** How much text the siblings before `node` in its parent hold. */
function textBefore(node: ThreadNode): number {
  let chars = 0;
  const parent = node.parentNode as (ThreadNode & { firstChild: ThreadNode | null }) | null;
  for (let n = parent?.firstChild ?? null; n && n !== node && chars < TEXT_BEFORE; n = n.nextSibling)
    chars += textOf([n], TEXT_BEFORE - chars).length;
  return chars;
}

/** Under this many characters a section holds no posts: "Comments are closed", a form's labels. */
const EMPTY_SECTION = 200;

/**
 * Calls `visit` with each text of `node` in document order (an element's text nodes, or a text
 * or comment node's own data: what `textContent` would join); stops when `visit` says so.
 */
function walkText(node: ThreadNode, visit: (data: string) => boolean): boolean {
  if (node.nodeType !== 1 && node.nodeType !== 11) return visit(node.textContent ?? "");
  const stack: ThreadNode[] = [];
  for (let n = node.firstChild; n; ) {
    if (n.nodeType === 3 || n.nodeType === 4) {
      if (visit(n.textContent ?? "")) return true;
    } else if ((n.nodeType === 1 || n.nodeType === 11) && n.firstChild) {
      if (n.nextSibling) stack.push(n.nextSibling);
      n = n.firstChild;
      continue;
    }
    n = n.nextSibling ?? stack.pop() ?? null;
  }
  return false;
}

/**
 * The text of a run of nodes (their texts joined by spaces, whitespace collapsed, trimmed), read up to `limit`
 * characters: a page may have many candidate starts, and reading every following sibling's whole
 * text for each one grows as their product. The text is walked node by node rather than read
 * with `textContent`, which builds the whole string of a large container (the rest of the page)
 * only to keep its first characters: on 1,961 pages that garbage doubled the extractor's peak
 * memory. Same result as collapsing the joined text and slicing it over the nodes read before the limit.
 */
function textOf(nodes: ThreadNode[], limit = TEXT_LIMIT): string {
  // Chunks and a running length, not a growing string: reading the end of a concatenated string
  // flattens it, and doing that per text node is the quadratic garbage this function avoids.
  const chunks: string[] = [];
  let length = 0;
  let endsWithSpace = true; // nothing yet: leading whitespace is dropped, as trim would
  let raw = 0;
  const append = (data: string) => {
    let chunk = data.replace(/\s+/g, " ");
    if (endsWithSpace && chunk.startsWith(" ")) chunk = chunk.slice(1);
    if (!chunk) return;
    chunks.push(chunk);
    length += chunk.length;
    endsWithSpace = chunk.endsWith(" ");
  };
  for (const n of nodes) {
    raw += 1;
    append(" ");
    const full = walkText(n, (data) => {
      raw += data.length;
      append(data);
      return raw >= limit && length > limit + 1;
    });
    if (full || raw >= limit) break;
  }
  return chunks.join("").trim().slice(0, limit);
}

/** Enough text to see posts in, and to compare with half of any page. */
const TEXT_LIMIT = 20_000;

/** Whether what follows a comment heading is a readers' thread (or nothing: a closed thread). */
function readsAsThread(after: ThreadNode[], text: string): boolean {
  if (text.length < EMPTY_SECTION) return true;
  if (after.some((n) => n.nodeType === 1 && (n.tagName === "FORM" || n.querySelector("form")))) return true;
  return (text.match(POST_MARKS)?.length ?? 0) >= 2;
}

/** Whether a run of nodes holds what an article is made of: its headline or its own container. */
function holdsArticle(after: ThreadNode[]): boolean {
  return after.some(
    (n) =>
      n.nodeType === 1 &&
      (n.tagName === "H1" ||
        n.tagName === "ARTICLE" ||
        n.querySelector('h1,article,[itemprop="articleBody"]') !== null),
  );
}

/**
 * The empty anchor a page's "12 comments" link jumps to (`<a name="comments">`,
 * `<a id="commentSection">`): where the thread starts, whatever its title looks like.
 */
const THREAD_ANCHOR =
  /^(?:(?:user|reader|visitor)s?[-_]?)?comments?(?:[-_]?(?:section|start|area|top|anchor|form))?$|^(?:respond|talkback)$/i;

/** Where a thread may start: a titling heading (or its wrapper), or the anchor it jumps to. */
interface ThreadStart {
  node: ThreadNode;
  trackback: boolean;
  anchor?: boolean;
}

function* threadStarts(root: CleanElement): Generator<ThreadStart> {
  const headings = root.querySelectorAll("h2,h3,h4,h5,h6") as ArrayLike<ThreadNode>;
  for (let i = 0; i < headings.length; i++) {
    const heading = headings[i];
    const title = textOf([heading], 201);
    if (!title || title.length > 200) continue;
    const trackback = TRACKBACK_HEADING.test(title);
    if (!trackback && !THREAD_HEADING.test(title)) continue;
    yield { node: outermost(heading, title), trackback };
  }
  const anchors = root.querySelectorAll("a[name],a[id]") as ArrayLike<ThreadNode>;
  for (let i = 0; i < anchors.length; i++) {
    const a = anchors[i];
    if (textOf([a], 1)) continue;
    const name = a.getAttribute("name") ?? a.getAttribute("id") ?? "";
    if (THREAD_ANCHOR.test(name)) yield { node: outermost(a, ""), trackback: false, anchor: true };
  }
}

/** A node wrapped on its own (<div><h3>Comments</h3></div>): the wrapper is the boundary. */
function outermost(node: ThreadNode, text: string): ThreadNode {
  let start = node;
  while (
    start.parentNode &&
    start.parentNode.tagName !== "BODY" &&
    textOf([start.parentNode], text.length + 2) === text
  )
    start = start.parentNode;
  return start;
}

/** Removes each comment thread from where it starts, with its heading or anchor. */
export function dropCommentThreads(root: CleanElement): void {
  let pageChars = -1;
  for (const { node: start, trackback, anchor } of threadStarts(root)) {
    // A start inside a thread already removed (its comments' own headings) is no longer on the page.
    if (!start.parentNode || !root.contains(start)) continue;
    const after = following(start);
    const afterText = textOf(after);
    const afterChars = afterText.length;
    if (trackback ? afterChars >= EMPTY_SECTION : !anchor && !readsAsThread(after, afterText)) continue;
    if (holdsArticle(after)) continue;
    // With no article text before the start in its container, the section is on its own: it
    // goes only when it is not most of the page (a page that is all thread is left to Readability).
    if (textBefore(start) < TEXT_BEFORE) {
      // Read up to twice the limit: the comparison below only needs min(half the page, limit).
      if (pageChars < 0) pageChars = textOf([root as ThreadNode], 2 * TEXT_LIMIT).length;
      if (afterChars >= Math.min(pageChars / 2, TEXT_LIMIT)) continue;
    }
    for (const n of after) n.remove();
    start.remove();
  }
}
