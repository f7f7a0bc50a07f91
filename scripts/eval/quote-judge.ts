import { speakerMatches, tokF1, toks } from "./who.js";

// Whether each found quote's speaker is right, judged by score_quotes.py's own rules, so that the
// confidence figures (high coverage, wrong among high) are counted on the very pairs the scorer's
// "speaker right on matched" is: gold and found quotes paired one to one, best token-F1 first
// (≥ 0.5); only direct gold quotes; a gold speaker that is a pronoun or missing ("they", "the")
// is unknown, so no answer to it is right or wrong.

export interface GoldQuote {
  quote: string;
  speaker: string | null;
  speaker_aliases?: string[];
  type: string;
}

/** As score_quotes.py: gold speakers that name nobody. */
const UNKNOWN = new Set("he she they i we him her them it you his hers the me us my".split(" "));

/** The pairs of found quote index → its gold quote whose speaker is known, as the scorer pairs them. */
export function matchQuotes(gold: GoldQuote[], found: { quote: string }[]): Map<number, GoldQuote> {
  const direct = gold.filter((g) => g.type === "direct");
  const gt = direct.map((g) => toks(g.quote));
  const pt = found.map((q) => toks(q.quote));
  const pairs: [number, number, number][] = [];
  for (let i = 0; i < gt.length; i++)
    for (let j = 0; j < pt.length; j++) {
      if (!pt[j]!.length) continue;
      const f = tokF1(pt[j]!, gt[i]!);
      if (f >= 0.5) pairs.push([f, i, j]);
    }
  // Python's sort of (f, i, j) tuples, reversed: highest F1 first, ties by the later index.
  pairs.sort((a, b) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2]);
  const usedGold = new Set<number>();
  const usedFound = new Set<number>();
  const matched = new Map<number, GoldQuote>();
  for (const [, i, j] of pairs) {
    if (usedGold.has(i) || usedFound.has(j)) continue;
    usedGold.add(i);
    usedFound.add(j);
    const g = direct[i]!;
    if (g.speaker !== null && !UNKNOWN.has(g.speaker.toLowerCase())) matched.set(j, g);
  }
  return matched;
}

/** Whether a found quote's speaker matches its gold quote's speaker or one of its aliases. */
export function speakerRight(speaker: string | null, g: GoldQuote): boolean {
  return speakerMatches(speaker, [g.speaker!, ...(g.speaker_aliases ?? [])]);
}
