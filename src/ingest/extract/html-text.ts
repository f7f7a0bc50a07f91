import { parseHTML } from "linkedom";
import { blockText, type TextNodeLike } from "./blocks.js";

/** Text of an HTML fragment (a feed item's content), paragraphs separated by blank lines. */
export function htmlToText(fragment: string): string {
  if (!fragment.trim()) return "";
  if (!/[<&]/.test(fragment)) return fragment.replace(/[ \t]+/g, " ").trim();
  const { document } = parseHTML(`<!doctype html><html><body>${fragment}</body></html>`);
  return blockText(document.body as unknown as TextNodeLike);
}
