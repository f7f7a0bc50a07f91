/**
 * Makes pathologically deep trees cheap before Readability walks them. Readability reads each
 * candidate's text and ancestors, which costs the depth of the tree for every node: 1,000 nested
 * `<div>`s took seconds, 5,000 minutes. Real pages are shallow (the 181 benchmark pages reach depth
 * 51 at most, median 16), so a tree no deeper than MAX_DEPTH is left exactly as it is; only a deeper
 * one is flattened, in two steps:
 *
 * 1. Chains of wrappers (an element whose only content is one other element, nothing but
 *    whitespace beside it) collapse to their innermost wrapper. No text boundary is lost: the inner
 *    element still separates what the outer one did. This keeps an article buried under 5,000
 *    `<div>`s intact, links and paragraphs included.
 * 2. What is still deeper than MAX_DEPTH (nesting with text at every level) is cut at that depth:
 *    the element there keeps its text, one `<p>` per block, as the text walk (./blocks.ts) reads it.
 *
 * Both walks are iterative: a recursive one would overflow the stack on the trees this is for.
 */

/** Deeper than any real page we have seen by far; the HTML parsers of browsers stop at 512. */
export const MAX_DEPTH = 128;

/** The DOM members flattening uses (linkedom's nodes have them). */
export interface FlatNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  parentNode: FlatNode | null;
  firstChild: FlatNode | null;
  nextSibling: FlatNode | null;
  ownerDocument: { createElement(tag: string): FlatNode } | null;
  replaceWith?(...nodes: FlatNode[]): void;
  appendChild?(node: FlatNode): unknown;
  remove?(): void;
}

/** Elements that only group content: a chain of them carries no structure worth a walk. */
const WRAPPERS = new Set([
  "DIV",
  "SECTION",
  "ARTICLE",
  "MAIN",
  "HEADER",
  "SPAN",
  "FONT",
  "CENTER",
  "B",
  "I",
  "EM",
  "STRONG",
  "SMALL",
  "BIG",
  "U",
  "S",
  "INS",
  "DEL",
  "MARK",
  "BLOCKQUOTE",
]);

function isElement(node: FlatNode | null): boolean {
  return node !== null && node.nodeType === 1;
}

function children(node: FlatNode): FlatNode[] {
  const out: FlatNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** The depth of the deepest element under root (root is 1), stopping early once over `limit`. */
export function treeDepth(root: FlatNode, limit = Number.POSITIVE_INFINITY): number {
  let max = 0;
  const stack: [FlatNode, number][] = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop() as [FlatNode, number];
    if (depth > max) max = depth;
    if (max > limit) return max;
    for (let c = node.firstChild; c; c = c.nextSibling) if (isElement(c)) stack.push([c, depth + 1]);
  }
  return max;
}

/** The only child element of a wrapper with nothing else but whitespace in it, else undefined. */
function soleWrapperChild(el: FlatNode): FlatNode | undefined {
  let only: FlatNode | undefined;
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (isElement(c)) {
      if (only) return undefined;
      only = c;
    } else if (c.nodeType === 3 && (c.textContent ?? "").trim()) return undefined;
  }
  return only && WRAPPERS.has(only.nodeName.toUpperCase()) ? only : undefined;
}

/** Step 1: every chain of wrappers becomes its innermost wrapper. Returns how many were removed. */
function collapseWrapperChains(root: FlatNode): number {
  let removed = 0;
  const stack: FlatNode[] = [root];
  while (stack.length) {
    let el = stack.pop() as FlatNode;
    if (el !== root && WRAPPERS.has(el.nodeName.toUpperCase())) {
      // Find the innermost wrapper of the chain first, then move it once: moving it at every link
      // would cost the chain's length in DOM operations instead of one.
      let innermost = el;
      let links = 0;
      for (let inner = soleWrapperChild(el); inner; inner = soleWrapperChild(inner)) {
        innermost = inner;
        links++;
      }
      if (links) {
        // The outer wrappers go; the innermost one, nearest the content, keeps its class and id.
        el.replaceWith?.(innermost);
        removed += links;
        el = innermost;
      }
    }
    for (let c = el.firstChild; c; c = c.nextSibling) if (isElement(c)) stack.push(c);
  }
  return removed;
}

const BLOCKS = new Set(["P", "DIV", "SECTION", "ARTICLE", "LI", "BLOCKQUOTE", "TR", "TABLE", "UL", "OL"]);
const BLOCK_HEADINGS = /^H[1-6]$/;
const SKIPPED = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "BUTTON", "SELECT"]);

/** The text blocks under el, iteratively, with the break rules of ./blocks.ts in small. */
function textBlocks(el: FlatNode): string[] {
  const blocks: string[] = [];
  let current = "";
  const flush = () => {
    const t = current.replace(/\s+/g, " ").trim();
    if (t) blocks.push(t);
    current = "";
  };
  // A `null` entry marks the end of a block element, where its text ends a paragraph.
  const stack: (FlatNode | null)[] = children(el).reverse();
  while (stack.length) {
    const node = stack.pop();
    if (node === null) {
      flush();
      continue;
    }
    if (node === undefined) break;
    if (node.nodeType === 3) {
      current += node.textContent ?? "";
      continue;
    }
    if (!isElement(node)) continue;
    const tag = node.nodeName.toUpperCase();
    if (SKIPPED.has(tag)) continue;
    if (tag === "BR") current += " ";
    const block = BLOCKS.has(tag) || BLOCK_HEADINGS.test(tag);
    if (block) {
      flush();
      stack.push(null);
    }
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  flush();
  return blocks;
}

/** Step 2: elements at maxDepth with elements inside keep only their text, as paragraphs. */
function cutBelow(root: FlatNode, maxDepth: number): number {
  let cut = 0;
  const stack: [FlatNode, number][] = [[root, 1]];
  while (stack.length) {
    const [el, depth] = stack.pop() as [FlatNode, number];
    if (depth >= maxDepth) {
      if (!children(el).some(isElement)) continue;
      const blocks = textBlocks(el);
      for (const c of children(el)) c.remove?.();
      for (const text of blocks) {
        const p = el.ownerDocument?.createElement("p");
        if (!p) break;
        p.textContent = text;
        el.appendChild?.(p);
      }
      cut++;
      continue;
    }
    for (let c = el.firstChild; c; c = c.nextSibling) if (isElement(c)) stack.push([c, depth + 1]);
  }
  return cut;
}

export interface FlattenReport {
  /** Depth before flattening (up to MAX_DEPTH + 1 when the tree was left alone, measured no further). */
  depth: number;
  collapsed: number;
  cut: number;
}

/** Flattens root in place when it is deeper than maxDepth; a shallower tree is not touched. */
export function flattenDeepTree(root: FlatNode, maxDepth = MAX_DEPTH): FlattenReport {
  const depth = treeDepth(root, maxDepth);
  if (depth <= maxDepth) return { depth, collapsed: 0, cut: 0 };
  const collapsed = collapseWrapperChains(root);
  const cut = treeDepth(root, maxDepth) > maxDepth ? cutBelow(root, maxDepth) : 0;
  return { depth, collapsed, cut };
}
