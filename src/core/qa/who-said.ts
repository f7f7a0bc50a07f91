import { type QuestionProblem, questionProblem } from "./question.js";
import type { IndexedQuote, StoryIndex } from "./story-index.js";
import { editDistanceWithin, STOPWORDS, stem, words } from "./tokens.js";

/**
 * "Who said …?": matches a fragment typed from memory (partial, reordered, a word missing or
 * misspelled, any case or apostrophe) against the story's attributed quotes. Scores are in [0, 1];
 * below MATCH_THRESHOLD nothing is attributed, and the closest candidate is offered only when it
 * is at least CLOSE_THRESHOLD.
 */

export interface WhoSaidMatch {
  quote: string;
  speaker: string | null;
  role?: string;
  /** "low" when the article's evidence for the speaker is weak: shown as a guess. */
  speakerConfidence?: "high" | "low";
  storyId: string;
  /** Sentence id where the quote starts. */
  sentence: number;
  /** The sentence(s) the quote stands in. */
  context: string;
  score: number;
}

export interface WhoSaidResult {
  /** Quotes that match, best first; empty when no quote matches. */
  matches: WhoSaidMatch[];
  /** When nothing matches: the nearest quote, only if it is close. */
  closest?: WhoSaidMatch;
  /** Set when the fragment was not looked at: empty, or longer than MAX_QUESTION_CHARS. */
  problem?: QuestionProblem;
}

export const MATCH_THRESHOLD = 0.72;
/**
 * Up to this many stories every quote is compared word by word (typos in every word still match);
 * beyond it, only quotes sharing at least one word or stem with the fragment are compared, which
 * keeps a tenant-wide search over a thousand stories within milliseconds.
 */
export const FULL_SCAN_STORIES = 20;
export const CLOSE_THRESHOLD = 0.5;
/** Weight of a function word relative to a content word: "to be" alone identifies nothing. */
const STOPWORD_WEIGHT = 0.25;
/** Content weight a fragment needs before it can match anything (about two content words). */
const MIN_CONTENT = 1.5;

/** How well one typed word matches one quote word as written: the same word, or the same stem. */
function sameWord(typed: string, typedStem: string, word: string, wordStem: string): number {
  if (typed === word) return 1;
  return typedStem === wordStem ? 0.9 : 0;
}

/** How well one typed word matches one quote word with a typo: one (or, in long words, two) edits. */
function typoSimilarity(typed: string, word: string): number {
  // A typo rarely hits both of the first two letters; checking them first saves most comparisons.
  if (
    Math.min(typed.length, word.length) < 3 ||
    Math.max(typed.length, word.length) < 4 ||
    (typed[0] !== word[0] && typed[1] !== word[1])
  ) {
    return 0;
  }
  const max = typed.length >= 8 ? 2 : 1;
  const d = editDistanceWithin(typed, word, max);
  if (d > max) return 0;
  return d === 1 ? 0.8 : 0.7;
}

/** Score of one fragment against one quote, in [0, 1]. */
export function fragmentScore(
  fragment: string[],
  quote: IndexedQuote,
  fragmentStems = fragment.map(stem),
): number {
  if (!fragment.length || !quote.words.length) return 0;
  let total = 0;
  let got = 0;
  let content = 0;
  const positions: number[] = [];
  const used = new Set<number>();
  for (let i = 0; i < fragment.length; i++) {
    const weight = STOPWORDS.has(fragment[i]!) ? STOPWORD_WEIGHT : 1;
    total += weight;
    let best = 0;
    let bestAt = -1;
    const last = positions[positions.length - 1] ?? -1;
    // Exact words and stems first; the typo comparison (the costly part) only when they find nothing.
    for (let pass = 0; pass < 2 && best === 0; pass++) {
      for (let j = 0; j < quote.words.length; j++) {
        if (used.has(j)) continue;
        const sim =
          pass === 0
            ? sameWord(fragment[i]!, fragmentStems[i]!, quote.words[j]!, quote.stems[j]!)
            : typoSimilarity(fragment[i]!, quote.words[j]!);
        // Prefer the occurrence that continues the previous match, so order is judged fairly.
        if (sim > best || (sim === best && sim > 0 && bestAt < last && j > last)) {
          best = sim;
          bestAt = j;
        }
      }
    }
    if (best > 0) {
      used.add(bestAt);
      positions.push(bestAt);
      got += weight * best;
      if (weight === 1) content += best;
    }
  }
  const hasContentWords = fragment.some((w) => !STOPWORDS.has(w));
  if (content === 0 && hasContentWords) return 0;
  const coverage = got / total;
  // Order: share of matched words that keep the fragment's order (longest increasing run).
  const order = positions.length ? longestIncreasing(positions) / positions.length : 0;
  // Compactness: matched words should sit close together in the quote, not scattered over it.
  const spread = positions.length ? Math.max(...positions) - Math.min(...positions) + 1 : 1;
  const compact = Math.min(1, (fragment.length + 2) / spread);
  // Little information (one or two words, mostly function words) cannot reach a confident match.
  const info = Math.min(1, (content + 0.25 * (fragment.length - content)) / MIN_CONTENT);
  const shape = 0.7 + 0.15 * order + 0.15 * compact;
  // Only function words ("and it is what it is"): only a long, exact, in-order run can identify a quote.
  if (!hasContentWords) return coverage * order * compact * Math.min(1, fragment.length / 4) * shape;
  return coverage * shape * (0.6 + 0.4 * info);
}

