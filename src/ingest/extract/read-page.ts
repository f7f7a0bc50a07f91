import type { PageReader } from "../page-reader.js";
import { type ExtractedPage, extractFromHtml } from "./html-article.js";
import { detectWall, type Wall } from "./paywall.js";

/** What one HTML page yields: the extraction and whether a login or paywall stands in front of it. */
export interface PageReading {
  page: ExtractedPage;
  wall: Wall;
}

/**
 * The whole CPU-heavy part of reading a page, pure: the worker pool runs exactly this, and so do
 * the command line (`newsdesk extract`, also `--jsonl` for evaluations) and the in-process reader,
 * so chat, feeds and evaluations see the same text.
 */
export function readPage(html: string, url: string | undefined): PageReading {
  const page = extractFromHtml(html, url);
  return { page, wall: detectWall(html, page.text) };
}

/** The reader that runs readPage right here: no budget, nothing remembered. */
export function createInlinePageReader(): PageReader {
  return { read: async (html, url) => readPage(html, url) };
}
