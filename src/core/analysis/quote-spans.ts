import type { PreparedText } from "../types.js";
import { type GuillemetStyle, guillemetStyle, pairNestedMarks, usesForeignMarks } from "./quote-marks.js";

/** One stretch of text between quotation marks (offsets into `PreparedText.text`, marks excluded). */
export interface QuoteSpan {
  start: number;
  end: number;
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or -1 when the paragraph ended first (multi-paragraph quote). */
  close: number;
  paragraph: number;
}

// An unclosed quote may run to the end of its paragraph (the multi-paragraph convention), but never
// further, and never more than this: a stray mark must not swallow a long paragraph.
const MAX_UNCLOSED_CHARS = 700;

type Dir = "open" | "close" | "either";

/**
 * Finds quotation-mark stretches paragraph by paragraph. Curly marks give their direction; straight
 * marks are read from the characters around them. Articles that quote with single marks (British
 * style) are handled when they have no double-quoted speech at all.
 */
export function findQuoteSpans(prepared: PreparedText): QuoteSpan[] {
  const { text } = prepared;
  const doubles = countDoubleMarks(text);
  const spans: QuoteSpan[] = [];
  let style: GuillemetStyle | undefined;
  for (const p of prepared.paragraphs) {
    // Paragraphs with German, French or CJK marks are paired by kind of mark (quote-marks.ts); the
    // English ones keep the pairing the PolNeAR figures were measured on.
    if (usesForeignMarks(prepared, p.start, p.end)) {
      style ??= guillemetStyle(prepared);
      pairNestedMarks(prepared, p.start, p.end, style, (open, close) => {
        // French sets its guillemets off with spaces (« Oui »): the quote is the words inside.
        let start = open + 1;
        let end = close >= 0 ? close : p.end;
        while (start < end && text[start] === " ") start++;
        while (end > start && text[end - 1] === " ") end--;
        if (end <= start || (close < 0 && end - start > MAX_UNCLOSED_CHARS)) return;
        spans.push({ start, end, open, close, paragraph: p.index });
      });
    } else if (doubles >= 2) pairMarks(prepared, p.start, p.end, p.index, '"', spans);
    else pairSingleMarks(text, p.start, p.end, p.index, spans);
  }
  return spans;
}

function countDoubleMarks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0 && n < 2; i = text.indexOf('"', i + 1)) n++;
  return n;
}

function directionOf(prepared: PreparedText, i: number): Dir {
  const orig = prepared.original[prepared.toOriginal[i]];
  const text = prepared.text;
  const prev = i > 0 ? text[i - 1] : "\n";
  const next = i + 1 < text.length ? text[i + 1] : "\n";
  // A mistyped curly mark ("…unusual,“ said X") is read from its neighbours: punctuation before and a
  // space after make it a closing mark whatever its shape.
  if (orig === "\u201C" && /[.,!?;:]/.test(prev) && (next === " " || next === "\n")) return "close";
  if (orig === "\u201C" || orig === "\u201E" || orig === "\u00AB") return "open";
  if (orig === "\u201D" || orig === "\u00BB") return "close";
  const prevSpace =
    prev === " " || prev === "\n" || prev === "(" || prev === "[" || prev === "\u2014" || prev === "-";
  const nextSpace = next === " " || next === "\n" || /[.,;:!?)\]]/.test(next);
  if (prevSpace && !nextSpace) return "open";
  if (!prevSpace && nextSpace) return "close";
  return "either";
}

function pairMarks(
  prepared: PreparedText,
  from: number,
  to: number,
  paragraph: number,
  mark: string,
  out: QuoteSpan[],
): void {
  const text = prepared.text;
  let open = -1;
  for (let i = text.indexOf(mark, from); i >= 0 && i < to; i = text.indexOf(mark, i + 1)) {
    const dir = directionOf(prepared, i);
    if (open < 0) {
      if (dir !== "close") open = i;
      continue;
    }
    if (dir === "open" && directionOf(prepared, open) === "open" && i - open > 1) {
      // Two opening marks in a row: the first was stray. Start again from this one.
      open = i;
      continue;
    }
    if (i > open + 1) out.push({ start: open + 1, end: i, open, close: i, paragraph });
    open = -1;
  }
  if (open >= 0 && to - open - 1 <= MAX_UNCLOSED_CHARS && to > open + 1) {
    out.push({ start: open + 1, end: to, open, close: -1, paragraph });
  }
}

/** Single-mark quotes: an opening ' at a word start, closed by a ' that ends a phrase. */
function pairSingleMarks(text: string, from: number, to: number, paragraph: number, out: QuoteSpan[]): void {
  let i = from;
  while (i < to) {
    const q = text.indexOf("'", i);
    if (q < 0 || q >= to) return;
    const prev = q > from ? text[q - 1] : " ";
    const next = text[q + 1] ?? " ";
    if (!(prev === " " || prev === "(" || prev === "\u2014" || q === from) || !/[\p{L}\p{N}]/u.test(next)) {
      i = q + 1;
      continue;
    }
    // Look for the closing mark: punctuation before it, or punctuation/space after it, not an apostrophe
    // inside a word ("don't") and not a plural possessive ("players' union": a lowercase word follows).
    let c = text.indexOf("'", q + 1);
    let found = -1;
    while (c >= 0 && c < to && c - q < MAX_UNCLOSED_CHARS) {
      const before = text[c - 1];
      const after = c + 1 < text.length ? text[c + 1] : " ";
      const inWord = /[\p{L}]/u.test(before) && /[\p{L}]/u.test(after);
      const punctBefore = /[.,!?]/.test(before);
      const endsPhrase = /[\s.,;:!?)]/.test(after) || c + 1 >= to;
      if (
        !inWord &&
        endsPhrase &&
        (punctBefore || !/^ [a-z]/.test(text.slice(c + 1, c + 3)) || before !== "s")
      ) {
        found = c;
        break;
      }
      c = text.indexOf("'", c + 1);
    }
    if (found < 0) {
      i = q + 1;
      continue;
    }
    out.push({ start: q + 1, end: found, open: q, close: found, paragraph });
    i = found + 1;
  }
}