function longestIncreasing(xs: number[]): number {
  const tails: number[] = [];
  for (const x of xs) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = x;
  }
  return tails.length;
}

function contextOf(index: StoryIndex, q: IndexedQuote): string {
  const s = index.sentences.find((x) => x.id === q.sentence);
  if (!s) return q.quote;
  // A quote running over several sentences: include the following ones it spans.
  const parts = [s.text];
  let at = index.sentences.indexOf(s);
  while (parts.join(" ").length < q.quote.length && at + 1 < index.sentences.length) {
    at++;
    parts.push(index.sentences[at]!.text);
  }
  return parts.join(" ");
}

function toMatch(index: StoryIndex, q: IndexedQuote, score: number): WhoSaidMatch {
  return {
    quote: q.quote,
    speaker: q.speaker,
    ...(q.role ? { role: q.role } : {}),
    ...(q.speakerConfidence ? { speakerConfidence: q.speakerConfidence } : {}),
    storyId: index.storyId,
    sentence: q.sentence,
    context: contextOf(index, q),
    score: Math.round(score * 1000) / 1000,
  };
}

/**
 * Finds who said a fragment, in one story or across several (a tenant's stories when no story is
 * named). Punctuation- or emoji-only fragments simply match nothing.
 */
export function whoSaid(
  indexes: StoryIndex | readonly StoryIndex[],
  fragment: string,
  limit = 5,
): WhoSaidResult {
  const list = Array.isArray(indexes) ? (indexes as readonly StoryIndex[]) : [indexes as StoryIndex];
  const problem = questionProblem(fragment);
  if (problem) return { matches: [], problem };
  const typed = words(fragment);
  if (!typed.length) return { matches: [] };
  const typedStems = typed.map(stem);
  // Beyond a few stories, only quotes that share at least half of the fragment's content words
  // (as typed or stemmed) are compared word by word; a typo or a dropped word still passes.
  const content = [...new Set(typed.filter((w) => !STOPWORDS.has(w)))];
  const keys = (content.length ? content : typed).map((w) => [w, stem(w)] as const);
  const needed = Math.max(1, Math.ceil(keys.length / 2));
  const fullScan = list.length <= FULL_SCAN_STORIES;
  const shares = (vocab: Set<string>) => {
    let n = 0;
    for (const [w, st] of keys) if ((vocab.has(w) || vocab.has(st)) && ++n >= needed) return true;
    return false;
  };
  const scored: { index: StoryIndex; q: IndexedQuote; score: number }[] = [];
  for (const index of list) {
    if (!fullScan && !shares(index.quoteVocab)) continue;
    for (const q of index.quotes) {
      if (!fullScan && !shares(q.vocab)) continue;
      const score = fragmentScore(typed, q, typedStems);
      if (score >= CLOSE_THRESHOLD) scored.push({ index, q, score });
    }
  }
  scored.sort((a, b) => b.score - a.score);
  const seen = new Set<string>();
  const matches: WhoSaidMatch[] = [];
  for (const { index, q, score } of scored) {
    if (score < MATCH_THRESHOLD) break;
    const key = `${index.storyId}\u0000${q.quote}\u0000${q.speaker}`;
    if (seen.has(key)) continue;
    seen.add(key);
    matches.push(toMatch(index, q, score));
    if (matches.length >= limit) break;
  }
  if (matches.length) return { matches };
  const nearest = scored[0];
  return nearest
    ? { matches: [], closest: toMatch(nearest.index, nearest.q, nearest.score) }
    : { matches: [] };
}
