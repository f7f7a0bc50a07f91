import type { PreparedText } from "../types.js";

/**
 * Quotation marks of other languages: German „…“ and »…«, French and Spanish «…», Polish „…”,
 * CJK 「…」 and 『…』. Normalisation turns the Western ones into a straight `"` (the original
 * character tells which it was); the CJK ones stay as they are. These marks say which way they
 * face only within a style — German “ closes what „ opened, English “ opens — so they are paired
 * with a stack: a closing mark closes only the kind of quote that is open, marks of another kind
 * inside a quote are a quote within it, and a mark that closes nothing is left alone. A span is
 * never made of the text *between* two quotes.
 */

/** Marks that only other languages use: a paragraph with one of them is paired here. */
const FOREIGN_DOUBLES = new Set(["\u201E", "\u00AB", "\u00BB"]);
const CJK_MARKS = /[\u300C\u300D\u300E\u300F\u2039\u203A]/;

type Kind = "low" | "curly" | "rdq" | "guil" | "sguil" | "straight" | "corner" | "wcorner";

interface Mark {
  at: number;
  /** The kind of quote this mark can open, if any. */
  opens?: Kind;
  /** The kinds of open quote this mark can close. */
  closes: Kind[];
}

/** How a document faces its guillemets: French and Spanish «…», German and Danish »…«. */
export type GuillemetStyle = "outward" | "inward";

/** The original character behind position `i` of the prepared text. */
const originalAt = (prepared: PreparedText, i: number) => prepared.original[prepared.toOriginal[i]!];

/** Whether a paragraph uses marks the English pairing does not know. */
export function usesForeignMarks(prepared: PreparedText, from: number, to: number): boolean {
  const { text } = prepared;
  for (let i = text.indexOf('"', from); i >= 0 && i < to; i = text.indexOf('"', i + 1)) {
    if (FOREIGN_DOUBLES.has(originalAt(prepared, i) ?? "")) return true;
  }
  return CJK_MARKS.test(text.slice(from, to));
}

/**
 * Which way the text's guillemets face, from the marks that touch a word: «Oui or »Ja opens,
 * oui« or ja» closes. French sets them off with spaces (« Oui »), which says nothing; French and
 * Spanish style is then the default, being the commoner in news.
 */
export function guillemetStyle(prepared: PreparedText): GuillemetStyle {
  const { original } = prepared;
  let outward = 0;
  let inward = 0;
  const letter = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  // A closing mark follows the quote's last word or its punctuation ("Ja.«", "Oui,»").
  const word = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}.,!?]/u.test(c);
  for (let i = 0; i < original.length; i++) {
    const c = original[i];
    if (c !== "\u00AB" && c !== "\u00BB") continue;
    const opensHere = letter(original[i + 1]) && !word(original[i - 1]);
    const closesHere = word(original[i - 1]) && !letter(original[i + 1]);
    if ((c === "\u00AB" && opensHere) || (c === "\u00BB" && closesHere)) outward++;
    if ((c === "\u00BB" && opensHere) || (c === "\u00AB" && closesHere)) inward++;
  }
  return inward > outward ? "inward" : "outward";
}

function markAt(prepared: PreparedText, i: number, style: GuillemetStyle): Mark | undefined {
  const ch = prepared.text[i];
  if (ch === "\u300C") return { at: i, opens: "corner", closes: [] };
  if (ch === "\u300D") return { at: i, closes: ["corner"] };
  if (ch === "\u300E") return { at: i, opens: "wcorner", closes: [] };
  if (ch === "\u300F") return { at: i, closes: ["wcorner"] };
  if (ch === "\u2039" || ch === "\u203A") {
    const opening = (ch === "\u2039") === (style === "outward");
    return opening ? { at: i, opens: "sguil", closes: [] } : { at: i, closes: ["sguil"] };
  }
  if (ch !== '"') return undefined;
  switch (originalAt(prepared, i)) {
    case "\u201E":
      return { at: i, opens: "low", closes: [] };
    case "\u201C":
      // German “ closes „; otherwise it opens (English, or a quote inside French guillemets).
      return { at: i, opens: "curly", closes: ["low"] };
    case "\u201D":
      // Polish „…” and English “…”; Swedish ”…” opens with the same mark.
      return { at: i, opens: "rdq", closes: ["low", "curly", "rdq"] };
    case "\u00AB":
      return style === "outward" ? { at: i, opens: "guil", closes: [] } : { at: i, closes: ["guil"] };
    case "\u00BB":
      return style === "outward" ? { at: i, closes: ["guil"] } : { at: i, opens: "guil", closes: [] };
    default:
      return { at: i, opens: "straight", closes: ["straight"] };
  }
}

/**
 * Pairs the marks of one paragraph; calls `emit(open, close)` for each outermost quote, `close`
 * -1 when the paragraph ends inside one (the caller decides whether an unclosed quote counts).
 */
export function pairNestedMarks(
  prepared: PreparedText,
  from: number,
  to: number,
  style: GuillemetStyle,
  emit: (open: number, close: number) => void,
): void {
  const { text } = prepared;
  const stack: Array<{ at: number; kind: Kind }> = [];
  for (let i = from; i < to; i++) {
    const mark = markAt(prepared, i, style);
    if (!mark) continue;
    const top = stack[stack.length - 1];
    if (top && mark.closes.includes(top.kind) && !(mark.opens === "straight" && opensByContext(text, i))) {
      stack.pop();
      if (stack.length === 0) emit(top.at, i);
      continue;
    }
    // A closing mark for a quote further down: the inner quote was never closed.
    const deeper = findLastIndex(stack, (s) => mark.closes.includes(s.kind));
    if (deeper >= 0 && !mark.opens) {
      const outer = stack[0]!;
      stack.length = deeper;
      if (stack.length === 0) emit(outer.at, i);
      continue;
    }
    if (mark.opens && (mark.opens !== "rdq" || opensByContext(text, i))) {
      stack.push({ at: i, kind: mark.opens });
    }
    // Anything else closes nothing that is open: a stray mark, left out of every quote.
  }
  if (stack.length > 0) emit(stack[0]!.at, -1);
}

/** A mark after a space or bracket and before a letter opens, whatever its shape. */
function opensByContext(text: string, i: number): boolean {
  const prev = i > 0 ? text[i - 1]! : " ";
  const next = text[i + 1] ?? " ";
  return /[\s([\u2014-]/.test(prev) && /[\p{L}\p{N}]/u.test(next);
}

function findLastIndex<T>(list: T[], test: (item: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i]!)) return i;
  return -1;
}
