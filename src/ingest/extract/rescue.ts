import { parseHTML } from "linkedom";
import type { TextNodeLike } from "./blocks.js";
import { type CleanElement, preClean } from "./cleanup.js";
import { densestRun, densityBlocks } from "./density.js";
import { type FlatNode, flattenDeepTree } from "./flatten.js";
import { cleanParagraphs, type ParagraphContext } from "./paragraphs.js";
import { bodyIsLost, wrapInBody } from "./repair.js";

/** Where an extraction's text came from. */
export type ExtractMethod = "readability" | "json-ld" | "density" | "none";

/**
 * Below this many characters Readability's text is a scrap (a caption, a "see original" line),
 * not an article: the page's own `articleBody` and the densest run of text are tried too.
 */
const SCRAP_CHARS = 500;

/** linkedom's document (the project has no DOM lib types). */
export type PageDocument = ReturnType<typeof parseHTML>["document"];

const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** Whether most (80 %) of the distinct words of `part` occur in `whole`; true for an empty part. */
function contains(whole: string, part: string): boolean {
  const p = words(part);
  if (!p.size) return true;
  const w = words(whole);
  let hits = 0;
  for (const t of p) if (w.has(t)) hits++;
  return hits >= 0.8 * p.size;
}

/** Parsed markup with its content inside `<body>` (linkedom builds no body of its own). */
export function parsePage(markup: string): PageDocument {
  let { document } = parseHTML(markup);
  if (bodyIsLost(document)) ({ document } = parseHTML(wrapInBody(markup)));
  return document;
}

/** What every tree is walked through first: furniture removed, deep nesting flattened. */
export function prepareTree(document: PageDocument): void {
  const root = document.documentElement as unknown as CleanElement | null;
  if (!root) return;
  preClean(root);
  // After metadata (JSON-LD may sit anywhere) and before any walk, which deep nesting makes slow.
  // Pages of normal depth are left exactly as they are.
  flattenDeepTree(root as unknown as FlatNode);
}

/**
 * Readability's text when it found an article; otherwise the longer of the page's JSON-LD
 * `articleBody` and the densest run of text blocks, when that is clearly more than Readability
 * kept. The run is read from a fresh parse: Readability has taken the first tree apart.
 */
export function rescueText(
  text: string,
  markup: string,
  articleBody: string | undefined,
  ctx: ParagraphContext,
): { text: string; method: ExtractMethod } {
  if (text.length >= SCRAP_CHARS) return { text, method: "readability" };
  let best: { text: string; method: ExtractMethod } = { text, method: text ? "readability" : "none" };
  const consider = (candidate: string, method: ExtractMethod) => {
    // A rescue has to be clearly more than the scrap it replaces, and around it: a short article
    // that Readability found whole is not traded for some other long run of the page.
    if (candidate.length > best.text.length * 2 && contains(candidate, text))
      best = { text: candidate, method };
  };
  if (articleBody) consider(cleanParagraphs(articleBody.replace(/\r\n?/g, "\n"), ctx), "json-ld");
  if (best.text.length < SCRAP_CHARS) {
    const document = parsePage(markup);
    prepareTree(document);
    const body = document.body as unknown as TextNodeLike | null;
    if (body) consider(cleanParagraphs(densestRun(densityBlocks(body)), ctx), "density");
  }
  return best;
}
