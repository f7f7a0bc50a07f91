import { type CandidateSpan, typeFits } from "./answer-types.js";
import { type AnalysedQuestion, analyseQuestion } from "./question.js";
import { bm25, type IndexedSentence, idf, type StoryIndex, sentenceSpans } from "./story-index.js";
import { words } from "./tokens.js";

/**
 * Free questions: lexical retrieval (BM25) re-ranked by what the question asks for (a person, a
 * date, a number …), term coverage, bigrams and the previous sentence as context; then a short
 * answer span of the asked-for kind when one stands out. Never guesses: when the story does not
 * cover the question's terms, the answer is null ("not in the story").
 */

export interface AnswerSentence {
  id: number;
  text: string;
}

export interface QuestionAnswer {
  /** Short answer span when confident, else the best sentence; null when the story does not say. */
  answer: string | null;
  /** The sentences the answer rests on, best first (empty when not in the story). */
  sentences: AnswerSentence[];
  /** The span of `sentences[0].text` that answers, when confident. */
  span?: { text: string; start: number; end: number };
  storyId: string;
  /** Comparable across stories; 0 when not in the story. */
  score: number;
}

/** Below this share of the question's (IDF-weighted) terms, the story is taken not to answer it. */
export const MIN_COVERAGE = 0.2;
/** The same when a name the question asks about does not occur in the story. */
export const MIN_COVERAGE_NAME_MISSING = 0.7;
const RERANK = 12;
export const W = {
  bm25: 1,
  coverage: 1,
  bigram: 0.5,
  type: 0.6,
  typeWeak: 0.45,
  context: 0.8,
  negation: 0.5,
  proximity: 0,
  prevBm25: 0,
  prevPool: 0.5,
  phrase: 0.3,
  anaphor: 1,
  near: 0.5,
  nearChars: 25,
};

interface Scored {
  s: IndexedSentence;
  score: number;
  coverage: number;
  contextCoverage: number;
  span?: CandidateSpan;
  fit: number;
  /** The sentence refers back to the previous one, which then belongs to the evidence. */
  anaphoric: boolean;
}

/** How much a sentence has of a term: 1 for the stem, 0.6 for a shared 5-letter prefix ("financ…"). */
function termPresence(s: IndexedSentence, t: string): number {
  if (s.tf.has(t)) return 1;
  if (t.length < 5) return 0;
  const prefix = t.slice(0, 5);
  for (const u of s.tf.keys()) if (u.length >= 5 && u.startsWith(prefix)) return 0.6;
  return 0;
}

function coverageOf(index: StoryIndex, q: AnalysedQuestion, sentences: IndexedSentence[]): number {
  let total = 0;
  let got = 0;
  for (const t of q.terms) {
    const w = idf(index, t);
    total += w;
    let best = 0;
    for (const s of sentences) best = Math.max(best, termPresence(s, t));
    got += w * best;
  }
  return total ? got / total : 0;
}

/** Matched question terms per word of the shortest stretch holding them all (1 = side by side). */
function proximity(q: AnalysedQuestion, s: IndexedSentence): number {
  const wanted = new Set(q.terms);
  const positions: [number, string][] = [];
  s.terms.forEach((t, i) => {
    if (wanted.has(t)) positions.push([i, t]);
  });
  const distinct = new Set(positions.map(([, t]) => t)).size;
  if (distinct < 2) return 0;
  const count = new Map<string, number>();
  let have = 0;
  let best = Number.POSITIVE_INFINITY;
  let lo = 0;
  for (let hi = 0; hi < positions.length; hi++) {
    const t = positions[hi]![1];
    count.set(t, (count.get(t) ?? 0) + 1);
    if (count.get(t) === 1) have++;
    while (have === distinct) {
      best = Math.min(best, positions[hi]![0] - positions[lo]![0] + 1);
      const u = positions[lo]![1];
      count.set(u, count.get(u)! - 1);
      if (count.get(u) === 0) have--;
      lo++;
    }
  }
  return distinct / best;
}

