import type { Entity, OpenQuestion, PreparedText, Quote } from "../types.js";
import { ANY_CUE, CUES, type CueContext } from "./open-questions-cues.js";
import { collectProperNouns, isTitleCase } from "./open-questions-phrasing.js";
import { containment, contentStems, countWords } from "./salience-words.js";

/**
 * Open questions: what the story leaves unresolved, found from hedges and unresolved-state cues
 * (see open-questions-cues.ts) and phrased as questions that carry their own context. Each cites
 * the sentence it comes from; near-duplicates are merged and cite all their sentences.
 *
 * Cues inside direct quotations are skipped: a speaker's "we could …" turned into "Could we …?"
 * would put the question in the wrong mouth. Linear in the text: each sentence is pre-filtered by
 * one regex, and duplicates are looked for only among a bounded number of recent questions.
 */

export interface OpenQuestionContext {
  entities: Entity[];
  quotes: Quote[];
}

/** Two questions sharing more than this share of content words ask the same thing. */
const DUPLICATE = 0.6;
/** How far back merging looks (keeps long texts linear). */
const MERGE_WINDOW = 40;
/** Cue scanning stops this far into a sentence (real sentences are far shorter). */
const MAX_SENTENCE_CHARS = 2000;
/** Questions longer than this are clause soup, not questions. */
const MAX_QUESTION_WORDS = 40;

interface Wording {
  question: string;
  strength: number;
  stems: Set<string>;
}

interface Found extends Wording {
  sentences: number[];
  /** Every wording merged into this one; `question` is the most central of them. */
  wordings: Wording[];
}

/** How many questions an article of `words` words may raise. */
export function openQuestionLimit(words: number): number {
  if (words < 300) return 3;
  if (words < 800) return 4;
  if (words < 1500) return 5;
  return 6;
}

export function extractOpenQuestions(prepared: PreparedText, ctx: OpenQuestionContext): OpenQuestion[] {
  const sentences = prepared.sentences;
  if (sentences.length === 0) return [];
  let properNouns: Set<string> | undefined;
  const quoteSpans = [...ctx.quotes].sort((a, b) => a.start - b.start);
  const personIn = personsBySentence(ctx.entities);
  const found: Found[] = [];
  let q = 0;

  for (const s of sentences) {
    // A "sentence" longer than any real one (unpunctuated dumps) is read only up to the bound:
    // cue handling looks back over the sentence, which must not turn quadratic.
    const text = s.text.length > MAX_SENTENCE_CHARS ? s.text.slice(0, MAX_SENTENCE_CHARS) : s.text;
    if (!ANY_CUE.test(text) || isTitleCase(text)) continue;
    properNouns ??= namesOf(prepared.text, ctx.entities);
    const cueCtx: CueContext = {
      text,
      properNouns,
      resolvePronoun: (p) => resolvePronoun(p, s.id, personIn),
    };
    while (q < quoteSpans.length && quoteSpans[q].end <= s.start) q++;
    for (const cue of CUES) {
      cue.pattern.lastIndex = 0;
      for (let m = cue.pattern.exec(text); m; m = cue.pattern.exec(text)) {
        if (insideQuote(s.start + m.index, quoteSpans, q) || insideQuoteMarks(text, m.index)) continue;
        const question = cue.build(m, cueCtx);
        if (!question || countWords(question) > MAX_QUESTION_WORDS) continue;
        const wording = { question, strength: cue.strength, stems: stemSet(question) };
        addOrMerge(found, { ...wording, sentences: [s.id], wordings: [wording] });
      }
    }
  }

  const limit = openQuestionLimit(countWords(prepared.text));
  return found
    .sort((a, b) => b.strength - a.strength || a.sentences[0] - b.sentences[0])
    .slice(0, limit)
    .map((f) => ({ question: f.question, sentences: f.sentences }));
}

/** Content words of a question minus the words every question template adds. */
function stemSet(question: string): Set<string> {
  const set = new Set(contentStems(question));
  for (const w of ["possible", "chance", "known", "investigation", "find", "succeed", "ahead", "hold"]) {
    set.delete(w);
  }
  return set;
}

function addOrMerge(found: Found[], item: Found): void {
  const from = Math.max(0, found.length - MERGE_WINDOW);
  let merged = item;
  let at = -1;
  // Every earlier question on the same issue folds into one (a new sentence can join two).
  for (let i = found.length - 1; i >= from; i--) {
    const other = found[i];
    if (!sameIssue(merged, other)) continue;
    merged = mergeFound(merged, other);
    if (at >= 0) found.splice(at, 1);
    at = i;
  }
  if (at >= 0) found[at] = merged;
  else found.push(item);
}

