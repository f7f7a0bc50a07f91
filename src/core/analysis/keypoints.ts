import type { Entity, KeyPoint, PreparedText, Sentence } from "../types.js";
import { compressSentence } from "./keypoints-compress.js";
import { containment, contentStems, countWords } from "./salience-words.js";

/**
 * Key points of an article: the most important sentences, lightly compressed, ordered by
 * importance (the first three are the short summary).
 *
 * Why these signals: news is written as an inverted pyramid, so position dominates — LEAD-3 is the
 * bar unsupervised extractive methods rarely beat on CNN/DailyMail. Centrality (how much of the
 * article's recurring vocabulary a sentence carries), overlap with the title and mentions of the
 * story's main entities only re-rank within the lead or pull a strong later sentence forward.
 * Everything is linear in the text; redundancy is checked only among the few picked points.
 */

export interface KeyPointContext {
  entities: Entity[];
  title?: string;
}

/** Scores further down the article than this many sentences are not computed (bounded work). */
const CANDIDATE_WINDOW = 60;
/** A point never quotes more than this of one "sentence" (unpunctuated dumps have huge ones). */
const MAX_POINT_CHARS = 1000;
/** The first points are "the short summary" and follow the lead most closely. */
const SHORT_SUMMARY = 3;
/** Two points sharing more than this share of content words say the same thing. */
const REDUNDANCY = 0.6;

/** How many points an article of `words` words deserves: 3 for a short item, up to 7. */
export function keyPointCount(words: number): number {
  if (words < 250) return 3;
  if (words < 500) return 4;
  if (words < 800) return 5;
  if (words < 1200) return 6;
  return 7;
}

interface Candidate {
  sentence: Sentence;
  stems: Set<string>;
  /** Rank for the short summary: the lead's order, lightly re-ranked. */
  score: number;
  /** Rank for the points after the short summary: position matters less, content more. */
  breadth: number;
}

export function extractKeyPoints(prepared: PreparedText, ctx: KeyPointContext): KeyPoint[] {
  const sentences = prepared.sentences;
  if (sentences.length === 0) return [];
  const words = countWords(prepared.text);
  const wanted = keyPointCount(words);
  const title = informativeTitle(ctx.title, sentences[0].text);
  const titleStems = new Set(title ? contentStems(title) : []);
  // The title line itself is never a point, informative or not.
  const titleKey = ctx.title ? normaliseForCompare(ctx.title) : "";

  // Document frequency of content words over the whole text (linear), for centrality.
  const freq = new Map<string, number>();
  const window = sentences.slice(0, CANDIDATE_WINDOW);
  const stemsOf: Set<string>[] = [];
  for (const s of sentences) {
    const set = new Set(contentStems(s.text));
    if (stemsOf.length < CANDIDATE_WINDOW) stemsOf.push(set);
    for (const w of set) freq.set(w, (freq.get(w) ?? 0) + 1);
  }
  const entityWeight = entitySentenceWeights(ctx.entities, sentences.length);

  const candidates: Candidate[] = [];
  let rank = 0;
  for (let i = 0; i < window.length; i++) {
    const whole = window[i];
    if (!isCandidate(whole, prepared, titleKey)) continue;
    const pieces = splitRunOn(boundedText(whole.text));
    for (const piece of pieces) {
      const s = { ...whole, text: piece };
      const stems = pieces.length === 1 ? stemsOf[i] : new Set(contentStems(piece));
      let central = 0;
      for (const w of stems) central += Math.log1p((freq.get(w) ?? 1) - 1);
      central = stems.size ? central / (stems.size + 4) : 0;
      const titleOverlap = titleStems.size ? containment(titleStems, stems) : 0;
      const entity = entityWeight.get(s.id) ?? 0;
      const position = 1 / Math.sqrt(1 + rank);
      rank++;
      const style = penalty(s.text);
      const score = 2 * position + 0.6 * central + 0.6 * titleOverlap + 0.05 * entity - style;
      // Beyond the short summary, the story's spread matters more than the lead's order.
      const breadth =
        0.8 * position + 0.6 * central + 0.6 * titleOverlap + 0.3 * entity - style - danglingStart(piece);
      candidates.push({ sentence: s, stems, score, breadth });
    }
  }

  candidates.sort((a, b) => b.score - a.score || a.sentence.id - b.sentence.id);
  const picked: Candidate[] = [];
  for (const c of candidates) {
    if (picked.length >= Math.min(wanted, SHORT_SUMMARY)) break;
    if (picked.some((p) => isRedundant(c.stems, p.stems))) continue;
    picked.push(c);
  }
  // The remaining points: greedy on breadth plus novelty against everything already said
  // (at most 4 rounds over at most CANDIDATE_WINDOW candidates: bounded work).
  const covered = new Set<string>();
  // Candidates already picked or redundant with a pick; updated against each new pick only.
  const out = new Set<Candidate>(picked);
  const markAgainst = (pick: Candidate) => {
    for (const w of pick.stems) covered.add(w);
    for (const c of candidates) if (!out.has(c) && isRedundant(c.stems, pick.stems)) out.add(c);
  };
  for (const p of picked) markAgainst(p);
  while (picked.length < wanted) {
    let best: Candidate | undefined;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (const c of candidates) {
      if (out.has(c)) continue;
      const value = c.breadth + 1.2 * (1 - containment(c.stems, covered));
      if (value > bestValue) {
        bestValue = value;
        best = c;
      }
    }
    if (!best) break;
    picked.push(best);
    out.add(best);
    markAgainst(best);
  }
  return picked.map((c) => ({ text: compressSentence(c.sentence.text), sentences: [c.sentence.id] }));
}

