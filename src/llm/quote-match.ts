import type { PreparedText } from "../core/types.js";

/**
 * Finding a model's quote in the article. The model may change quote marks, dashes and spacing,
 * nothing else: the quote must then occur character for character in the normalised text, and
 * inside quotation marks there (narration presented as someone's words is not a quote).
 */

export interface Span {
  start: number;
  end: number;
}

const QUOTE_MARKS =
  /^["'\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u201F\u00AB\u00BB\u2039\u203A\s]+|["'\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u201F\u00AB\u00BB\u2039\u203A\s]+$/g;

/** The same one-for-one folding prepareText applies, for text coming from the model. */
export function normaliseModelQuote(quote: string): string {
  return quote
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2013\u2212]/g, "-")
    .replace(/\u2015/g, "\u2014")
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, "")
    .replace(/\s+/g, " ")
    .replace(QUOTE_MARKS, "")
    .trim();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Every occurrence of the quote in the text, spacing-insensitive. */
function occurrences(text: string, quote: string): Span[] {
  const pattern = quote.split(" ").map(escapeRegExp).join("\\s+");
  const re = new RegExp(pattern, "g");
  const found: Span[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    found.push({ start: m.index, end: m.index + m[0].length });
    re.lastIndex = m.index + 1;
  }
  return found;
}

/**
 * Where the model's quote occurs in `prepared.text`, nearest to the sentence the model named.
 * Trailing punctuation the model added or dropped ("…today," vs "…today") does not matter.
 */
export function locateQuote(prepared: PreparedText, quote: string, hintSentence?: number): Span | undefined {
  const norm = normaliseModelQuote(quote);
  if (!/[\p{L}\p{N}]/u.test(norm)) return undefined;
  let found = occurrences(prepared.text, norm);
  if (found.length === 0) {
    const trimmed = norm.replace(/[\s.,;:!?\u2026-]+$/u, "");
    if (trimmed.length > 0 && trimmed !== norm) found = occurrences(prepared.text, trimmed);
  }
  const inQuotes = found.filter((span) => insideQuotation(prepared, span));
  if (inQuotes.length === 0) return undefined;
  const hint = hintSentence !== undefined ? prepared.sentences[hintSentence] : undefined;
  if (!hint) return inQuotes[0];
  return inQuotes.reduce((best, span) =>
    Math.abs(span.start - hint.start) < Math.abs(best.start - hint.start) ? span : best,
  );
}

const regionsCache = new WeakMap<PreparedText, Span[]>();

/** Whether the span lies inside a stretch the article puts between quotation marks. */
export function insideQuotation(prepared: PreparedText, span: Span): boolean {
  let regions = regionsCache.get(prepared);
  if (!regions) {
    regions = quotedRegions(prepared);
    regionsCache.set(prepared, regions);
  }
  return regions.some((r) => r.start <= span.start && span.end <= r.end);
}

const OPENS_AFTER = /[\s([{\u2014-]/;
const CLOSES_BEFORE = /[\s.,;:!?)\]}\u2014-]/;

/**
 * Quoted stretches per paragraph. Double quotes toggle; an unclosed one runs to the paragraph end
 * (news style for quotes that continue in the next paragraph). Single quotes are told apart from
 * apostrophes by what surrounds them, and by the original character where it was a curly one.
 */
export function quotedRegions(prepared: PreparedText): Span[] {
  const { text } = prepared;
  const regions: Span[] = [];
  const paragraphs = prepared.paragraphs.length
    ? prepared.paragraphs
    : [{ index: 0, start: 0, end: text.length }];
  for (const p of paragraphs) {
    let doubleOpen = -1;
    let singleOpen = -1;
    for (let i = p.start; i < p.end; i++) {
      const ch = text[i];
      if (ch === '"') {
        if (doubleOpen < 0) doubleOpen = i + 1;
        else {
          regions.push({ start: doubleOpen, end: i });
          doubleOpen = -1;
        }
        singleOpen = -1;
      } else if (ch === "'" && doubleOpen < 0) {
        const before = i > p.start ? text[i - 1] : " ";
        const after = i + 1 < p.end ? text[i + 1] : " ";
        const originalChar = prepared.original[prepared.toOriginal[i]];
        const canOpen = originalChar !== "\u2019" && OPENS_AFTER.test(before) && /[^\s]/.test(after);
        const canClose = originalChar !== "\u2018" && /[^\s]/.test(before) && CLOSES_BEFORE.test(after);
        if (singleOpen >= 0 && canClose) {
          regions.push({ start: singleOpen, end: i });
          singleOpen = -1;
        } else if (singleOpen < 0 && canOpen) singleOpen = i + 1;
      }
    }
    if (doubleOpen >= 0) regions.push({ start: doubleOpen, end: p.end });
    if (singleOpen >= 0) regions.push({ start: singleOpen, end: p.end });
  }
  return regions;
}

/** Id of the sentence containing the offset (the last one starting at or before it). */
export function sentenceIdAt(prepared: PreparedText, offset: number): number {
  const { sentences } = prepared;
  let lo = 0;
  let hi = sentences.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return sentences[found]?.id ?? 0;
}