function bigramShare(q: AnalysedQuestion, s: IndexedSentence): number {
  if (!q.bigrams.length) return 0;
  const pairs = new Set<string>();
  const t = s.terms;
  for (let i = 1; i < t.length; i++) pairs.add(`${t[i - 1]} ${t[i]}`);
  let n = 0;
  for (const b of q.bigrams) if (pairs.has(b)) n++;
  return n / q.bigrams.length;
}

/** The best span of the wanted kind that is not just words of the question, nearest its terms. */
function bestSpan(
  index: StoryIndex,
  q: AnalysedQuestion,
  s: IndexedSentence,
): { span?: CandidateSpan; fit: number; near: number } {
  let best: CandidateSpan | undefined;
  let bestFit = 0;
  let bestDist = Number.POSITIVE_INFINITY;
  const lower = s.text.toLowerCase();
  const anchors: number[] = [];
  for (const t of q.terms) {
    const at = lower.indexOf(t);
    if (at >= 0) anchors.push(at);
  }
  for (const span of sentenceSpans(index, s)) {
    let fit = typeFits(q.type, span.type);
    if (fit === 0) continue;
    // "Netanyahu's government": a possessive name modifies the thing; it answers only "whose".
    if (/['’]s$/.test(span.text) && !q.possessive) fit *= 0.3;
    const spanWords = words(span.text);
    if (spanWords.length === 0 || spanWords.every((w) => q.wordSet.has(w))) continue;
    const dist = anchors.length
      ? Math.min(...anchors.map((a) => (a < span.start ? span.start - a : Math.max(0, a - span.end))))
      : 0;
    if (fit > bestFit || (fit === bestFit && dist < bestDist)) {
      best = span;
      bestFit = fit;
      bestDist = dist;
    }
  }
  // An answer right next to the question's words ("meet with Kamala Harris") beats one far away.
  const near = best ? 1 / (1 + bestDist / W.nearChars) : 0;
  return { span: best, fit: bestFit, near };
}

/** Longest run of question words (stopwords included) that the sentence repeats word for word. */
function longestSharedRun(q: AnalysedQuestion, s: IndexedSentence): number {
  const a = q.stems;
  const b = s.stems;
  let best = 0;
  let prevRow = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        row[j] = prevRow[j - 1]! + 1;
        if (row[j]! > best) best = row[j]!;
      }
    }
    prevRow = row;
  }
  return best;
}

// A sentence that opens by referring back ("But he did meet …") continues the previous one.
const ANAPHORIC_START =
  /^(?:(?:but|and|yet|still|instead|however|then),?\s+)?(?:he|she|it|they|this|these|that|those|there|his|her|their|its)\b/i;

const NEGATORS = new Set(
  "not never no didnt doesnt dont wasnt isnt werent wont cannot cant hasnt havent hadnt neither nor".split(
    " ",
  ),
);

/** The sentence denies a question term ("did not meet"): it is evidence against, not for. */
function negatesQuestionTerm(q: AnalysedQuestion, s: IndexedSentence): boolean {
  const wanted = new Set(q.terms);
  for (let i = 0; i < s.stems.length; i++) {
    if (!wanted.has(s.stems[i]!)) continue;
    for (let j = Math.max(0, i - 3); j < i; j++) if (NEGATORS.has(s.stems[j]!)) return true;
  }
  return false;
}

/** Names of the question ("the Pope") that neither the story's sentences nor its title mention. */
function missingNames(index: StoryIndex, q: AnalysedQuestion): number {
  let missing = 0;
  for (const name of q.names) if (!name.some((n) => index.df.has(n) || index.titleTerms.has(n))) missing++;
  return missing;
}

