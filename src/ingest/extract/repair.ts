/**
 * Repairs of damaged markup that would otherwise hide a whole article. linkedom is not an HTML5
 * tree builder: it does not invent a missing `<body>` (content outside one is never seen by
 * Readability, which reads `document.body`), and an unclosed `<title>` reads the rest of the page
 * as title text. Both come from pages saved or spliced by tools, on any site; neither touches a
 * well-formed page.
 */

const TITLE_OPEN = /<title\b[^>]*>/i;
const TITLE_CLOSE = /<\/title\s*>/gi;

/** `<title>` without `</title>`: the title ends where the first tag starts. */
export function closeRunawayTitle(html: string): string {
  const open = TITLE_OPEN.exec(html);
  if (!open) return html;
  const start = open.index + open[0].length;
  TITLE_CLOSE.lastIndex = start;
  if (TITLE_CLOSE.test(html)) return html;
  const next = html.indexOf("<", start);
  const end = next < 0 ? html.length : next;
  return `${html.slice(0, end)}</title>${html.slice(end)}`;
}

/** A head element as markup: kept in the head when a page is re-wrapped. */
const HEAD_ELEMENT = /<title\b[^>]*>[^<]*<\/title\s*>|<(meta|link|base)\b[^>]*>/gi;
const SKELETON_TAG = /<!doctype[^>]*>|<\/?(html|head|body)\b[^>]*>/gi;

/**
 * The same markup in a fresh `<html><head></head><body>` skeleton: head elements in the head,
 * everything else in the body. For pages whose parse left `document.body` empty.
 */
export function wrapInBody(html: string): string {
  const head: string[] = [];
  const body = html.replace(SKELETON_TAG, "").replace(HEAD_ELEMENT, (el) => {
    head.push(el);
    return "";
  });
  return `<!doctype html><html><head>${head.join("")}</head><body>${body}</body></html>`;
}

/** Whether a parsed document lost its content: an empty body (or none) in a page that has text. */
export function bodyIsLost(document: { body?: { childNodes: ArrayLike<unknown> } | null }): boolean {
  return !document.body || document.body.childNodes.length === 0;
}
