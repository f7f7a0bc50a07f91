import type { CandidateSpan } from "./answer-types.js";
import { commonWordWeight } from "./english-frequency.js";
import {
  ANAPHORIC_START,
  bestSpan,
  bigramShare,
  coverageOf,
  joinNames,
  listedNames,
  longestSharedRun,
  namesAskedKind,
  negatesQuestionTerm,
  questionTermWeight,
  surfaceShare,
} from "./features.js";
import { sentenceAddingNames, unionOfNames } from "./more-names.js";
import { type AnalysedQuestion, analyseQuestion, type QuestionProblem, questionProblem } from "./question.js";
import { bm25, type IndexedSentence, idf, type StoryIndex } from "./story-index.js";
import { yesNoAnswer } from "./yes-no.js";

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
  /** Set when the question was not looked at: empty, or longer than MAX_QUESTION_CHARS. */
  problem?: QuestionProblem;
}

/** Below this share of the question's (weighted) terms, the story is taken not to answer it. */
export const MIN_COVERAGE = 0.25;
/** Added to it when a name the question mentions occurs nowhere in the story or its title … */
export const NAME_MISSING_EXTRA = 0.1;
/** … and never answered when that name carries this share of the question's weight. */
export const MISSING_NAME_SHARE = 0.4;
// A sentence whose subject is a pronoun names its person in the sentence before.
const PRONOUN_SUBJECT = /^(?:he|she|they)\b/i;
/** Stories compared sentence by sentence; from more, the best-covering ones are shortlisted first. */
export const SHORTLIST_STORIES = 12;
/** Sentences per story that reach the feature stage, and overall that get answer-type features. */
const POOL_PER_STORY = 12;
const TYPED_POOL = 12;
const POOL_ACROSS_STORIES = 48;

/** Feature weights, set on the SQuAD dev sample (few, general features; see docs/adr/0031). */
export const answerWeights = {
  bm25: 1,
  coverage: 1,
  bigram: 0.5,
  type: 0.6,
  typeWeak: 0.45,
  typeOther: 0,
  context: 0.8,
  negation: 0.5,
  prevPool: 0.5,
  phrase: 0.3,
  anaphor: 1,
  near: 0.5,
  nearChars: 25,
  askedKind: 0.3,
  surface: 0.1,
};
const W = answerWeights;

interface Scored {
  index: StoryIndex;
  s: IndexedSentence;
  score: number;
  coverage: number;
  contextCoverage: number;
  span?: CandidateSpan;
  fit: number;
  /** The sentence refers back to the previous one, which then belongs to the evidence. */
  anaphoric: boolean;
}

/**
 * A term's weight when asking whether a story answers a question at all: how rare the word is in
 * English, not in the story. Within a story its topic words occur everywhere and so have almost no
 * IDF, yet a story that names them throughout is about them.
 */
const supportWeight = (_index: StoryIndex, term: string): number => commonWordWeight(term);

/**
 * How much more support a question needs because it names someone or something that neither the
 * story nor its title mentions ("What did the Pope say …?"): all of it (never answered) when that
 * name carries much of the question, a little when it is one detail among many ("… in Super Bowl
 * 50 for the Panthers?", whose paragraph may leave the team to the title) or only qualifies a noun.
 */
function missingNameExtra(index: StoryIndex, q: AnalysedQuestion): number {
  let extra = 0;
  let total = 0;
  // Within the story (IDF): next to words the story repeats throughout, the missing name is what
  // the question is about.
  for (const t of q.terms) total += idf(index, t);
  for (const name of q.names) {
    if (name.stems.some((n) => mentions(index, n))) continue;
    let weight = 0;
    for (const t of new Set(name.stems)) weight += idf(index, t);
    if (!name.modifier && total > 0 && weight / total >= MISSING_NAME_SHARE) return 1;
    extra = NAME_MISSING_EXTRA;
  }
  return extra;
}

/** The story or its title has the word, or one of its family ("American" for "America"). */
function mentions(index: StoryIndex, term: string): boolean {
  if (index.df.has(term) || index.titleTerms.has(term)) return true;
  if (term.length < 5) return false;
  const stemOf = term.slice(0, 4);
  for (const t of index.df.keys()) if (t.startsWith(stemOf) && t.length >= 5) return true;
  for (const t of index.titleTerms) if (t.startsWith(stemOf) && t.length >= 5) return true;
  return false;
}

