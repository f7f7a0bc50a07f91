import type { Entity, PreparedText, Quote, StoryBrief } from "../types.js";
import { type AnswerType, type CandidateSpan, candidateSpans } from "./answer-types.js";
import { commonWordWeight } from "./english-frequency.js";
import { contentTerms, foldText, keepAcronyms, STOPWORDS, stem, words } from "./tokens.js";

/**
 * Everything the question engine needs about one story, built once when the story is stored (or
 * loaded) and then queried many times: BM25 statistics over its sentences and a quote index.
 */

export interface IndexedSentence {
  id: number;
  text: string;
  /** Stemmed content terms in order (stopwords removed). */
  terms: string[];
  /** Stemmed words in order, stopwords kept: for bigram and proximity features. */
  stems: string[];
  tf: Map<string, number>;
  /** Filled on first use: only the few sentences that reach re-ranking ever need them. */
  spans?: CandidateSpan[];
  /** The sentence's folded words as written (unstemmed), filled on first use like `spans`. */
  wordSet?: Set<string>;
}

export interface IndexedQuote {
  quote: string;
  speaker: string | null;
  role?: string;
  speakerConfidence?: "high" | "low";
  sentence: number;
  /** Folded words of the quote, in order. */
  words: string[];
  /** Stems of `words`, for morphology-tolerant matching. */
  stems: string[];
  /** `words` and `stems` as a set: a quick "shares any word at all?" test across many stories. */
  vocab: Set<string>;
  article?: string;
}

export interface StoryIndex {
  storyId: string;
  title: string;
  /** Stemmed content terms of the title: a story's topic is often named only there. */
  titleTerms: Set<string>;
  /** The title indexed like a sentence (id -1): context that every sentence shares. */
  titleSentence: IndexedSentence;
  sentences: IndexedSentence[];
  /** Sentence frequency of each term (in how many sentences it occurs). */
  df: Map<string, number>;
  avgLength: number;
  quotes: IndexedQuote[];
  /** Union of the quotes' vocabularies. */
  quoteVocab: Set<string>;
  entities: Entity[];
  /** Folded entity names and aliases → their answer type, to type the spans of sentences. */
  entityTypes: Map<string, AnswerType>;
}

/** The parts of a prepared text the index reads (a full `PreparedText` fits). */
export type IndexableText = Pick<PreparedText, "sentences">;
/** The parts of a brief the index reads (a full `StoryBrief` fits). */
export type IndexableBrief = Partial<Pick<StoryBrief, "title" | "quotes" | "entities">>;

export function buildStoryIndex(
  storyId: string,
  prepared: IndexableText,
  brief: IndexableBrief = {},
): StoryIndex {
  const df = new Map<string, number>();
  let totalLength = 0;
  const sentences: IndexedSentence[] = prepared.sentences.map((s) => {
    const indexed = indexSentence(s.id, s.text);
    for (const t of indexed.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    totalLength += indexed.terms.length;
    return indexed;
  });
  const quotes = (brief.quotes ?? []).map(indexQuote);
  return {
    storyId,
    title: brief.title ?? "",
    titleTerms: new Set(contentTerms(keepAcronyms(brief.title ?? ""))),
    titleSentence: indexSentence(-1, brief.title ?? ""),
    sentences,
    df,
    avgLength: sentences.length ? totalLength / sentences.length : 0,
    quotes,
    quoteVocab: new Set(quotes.flatMap((q) => [...q.vocab])),
    entities: brief.entities ?? [],
    entityTypes: entityTypeMap(brief.entities ?? []),
  };
}

function indexSentence(id: number, text: string): IndexedSentence {
  const stems = words(keepAcronyms(text)).map(stem);
  const terms = stems.filter((w) => !STOPWORDS.has(w));
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  return { id, text, terms, stems, tf };
}

const ENTITY_ANSWER_TYPE: Record<Entity["type"], AnswerType> = {
  person: "person",
  place: "place",
  organisation: "name",
};

function entityTypeMap(entities: Entity[]): Map<string, AnswerType> {
  const map = new Map<string, AnswerType>();
  for (const e of entities) {
    for (const form of [e.name, ...e.aliases]) map.set(foldText(form), ENTITY_ANSWER_TYPE[e.type]);
  }
  return map;
}

function indexQuote(q: Quote): IndexedQuote {
  const w = words(q.quote);
  const stems = w.map(stem);
  return {
    quote: q.quote,
    speaker: q.speaker,
    ...(q.role ? { role: q.role } : {}),
    ...(q.speakerConfidence ? { speakerConfidence: q.speakerConfidence } : {}),
    sentence: q.sentence,
    words: w,
    stems,
    vocab: new Set([...w, ...stems]),
    ...(q.article ? { article: q.article } : {}),
  };
}

/** Candidate answer spans of a sentence, computed once; names the brief knows get its type. */
export function sentenceSpans(index: StoryIndex, s: IndexedSentence): CandidateSpan[] {
  if (!s.spans) {
    s.spans = candidateSpans(s.text);
    if (index.entityTypes.size) {
      for (const span of s.spans) {
        if (span.type !== "name" && span.type !== "person" && span.type !== "place") continue;
        const known = index.entityTypes.get(foldText(span.text.replace(/['’]s$/, "")));
        if (known) span.type = known;
      }
    }
  }
  return s.spans;
}

/**
 * BM25 parameters: the usual k1, and a weak length normalisation (b 0.3 rather than 0.75): a
 * longer sentence is more likely to hold the answer besides the question's words.
 */
export const BM = { k1: 1.2, b: 0.3 };

/**
 * Robertson-Sparck Jones IDF with the +1 that keeps it positive in short stories, scaled by how
 * common the word is in English: a story has too few sentences to know that "used" or "known" are
 * common words.
 */
export function idf(index: StoryIndex, term: string): number {
  // A term the story lacks weighs like its rarest one, not more: questions paraphrase.
  const n = Math.max(1, index.df.get(term) ?? 0);
  const N = index.sentences.length;
  return Math.log(1 + (N - n + 0.5) / (n + 0.5)) * commonWordWeight(term);
}

/**
 * Title words weigh this much when telling a story's sentences apart: every sentence is about the
 * title's topic, so the question repeating the title ("… during Super Bowl 50?") singles out none.
 */
export const TITLE_TERM_WEIGHT = 0.5;

/**
 * A question term's weight when comparing the sentences of one story: its IDF, less for words of
 * the title.
 */
export function termWeight(index: StoryIndex, term: string): number {
  const w = idf(index, term);
  return index.titleTerms.has(term) ? w * TITLE_TERM_WEIGHT : w;
}

/** BM25 of one sentence for the (stemmed, deduplicated) query terms. */
export function bm25(
  index: StoryIndex,
  s: IndexedSentence,
  queryTerms: readonly string[],
  weight: (index: StoryIndex, term: string) => number = termWeight,
): number {
  let score = 0;
  const norm = BM.k1 * (1 - BM.b + (BM.b * s.terms.length) / (index.avgLength || 1));
  for (const t of queryTerms) {
    const f = s.tf.get(t);
    if (!f) continue;
    score += (weight(index, t) * (f * (BM.k1 + 1))) / (f + norm);
  }
  return score;
}