/**
 * One question for the issue, citing every sentence, ranked as its surest cue. Its wording is the
 * most central one: the wording sharing most words with the others ("a deal … release of hostages
 * by Ramadan" over "talks … succeed" and "a deal before Ramadan"), then the surer cue.
 */
function mergeFound(a: Found, b: Found): Found {
  const wordings = [...b.wordings, ...a.wordings];
  const centrality = new Map(
    wordings.map((w) => [
      w,
      [...w.stems].filter((t) => wordings.some((o) => o !== w && o.stems.has(t))).length,
    ]),
  );
  const central = (w: Wording) => centrality.get(w)!;
  const best = wordings.reduce((x, y) =>
    central(y) > central(x) || (central(y) === central(x) && y.strength > x.strength) ? y : x,
  );
  return {
    question: best.question,
    strength: Math.max(a.strength, b.strength),
    stems: new Set([...a.stems, ...b.stems]),
    sentences: [...new Set([...a.sentences, ...b.sentences])].sort((x, y) => x - y),
    wordings,
  };
}

/**
 * One unresolved issue, however it is worded: most content words shared, or raised by neighbouring
 * sentences that share at least two content words ("deal", "Ramadan"). One sentence may leave two
 * things open ("talks … continue, but a deal by Ramadan is in doubt"), so sharing a sentence alone
 * is not enough.
 */
function sameIssue(a: Found, b: Found): boolean {
  const small = a.stems.size <= b.stems.size ? a.stems : b.stems;
  const large = small === a.stems ? b.stems : a.stems;
  if (containment(small, large) > DUPLICATE) return true;
  const near = a.sentences.some((id) => b.sentences.some((o) => Math.abs(o - id) === 1));
  if (!near) return false;
  let shared = 0;
  for (const w of small) if (large.has(w) && ++shared >= 2) return true;
  return false;
}

function insideQuote(offset: number, spans: Quote[], from: number): boolean {
  for (let i = from; i < spans.length && spans[i].start <= offset; i++) {
    if (offset < spans[i].end) return true;
  }
  return false;
}

/**
 * Fallback for quotes the quote stage did not report (or a quote opened in an earlier
 * sentence): more opening than closing marks before the cue in its sentence, or a closing mark
 * after it with no opening one before, means the cue is inside quoted words. Marks inside words
 * (apostrophes: "don't") are neither.
 */
const OPENING_MARK = /(?:^|[\s([])["']/g;
const CLOSING_MARK = /[\p{L}\p{N}.,!?]["'](?=[\s,.;:!?)\]]|$)/gu;

function insideQuoteMarks(text: string, index: number): boolean {
  const before = text.slice(0, index);
  const opens = before.match(OPENING_MARK)?.length ?? 0;
  const closes = before.match(CLOSING_MARK)?.length ?? 0;
  if (opens > closes) return true;
  if (opens === 0) {
    const after = text.slice(index);
    const closesAfter = after.match(CLOSING_MARK)?.length ?? 0;
    const opensAfter = after.match(OPENING_MARK)?.length ?? 0;
    return closesAfter > opensAfter;
  }
  return false;
}

/** Words that are names: capitalised mid-sentence in the text, or part of an entity's name. */
function namesOf(text: string, entities: Entity[]): Set<string> {
  const names = collectProperNouns(text);
  for (const e of entities) {
    for (const form of [e.name, ...e.aliases]) for (const w of form.split(/\s+/)) names.add(w);
  }
  return names;
}

/** For each sentence id, the people mentioned in it (fullest names). */
function personsBySentence(entities: Entity[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const e of entities) {
    if (e.type !== "person") continue;
    for (const id of e.sentences) {
      const list = out.get(id);
      if (list) list.push(e.name);
      else out.set(id, [e.name]);
    }
  }
  return out;
}

/** "he"/"she" → the person mentioned in this or one of the two sentences before, when only one is. */
function resolvePronoun(
  pronoun: string,
  sentenceId: number,
  personIn: Map<number, string[]>,
): string | undefined {
  if (!/^(?:he|she)$/i.test(pronoun)) return undefined;
  for (let id = sentenceId; id >= Math.max(0, sentenceId - 2); id--) {
    const people = personIn.get(id);
    if (!people) continue;
    return people.length === 1 ? people[0] : undefined;
  }
  return undefined;
}
