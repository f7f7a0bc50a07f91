import { BLOCK_TAGS, SKIP_TAGS, type TextNodeLike } from "./blocks.js";

/**
 * The densest contiguous run of text blocks on a page, for pages where Readability finds no
 * article or only a scrap of one (image-led posts, table layouts, pages whose scores it
 * misjudges). It only assumes what holds on any site: an article is a run of blocks with much
 * text and few links, and navigation, link lists and page chrome are short or mostly links.
 *
 * Each block scores its plain (non-link) characters, minus twice its link characters, minus a
 * fixed cost per block; the run with the highest sum (Kadane's maximum subarray) is the article.
 * The cost per block keeps short lines (menus, "Posted by admin") out unless they sit between
 * paragraphs; the link penalty keeps lists of headlines out even when their titles are long.
 */

/** One block of text with the part of it that is link text. */
export interface DensityBlock {
  text: string;
  chars: number;
  linkChars: number;
}

/** About eight words: a block shorter than this costs the run more than it brings. */
const BLOCK_COST = 50;
const LINK_WEIGHT = 2;

/** The text blocks of a tree in document order, with how much of each is link text. */
export function densityBlocks(root: TextNodeLike): DensityBlock[] {
  const blocks: DensityBlock[] = [];
  let current = "";
  let linkChars = 0;
  const flush = () => {
    const text = current.replace(/[ \t\r\n\f\u00a0]+/g, " ").trim();
    if (text) blocks.push({ text, chars: text.length, linkChars: Math.min(linkChars, text.length) });
    current = "";
    linkChars = 0;
  };
  const walk = (node: TextNodeLike, inLink: boolean) => {
    if (node.nodeType === 3) {
      const t = node.textContent ?? "";
      current += t;
      if (inLink) linkChars += t.replace(/\s+/g, " ").length;
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = node.nodeName.toUpperCase();
    if (SKIP_TAGS.has(tag)) return;
    // A <br> pair separates paragraphs in old table layouts; one <br> is a line break.
    if (tag === "BR") {
      current += "\n";
      if (/\n[ \t\r\f\u00a0]*\n$/.test(current)) flush();
      return;
    }
    if (tag === "TD" || tag === "TH") current += " ";
    const isBlock = BLOCK_TAGS.has(tag) || tag === "TD" || tag === "TH";
    if (isBlock) flush();
    const children = node.childNodes;
    const link = inLink || tag === "A";
    for (let i = 0; i < children.length; i++) walk(children[i], link);
    if (isBlock) flush();
  };
  walk(root, false);
  flush();
  return blocks;
}

function blockScore(b: DensityBlock): number {
  return b.chars - b.linkChars - LINK_WEIGHT * b.linkChars - BLOCK_COST;
}

/** The run of blocks with the highest total score, "\n\n" between blocks; "" when none scores. */
export function densestRun(blocks: DensityBlock[]): string {
  let best = 0;
  let bestStart = 0;
  let bestEnd = -1;
  let sum = 0;
  let start = 0;
  for (let i = 0; i < blocks.length; i++) {
    if (sum <= 0) {
      sum = 0;
      start = i;
    }
    sum += blockScore(blocks[i]);
    if (sum > best) {
      best = sum;
      bestStart = start;
      bestEnd = i;
    }
  }
  return blocks
    .slice(bestStart, bestEnd + 1)
    .map((b) => b.text)
    .join("\n\n");
}