/**
 * A title that is just the start of the first sentence (what callers fall back to when a page
 * has no headline) carries no independent signal: overlap with it would only favour sentences
 * that repeat the lead.
 */
function informativeTitle(title: string | undefined, lead: string): string | undefined {
  if (!title?.trim()) return undefined;
  const t = normaliseForCompare(title.replace(/…$/, ""));
  return t && normaliseForCompare(lead).startsWith(t) ? undefined : title;
}

/** The sentence, or its first MAX_POINT_CHARS cut at a word and marked with an ellipsis. */
function boundedText(text: string): string {
  if (text.length <= MAX_POINT_CHARS) return text;
  const cut = text.lastIndexOf(" ", MAX_POINT_CHARS);
  return `${text.slice(0, cut > 0 ? cut : MAX_POINT_CHARS)}…`;
}

function normaliseForCompare(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Headlines, bylines and fragments are not points: a point is a full sentence of some length. */
function isCandidate(s: Sentence, prepared: PreparedText, titleKey: string): boolean {
  const n = countWords(s.text);
  if (n < 5) return false;
  const para = prepared.paragraphs[s.paragraph];
  const alone = para !== undefined && para.start >= s.start - 1 && para.end <= s.end + 1;
  // The title repeated as its own line. (Not a lead sentence that a caller reused as the title.)
  if (alone && titleKey && normaliseForCompare(s.text) === titleKey) return false;
  // A lone line without final punctuation is a headline, a byline or a caption.
  if (alone && !/[.!?。！？]["'”’)]*$/.test(s.text.trim()) && n < 25) return false;
  return true;
}

/**
 * Style penalties: questions and exclamations are hooks, sentences that are a quote first are
 * colour, run-on captions (very long "sentences") are layout debris.
 */
function penalty(text: string): number {
  let p = 0;
  const t = text.trim();
  if (/\?["'”’]?$/.test(t)) p += 0.8;
  if (/^["“'‘]/.test(t)) p += 0.5;
  const n = countWords(t);
  if (n > 60) p += 0.6;
  // Highlights are short: a mild, growing cost for every word past 30.
  p += Math.max(0, n - 30) * 0.01;
  if (n < 8) p += 0.4;
  return p;
}

/**
 * A point that opens with a pronoun or "that official" leans on a sentence the reader has not
 * seen; the lead is exempt (nothing precedes it), later points pay for it.
 */
function danglingStart(text: string): number {
  const t = text.replace(/^(?:But|And|Still|Yet|So|However|Meanwhile),?\s+/, "");
  return /^(?:He|She|They|It|This|That|These|Those|His|Her|Their|Its)\b/.test(t) ? 0.5 : 0;
}

function isRedundant(a: Set<string>, b: Set<string>): boolean {
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  return containment(small, large) > REDUNDANCY;
}

/**
 * Each sentence's share of the story's salient entities: an entity mentioned in many sentences is
 * what the story is about, so mentioning it is a (weak) sign of importance. Linear in mentions.
 */
function entitySentenceWeights(entities: Entity[], sentenceCount: number): Map<number, number> {
  const weights = new Map<number, number>();
  if (sentenceCount === 0) return weights;
  let max = 0;
  for (const e of entities) max = Math.max(max, e.sentences.length);
  if (max < 2) return weights;
  for (const e of entities) {
    const w = Math.log1p(e.sentences.length) / Math.log1p(max);
    for (const id of e.sentences) weights.set(id, Math.min(1, (weights.get(id) ?? 0) + w / 2));
  }
  return weights;
}

/**
 * Scraped pages often glue an image caption to the next sentence with no full stop ("…in Turin on
 * Tuesday night The former Arsenal man was…"). A capitalised article right after a lower-case word
 * (or a month or weekday) marks such a seam; each side becomes its own candidate (same sentence id).
 */
const RUN_ON_SEAM =
  /(?<=\s(?:[a-z0-9][\p{L}\p{N}'-]*|(?:Jan|Febr)uary|March|April|May|June|July|August|(?:Sept|Nov|Dec)ember|October|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)) (?=(?:A|An|The) [a-z])/gu;

function splitRunOn(text: string): string[] {
  // Cheap pre-check: the seam regex (a look-behind at every space) only runs where it can match.
  if (!text.includes(" A ") && !text.includes(" An ") && !text.includes(" The ")) return [text];
  const parts = text.split(RUN_ON_SEAM).map((p) => p.trim());
  const pieces: string[] = [];
  for (const p of parts) {
    if (pieces.length && (countWords(p) < 5 || countWords(pieces[pieces.length - 1]) < 5)) {
      pieces[pieces.length - 1] += ` ${p}`;
    } else pieces.push(p);
  }
  return pieces.map((p) => (/[.!?。！？…]["'”’)]*$/.test(p) ? p : `${p}.`));
}
