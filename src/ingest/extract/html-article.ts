import { Readability } from "@mozilla/readability";
import { blockText, type TextNodeLike } from "./blocks.js";
import { type CleanElement, postClean } from "./cleanup.js";
import { isListing, listingSigns } from "./listing.js";
import { extractMetadata, type PageMetadata } from "./metadata.js";
import { cleanByline } from "./metadata-clean.js";
import { bylineLine, datelineDate, isAuthorName } from "./metadata-page.js";
import { cleanParagraphs } from "./paragraphs.js";
import { closeRunawayTitle } from "./repair.js";
import { type ExtractMethod, parsePage, prepareTree, rescueText } from "./rescue.js";

/** What extraction finds on one HTML page. */
export interface ExtractedPage extends PageMetadata {
  title?: string;
  /** Article text, paragraphs separated by "\n\n". */
  text: string;
  /** Which path produced the text: Readability, JSON-LD articleBody, the densest run, or nothing. */
  method: ExtractMethod;
  /** The page lists articles (a home page, section, search results) rather than being one. */
  listing?: boolean;
}

/**
 * Extracts the article of one HTML page: Readability over linkedom for the text, with the
 * clean-up rules in ./cleanup.ts and ./paragraphs.ts, the rescues in ./rescue.ts when it finds
 * no article or a scrap, and metadata from JSON-LD/OpenGraph/meta.
 * Pure apart from parsing: never fetches anything.
 */
export function extractFromHtml(html: string, pageUrl?: string): ExtractedPage {
  const markup = stripInertMarkup(closeRunawayTitle(html));
  const document = parsePage(markup);
  const meta = extractMetadata(document as never, pageUrl);
  prepareTree(document);

  let text = "";
  let readabilityTitle: string | undefined;
  let readabilityByline: string | undefined;
  // The first blocks of the container before clean-up: where the dateline and "By …" stand.
  let leadBlocks: string[] = [];
  let listing = false;
  try {
    const reader = new Readability<CleanElement>(document as never, {
      // Hand back the container itself, not serialised HTML: we walk it for text ourselves.
      serializer: (node) => node as unknown as CleanElement,
    });
    const result = reader.parse();
    if (result?.content) {
      // Read before clean-up, which drops link lists ("related") that make a listing one.
      listing = isListing(listingSigns(result.content as never), pageUrl, result.title ?? meta.title);
      postClean(result.content);
      const raw = blockText(result.content as unknown as TextNodeLike);
      leadBlocks = raw.split("\n\n", 6);
      text = cleanParagraphs(raw, {
        title: meta.title ?? result.title ?? undefined,
        byline: meta.byline ?? result.byline ?? undefined,
      });
      readabilityTitle = result.title ?? undefined;
      readabilityByline = result.byline ?? undefined;
    }
  } catch {
    // Readability throws on some malformed trees; the rescues below still apply.
  }
  const rescued = rescueText(text, markup, meta.articleBody, {
    title: meta.title ?? readabilityTitle,
    byline: meta.byline ?? readabilityByline,
  });
  const shownByline = [cleanByline(readabilityByline), bylineLine(leadBlocks)].find(
    (b): b is string => !!b && isAuthorName(b, meta.siteName, pageUrl),
  );
  return {
    ...meta,
    title: meta.title ?? readabilityTitle,
    byline: meta.byline ?? shownByline,
    published: meta.published ?? datelineDate(leadBlocks),
    text: rescued.text,
    method: rescued.method,
    listing,
  };
}

/**
 * Removes scripts (except JSON-LD), styles, comments and inline SVG from the markup before
 * parsing. They are never article text, and on news pages they are often half of the bytes:
 * dropping them as text halves the parse and Readability time.
 */
export function stripInertMarkup(html: string): string {
  // A hand-rolled scan: lazy `[\s\S]*?` regexes over 500 KB pages cost more than they save.
  const open = /<(script|style|svg|noscript|template)\b([^>]*)>|<!--/gi;
  const parts: string[] = [];
  let last = 0;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const tag = m[1]?.toLowerCase();
    if (tag === "script" && /ld\+json/i.test(m[2] ?? "")) continue;
    const close = tag ? new RegExp(`</${tag}\\s*>`, "gi") : /-->/g;
    close.lastIndex = open.lastIndex;
    const end = close.exec(html);
    parts.push(html.slice(last, m.index));
    last = end ? close.lastIndex : html.length;
    open.lastIndex = last;
  }
  parts.push(html.slice(last));
  return stripFurniture(parts.join(""));
}

/**
 * Cuts balanced `<nav>`, `<footer>` and `<aside>` elements out of the markup. preClean removes
 * them from the tree anyway; cutting them as text first spares parsing them (about a third of
 * the nodes of a news page). An element whose end tag never comes is left to the parser.
 */
const LD_JSON_SCRIPT = /<script\b[^>]*ld\+json[^>]*>[\s\S]*?<\/script\s*>/gi;

function stripFurniture(html: string): string {
  const tags = /<(\/?)(nav|footer|aside)\b[^>]*>/gi;
  const parts: string[] = [];
  let last = 0;
  let open: string | undefined;
  let depth = 0;
  let start = 0;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    const closing = m[1] === "/";
    const tag = m[2].toLowerCase();
    if (!open) {
      if (closing) continue;
      open = tag;
      depth = 1;
      start = m.index;
    } else if (tag === open) {
      depth += closing ? -1 : 1;
      if (depth === 0) {
        parts.push(html.slice(last, start));
        // Structured data sometimes sits in a footer: keep it for the metadata.
        for (const ld of html.slice(start, tags.lastIndex).match(LD_JSON_SCRIPT) ?? []) parts.push(ld);
        last = tags.lastIndex;
        open = undefined;
      }
    }
  }
  parts.push(html.slice(last));
  return parts.join("");
}
