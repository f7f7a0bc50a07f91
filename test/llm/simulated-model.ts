import type { PreparedText } from "../../src/core/types.js";
import { sentenceIdAt } from "../../src/llm/quote-match.js";

/**
 * A simulated model for the stand-in server (scripts/eval/llm-stand-in.ts): it "answers" with an article's
 * gold quotes from PolNeAR and its first sentences as key points, plus deliberately corrupted
 * items, so the grounding check can be measured without a real model.
 */

export interface GoldQuote {
  quote: string;
  speaker: string;
  start: number;
  end: number;
  type: string;
  speaker_resolution?: string;
}
export interface GoldArticle {
  id: string;
  text: string;
  quotes: GoldQuote[];
}

const PRONOUNS = /^(he|she|they|i|we|it|you|him|her|them)$/i;
/** Prepared-text offset of an original offset (toOriginal is monotonic). */
function toPrepared(prepared: PreparedText, originalOffset: number): number {
  let lo = 0;
  let hi = prepared.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (prepared.toOriginal[mid] < originalOffset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type Kind = "genuine" | "invented" | "misattributed" | "unknown-speaker";

/** The simulated model's answer for one article: gold quotes, LEAD-3 key points and corrupted items. */
export function simulatedBrief(article: GoldArticle, prepared: PreparedText) {
  const quotes: { quote: string; speaker: string; role: null; sentence: number; kind: Kind }[] = [];
  for (const g of article.quotes) {
    if (
      g.type !== "direct" ||
      !g.speaker ||
      PRONOUNS.test(g.speaker) ||
      g.speaker_resolution === "unresolved"
    )
      continue;
    const start = toPrepared(prepared, g.start);
    if (start >= prepared.text.length) continue;
    quotes.push({
      quote: article.text.slice(g.start, g.end),
      speaker: g.speaker,
      role: null,
      sentence: sentenceIdAt(prepared, start),
      kind: "genuine",
    });
  }
  const lead = prepared.sentences.slice(0, 3).map((s) => ({ text: s.text, sentences: [s.id] }));
  const corrupt: typeof quotes = [];
  const first = quotes[0];
  if (first) {
    const words = first.quote.split(" ");
    corrupt.push({ ...first, quote: [words[0], "really", ...words.slice(1)].join(" "), kind: "invented" });
    const other = quotes.find((q) => q.speaker.split(" ").at(-1) !== first.speaker.split(" ").at(-1));
    if (other) corrupt.push({ ...first, speaker: other.speaker, kind: "misattributed" });
    corrupt.push({ ...quotes[quotes.length - 1], speaker: "Jordan Whitfield", kind: "unknown-speaker" });
  }
  const numbered = prepared.sentences.slice(0, 8).find((s) => /\b\d+\b/.test(s.text));
  const badKeyPoints = [
    ...(numbered
      ? [
          {
            text: numbered.text.replace(/\b(\d+)\b/, (n) => String(Number(n) + 7)),
            sentences: [numbered.id],
            kind: "changed-number",
          },
        ]
      : []),
    ...(prepared.sentences.length > 6
      ? [
          {
            text: `Reportedly, ${prepared.sentences[0].text}`,
            sentences: [prepared.sentences.length - 1],
            kind: "wrong-id",
          },
        ]
      : []),
  ];
  return { quotes, corrupt, lead, badKeyPoints };
}