function scoreStory(index: StoryIndex, q: AnalysedQuestion): Scored[] {
  if (!q.terms.length || !index.sentences.length) return [];
  const maxPossible = q.terms.reduce((sum, t) => sum + idf(index, t) * 2.2, 0) || 1;
  const all = index.sentences;
  const own = all.map((s) => Math.min(1, bm25(index, s, q.terms) / maxPossible));
  // A sentence right after a matching one may hold the answer ("There, in October 1518, …"), so
  // it enters the pool on its predecessor's strength too.
  const pool = all
    .map((s, i) => ({ s, i, b: own[i]!, prevB: i > 0 ? own[i - 1]! : 0 }))
    .filter((r) => r.b > 0 || r.prevB > 0)
    .sort((a, b) => Math.max(b.b, W.prevPool * b.prevB) - Math.max(a.b, W.prevPool * a.prevB))
    .slice(0, RERANK);
  const specific = q.type !== "other" && q.type !== "name";
  const scored = pool.map(({ s, i, b, prevB }): Scored => {
    const prev = all[i - 1];
    const anaphoric = prev !== undefined && ANAPHORIC_START.test(s.text);
    const contextCoverage = prev ? coverageOf(index, q, [s, prev]) : coverageOf(index, q, [s]);
    const coverage = anaphoric ? contextCoverage : coverageOf(index, q, [s]);
    const { span, fit, near } =
      q.type === "other" ? { span: undefined, fit: 0, near: 0 } : bestSpan(index, q, s);
    const negPenalty = !q.negated && negatesQuestionTerm(q, s) ? 1 : 0;
    const score =
      W.bm25 * (anaphoric ? Math.max(b, W.anaphor * prevB) : b) +
      W.coverage * coverage +
      W.bigram * (anaphoric ? Math.max(bigramShare(q, s), bigramShare(q, prev)) : bigramShare(q, s)) +
      (specific ? W.type : W.typeWeak) * fit * (1 - W.near + W.near * near) +
      W.context * (contextCoverage - coverage) +
      W.prevBm25 * prevB +
      W.proximity * proximity(q, s) +
      (W.phrase * Math.max(0, longestSharedRun(q, s) - 1)) / Math.max(3, q.stems.length) +
      0 -
      W.negation * negPenalty;
    return { s, score, coverage, contextCoverage, span, fit, anaphoric };
  });
  scored.sort((a, b) => b.score - a.score);
  return scored;
}

function toAnswer(index: StoryIndex, q: AnalysedQuestion, best: Scored | undefined): QuestionAnswer {
  // A question about someone or something the story never names needs the rest to match strongly.
  const minCoverage = missingNames(index, q) > 0 ? MIN_COVERAGE_NAME_MISSING : MIN_COVERAGE;
  if (!best || best.contextCoverage < minCoverage) {
    return { answer: null, sentences: [], storyId: index.storyId, score: 0 };
  }
  const sentences: AnswerSentence[] = [{ id: best.s.id, text: best.s.text }];
  const at = index.sentences.indexOf(best.s);
  const prev = index.sentences[at - 1];
  if (prev && (best.anaphoric || best.contextCoverage > best.coverage + 0.2))
    sentences.push({ id: prev.id, text: prev.text });
  const confident = best.span && best.fit >= 0.8 && best.coverage >= 0.5;
  return {
    answer: confident ? best.span!.text : best.s.text,
    sentences,
    ...(confident ? { span: { text: best.span!.text, start: best.span!.start, end: best.span!.end } } : {}),
    storyId: index.storyId,
    score: best.score,
  };
}

/**
 * Answers a question from one story, or from the best of several (a tenant's stories when no
 * story is named): the answer names its story in `storyId`.
 */
export function answerQuestion(
  indexes: StoryIndex | readonly StoryIndex[],
  question: string,
): QuestionAnswer {
  const list = Array.isArray(indexes) ? (indexes as readonly StoryIndex[]) : [indexes as StoryIndex];
  const q = analyseQuestion(question);
  let best: QuestionAnswer = { answer: null, sentences: [], storyId: list[0]?.storyId ?? "", score: 0 };
  for (const index of list) {
    const a = toAnswer(index, q, scoreStory(index, q)[0]);
    if (a.answer !== null && a.score > best.score) best = a;
  }
  return best;
}

/** Ranked sentences with their scores, for evaluation and debugging. */
export function rankSentences(index: StoryIndex, question: string): { id: number; score: number }[] {
  return scoreStory(index, analyseQuestion(question)).map((r) => ({ id: r.s.id, score: r.score }));
}
