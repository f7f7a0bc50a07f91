import { formatQuote, type QuoteLike } from "../render/brief.js";

/** What a reader was shown of a story: its key points and quotes. */
export interface ShownContent {
  keyPoints: readonly string[];
  quotes: readonly string[];
}

const NUMBER = /\d[\d,.]*%?/g;
/** A sentence with its numbers blanked: two that differ only there report a changed number. */
const withoutNumbers = (s: string) => s.replace(NUMBER, "#");
const numbersIn = (s: string) => s.match(NUMBER) ?? [];

/**
 * What a story's new version says that the channel was not shown: a key point whose numbers
 * changed ("Changed: 12 → 15: …"), a new key point ("New: …"), a new quote ("New quote: …").
 * Empty when nothing a reader would care about changed (a repeat, a reworded source).
 */
export function whatChanged(
  before: ShownContent,
  now: { keyPoints: readonly string[]; quotes: readonly QuoteLike[] },
  max = 3,
): string[] {
  const out: string[] = [];
  const seenPoints = new Set(before.keyPoints);
  const byShape = new Map(before.keyPoints.map((k) => [withoutNumbers(k), k]));
  for (const point of now.keyPoints) {
    if (seenPoints.has(point)) continue;
    const earlier = byShape.get(withoutNumbers(point));
    if (earlier && numbersIn(earlier).length) {
      const was = numbersIn(earlier);
      const is = numbersIn(point);
      const pairs = is
        .map((n, i) => (n !== was[i] ? `${was[i] ?? "?"} → ${n}` : undefined))
        .filter((p): p is string => !!p);
      out.push(`Changed: ${pairs.join(", ")}: ${point}`);
    } else out.push(`New: ${point}`);
  }
  const seenQuotes = new Set(before.quotes);
  for (const q of now.quotes) if (!seenQuotes.has(q.quote)) out.push(`New quote: ${formatQuote(q)}`);
  return out.slice(0, max);
}