interface PoolEntry {
  index: StoryIndex;
  s: IndexedSentence;
  i: number;
  /** Normalised BM25 of the sentence and of the one before it. */
  b: number;
  prevB: number;
}

/** A story's sentences worth a closer look: BM25 matches and the sentences right after them. */
function poolOf(index: StoryIndex, q: AnalysedQuestion): PoolEntry[] {
  if (!q.terms.length || !index.sentences.length) return [];
  const weight = (i: StoryIndex, t: string) => questionTermWeight(i, q, t);
  const maxPossible = q.terms.reduce((sum, t) => sum + weight(index, t) * 2.2, 0) || 1;
  const all = index.sentences;
  const own = all.map((s) => Math.min(1, bm25(index, s, q.terms, weight) / maxPossible));
  // A sentence right after a matching one may hold the answer ("There, in October 1518, …"), so
  // it enters the pool on its predecessor's strength too.
  return all
    .map((s, i) => ({ index, s, i, b: own[i]!, prevB: i > 0 ? own[i - 1]! : 0 }))
    .filter((r) => r.b > 0 || r.prevB > 0)
    .sort(byPoolStrength)
    .slice(0, POOL_PER_STORY);
}

const byPoolStrength = (a: PoolEntry, b: PoolEntry) =>
  Math.max(b.b, W.prevPool * b.prevB) - Math.max(a.b, W.prevPool * a.prevB);

/** Lexical features of one pooled sentence (cheap); answer types are added later to the few best. */
function scoreEntry({ index, s, i, b, prevB }: PoolEntry, q: AnalysedQuestion): Scored {
  const prev = index.sentences[i - 1];
  // "But he did meet …": a sentence that refers back is about what the previous one is about.
  const anaphoric = prev !== undefined && ANAPHORIC_START.test(s.text);
  const contextCoverage = prev ? coverageOf(index, q, [s, prev]) : coverageOf(index, q, [s]);
  const coverage = anaphoric ? contextCoverage : coverageOf(index, q, [s]);
  const bigrams = anaphoric ? Math.max(bigramShare(q, s), bigramShare(q, prev)) : bigramShare(q, s);
  // A yes/no question is answered by a denial as much as by a claim.
  const negated = !q.negated && !q.yesNo && negatesQuestionTerm(q, s);
  const score =
    W.bm25 * (anaphoric ? Math.max(b, W.anaphor * prevB) : b) +
    W.coverage * coverage +
    W.bigram * bigrams +
    W.context * (contextCoverage - coverage) +
    (W.phrase * Math.max(0, longestSharedRun(q, s) - 1)) / Math.max(3, q.stems.length) +
    W.surface * (surfaceShare(index, q, s) - coverage) -
    (negated ? W.negation : 0);
  return { index, s, score, coverage, contextCoverage, fit: 0, anaphoric };
}

/** Adds what the question asks for (a person, a date …) to the best candidates, and re-ranks. */
function addAnswerTypes(candidates: Scored[], q: AnalysedQuestion): Scored[] {
  candidates.sort((a, b) => b.score - a.score);
  const top = candidates.slice(0, TYPED_POOL);
  const weight = q.type === "other" ? W.typeOther : q.type === "name" ? W.typeWeak : W.type;
  if (q.type === "other" && q.heads.length && W.askedKind > 0) {
    for (const c of top) if (namesAskedKind(c.index, q, c.s)) c.score += W.askedKind;
    top.sort((a, b) => b.score - a.score);
  }
  if (weight === 0) return top;
  for (const c of top) {
    const { span, fit, near } = bestSpan(c.index, q, c.s, W.nearChars);
    c.span = span;
    c.fit = fit;
    c.score += weight * fit * (1 - W.near + W.near * near);
  }
  return top.sort((a, b) => b.score - a.score);
}

/** A runner-up scoring at least this share of the best sentence is shown as the second sentence. */
const RUNNER_UP_RATIO = 0.6;

function toAnswer(q: AnalysedQuestion, ranked: Scored[], storyId: string): QuestionAnswer {
  const best = ranked[0];
  if (!best) return { answer: null, sentences: [], storyId, score: 0 };
  const { index } = best;
  const prev = index.sentences[index.sentences.indexOf(best.s) - 1];
  // What supports the answer: the sentence, the one before it and the title (a story's topic is
  // often named only there). A question about someone the story never names needs more of it.
  const support = coverageOf(
    index,
    q,
    prev ? [best.s, prev, index.titleSentence] : [best.s, index.titleSentence],
    supportWeight,
  );
  const minSupport = MIN_COVERAGE + missingNameExtra(index, q);
  if (support < minSupport) return { answer: null, sentences: [], storyId, score: 0 };
  const sentences: AnswerSentence[] = [{ id: best.s.id, text: best.s.text }];
  const leansOnPrev = prev !== undefined && (best.anaphoric || best.contextCoverage > best.coverage + 0.2);
  if (prev && leansOnPrev) {
    sentences.push({ id: prev.id, text: prev.text });
    // "He is also the oldest quarterback …" answers "who?" only with the sentence naming him.
    if (q.type === "person" && best.fit === 0 && PRONOUN_SUBJECT.test(best.s.text)) {
      if (bestSpan(index, q, prev, W.nearChars).fit > 0) sentences.reverse();
    }
  }
  if (q.yesNo) return yesNoAnswer(q, best, sentences, leansOnPrev ? prev : undefined);
  const confident = best.span && best.fit >= 0.8 && best.coverage >= 0.5;
  const names = confident ? listedNames(index, q, best.s, best.span!) : [];
  let spanText = confident ? joinNames(names) : undefined;
  // Unsure between two sentences, show both (best first): when the runner-up scores close to the
  // best, the answer is in one of the two far more often than in the first alone (qa-dev, both
  // parts: first two 0.893 → 0.932 with the first sentence unchanged).
  if (!confident && sentences.length === 1) {
    const runnerUp = ranked.find((c) => c.index === index && c.s.id !== best.s.id);
    if (runnerUp && runnerUp.score >= RUNNER_UP_RATIO * best.score)
      sentences.push({ id: runnerUp.s.id, text: runnerUp.s.text });
  }
  if (confident && sentences.length === 1 && q.type === "person") {
    const more = sentenceAddingNames(q, best, names, ranked);
    if (more) {
      sentences.push({ id: more.s.id, text: more.s.text });
      // "who did Gantz meet?" → everyone the two sentences name, each once, in its fullest form.
      spanText = joinNames(unionOfNames(listedNames(more.index, q, more.s, more.span!), names));
    }
  }
  return {
    answer: spanText ?? best.s.text,
    sentences,
    ...(confident ? { span: { text: best.span!.text, start: best.span!.start, end: best.span!.end } } : {}),
    storyId: index.storyId,
    score: best.score,
  };
}

/** The stories whose vocabulary covers most of the question (story-level IDF coverage). */
function shortlist(list: readonly StoryIndex[], q: AnalysedQuestion): StoryIndex[] {
  const scored: [StoryIndex, number][] = [];
  for (const index of list) {
    let total = 0;
    let got = 0;
    for (const t of q.terms) {
      const w = idf(index, t);
      total += w;
      if (index.df.has(t) || index.titleTerms.has(t)) got += w;
    }
    if (got > 0) scored.push([index, got / total]);
  }
  scored.sort((a, b) => b[1] - a[1]);
  return scored.slice(0, SHORTLIST_STORIES).map(([index]) => index);
}

function rank(list: readonly StoryIndex[], q: AnalysedQuestion): Scored[] {
  const stories = list.length > SHORTLIST_STORIES ? shortlist(list, q) : list;
  let pool = stories.flatMap((index) => poolOf(index, q));
  // Across stories, only the strongest matches overall get the (costlier) features.
  if (stories.length > 1) pool = pool.sort(byPoolStrength).slice(0, POOL_ACROSS_STORIES);
  return addAnswerTypes(
    pool.map((entry) => scoreEntry(entry, q)),
    q,
  );
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
  const problem = questionProblem(question);
  if (problem) return { answer: null, sentences: [], storyId: list[0]?.storyId ?? "", score: 0, problem };
  const q = analyseQuestion(question);
  return toAnswer(q, rank(list, q), list[0]?.storyId ?? "");
}

/** Ranked sentences of one story with their scores, for evaluation and debugging. */
export function rankSentences(index: StoryIndex, question: string): { id: number; score: number }[] {
  return rank([index], analyseQuestion(question)).map((r) => ({ id: r.s.id, score: r.score }));
}
