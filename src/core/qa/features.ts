import { type CandidateSpan, typeFits } from "./answer-types.js";
import type { AnalysedQuestion } from "./question.js";
import { type IndexedSentence, type StoryIndex, sentenceSpans, termWeight } from "./story-index.js";
import { keepAcronyms, STOPWORDS, stem, words } from "./tokens.js";

/** Features that tell an answering sentence from one that merely shares the question's words. */

/** How much a sentence has of a term: 1 for the stem, 0.6 for a shared 5-letter prefix ("financ…"). */
function termPresence(s: IndexedSentence, t: string): number {
  if (s.tf.has(t)) return 1;
  if (t.length < 5) return 0;
  const prefix = t.slice(0, 5);
  for (const u of s.tf.keys()) if (u.length >= 5 && u.startsWith(prefix)) return 0.6;
  return 0;
}

/** A question term's weight in comparing one story's sentences: less when it only sets the circumstance. */
export function questionTermWeight(index: StoryIndex, q: AnalysedQuestion, term: string): number {
  const w = termWeight(index, term);
  return q.circumstance.has(term) ? w * circumstanceFactor(index, q) : w;
}

/** The share of its weight a circumstance term keeps … */
export const CIRCUMSTANCE_WEIGHT = 0.5;
/** … and less when need be, so that the circumstance never outweighs the clause that asks. */
export const CIRCUMSTANCE_SHARE = 1;

const factors = new WeakMap<AnalysedQuestion, Map<StoryIndex, number>>();

/**
 * How much a circumstance term keeps of its weight in one story: a fixed share, less when the
 * story's IDF makes the circumstance outweigh what is asked ("where was the mayor while the
 * council voted?" in a story that names the mayor in every other sentence and the vote once).
 */
function circumstanceFactor(index: StoryIndex, q: AnalysedQuestion): number {
  let byIndex = factors.get(q);
  if (!byIndex) {
    byIndex = new Map();
    factors.set(q, byIndex);
  }
  let f = byIndex.get(index);
  if (f === undefined) {
    let main = 0;
    let circ = 0;
    for (const t of q.terms) {
      if (q.circumstance.has(t)) circ += termWeight(index, t);
      else main += termWeight(index, t);
    }
    f = main > 0 ? Math.min(CIRCUMSTANCE_WEIGHT, (CIRCUMSTANCE_SHARE * main) / circ) : CIRCUMSTANCE_WEIGHT;
    byIndex.set(index, f);
  }
  return f;
}

export function coverageOf(
  index: StoryIndex,
  q: AnalysedQuestion,
  sentences: IndexedSentence[],
  weight: (index: StoryIndex, term: string) => number = (i, t) => questionTermWeight(i, q, t),
): number {
  let total = 0;
  let got = 0;
  for (const t of q.terms) {
    const w = weight(index, t);
    total += w;
    let best = 0;
    for (const s of sentences) best = Math.max(best, termPresence(s, t));
    got += w * best;
  }
  return total ? got / total : 0;
}

/** Share of the question's term pairs the sentence has too; a pair touching the circumstance weighs less. */
export function bigramShare(q: AnalysedQuestion, s: IndexedSentence): number {
  if (!q.bigrams.length) return 0;
  const pairs = new Set<string>();
  const t = s.terms;
  for (let i = 1; i < t.length; i++) pairs.add(`${t[i - 1]} ${t[i]}`);
  let n = 0;
  for (const b of q.bigrams) {
    if (!pairs.has(b)) continue;
    n += q.circumstance.size && b.split(" ").some((t) => q.circumstance.has(t)) ? CIRCUMSTANCE_WEIGHT : 1;
  }
  return n / q.bigrams.length;
}

const LETTER = /[\p{L}\d]/u;
const MAX_ANCHORS_PER_TERM = 4;

/**
 * Where the question's words start in the sentence: each occurrence that begins a word ("meet" in
 * "meetings", not "us" in "because"), at most a few per term.
 */
function questionWordsAt(lower: string, terms: readonly string[]): number[] {
  const out: number[] = [];
  for (const t of terms) {
    let from = 0;
    for (let k = 0; k < MAX_ANCHORS_PER_TERM; k++) {
      const at = lower.indexOf(t, from);
      if (at < 0) break;
      from = at + t.length;
      if (at === 0 || !LETTER.test(lower[at - 1]!)) out.push(at);
    }
  }
  return out;
}

/** A span that holds a name the question itself gives fits this much less. */
export const NAMED_IN_QUESTION = 0.5;

const PLACE_PREPOSITION =
  /\b(?:in|at|to|from|near|on|into|onto|across|outside|inside|off|toward|towards)\s+(?:the\s+)?$/i;

function placeModifier(text: string, span: CandidateSpan): boolean {
  const before = text.slice(Math.max(0, span.start - 16), span.start);
  return !PLACE_PREPOSITION.test(before) && /^\s+\p{Ll}/u.test(text.slice(span.end, span.end + 3));
}

/** The best span of the wanted kind that is not just words of the question, nearest its terms. */
export function bestSpan(
  index: StoryIndex,
  q: AnalysedQuestion,
  s: IndexedSentence,
  nearChars: number,
): { span?: CandidateSpan; fit: number; near: number } {
  let best: CandidateSpan | undefined;
  let bestFit = 0;
  let bestChoice = 0;
  let bestDist = Number.POSITIVE_INFINITY;
  const lower = s.text.toLowerCase();
  const nameStems = new Set(q.names.flatMap((n) => n.stems));
  const anchors = questionWordsAt(lower, q.terms);
  for (const span of sentenceSpans(index, s)) {
    let fit = typeFits(q.type, span.type);
    if (fit === 0) continue;
    // "Netanyahu's government": a possessive name modifies the thing; it answers only "whose".
    if (/['’]s$/.test(span.text) && !q.possessive) fit *= 0.3;
    // "the US military … a port … to Gaza": for "where", a place used as a modifier ("the US
    // military") is not where something is; one after a preposition of place is.
    // (It only chooses between the sentence's places: the sentence's own fit is the better place's.)
    const choice = q.type === "place" && span.type === "place" && placeModifier(s.text, span) ? 0.6 : 1;
    const spanWords = words(span.text);
    if (spanWords.length === 0 || spanWords.every((w) => q.wordSet.has(w))) continue;
    // "Joe Biden" for "what nickname does Biden use?": a name the question gives is not its answer.
    if (spanWords.some((w) => nameStems.has(stem(w)))) fit *= NAMED_IN_QUESTION;
    const dist = anchors.length
      ? Math.min(...anchors.map((a) => (a < span.start ? span.start - a : Math.max(0, a - span.end))))
      : 0;
    const chosen = fit * choice;
    if (chosen > bestChoice || (chosen === bestChoice && dist < bestDist)) {
      best = span;
      bestChoice = chosen;
      bestFit = fit;
      bestDist = dist;
    }
  }
  // An answer right next to the question's words ("meet with Kamala Harris") beats one far away.
  const near = best ? 1 / (1 + bestDist / nearChars) : 0;
  return { span: best, fit: bestFit, near };
}

// Between two names of one list: ", ", " and ", ", and ", " along with ", with a few lowercase
// words of role in front of the next name ("Harris and national security adviser Jake Sullivan").
const LIST_GAP = /^(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+along\s+with\s+|\s*&\s*)(?:[\p{Ll}-]+\s+){0,4}$/u;
const NAME_TYPES = new Set(["person", "name"]);

/**
 * "Who did Gantz meet?" asks for everyone the sentence lists, not the first of them: the span
 * widened to the names coordinated with it, leaving out names the question itself gives.
 */
export function listedNames(
  index: StoryIndex,
  q: AnalysedQuestion,
  s: IndexedSentence,
  span: CandidateSpan,
): string[] {
  if (!NAME_TYPES.has(span.type)) return [span.text];
  const spans = sentenceSpans(index, s)
    .filter((c) => NAME_TYPES.has(c.type) && !words(c.text).every((w) => q.wordSet.has(w)))
    .sort((a, b) => a.start - b.start);
  const at = spans.findIndex((c) => c.start === span.start && c.end === span.end);
  if (at < 0) return [span.text];
  let first = at;
  let last = at;
  while (first > 0 && LIST_GAP.test(s.text.slice(spans[first - 1]!.end, spans[first]!.start))) first--;
  while (last + 1 < spans.length && LIST_GAP.test(s.text.slice(spans[last]!.end, spans[last + 1]!.start)))
    last++;
  return spans.slice(first, last + 1).map((c) => c.text);
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: string[]): string {
  return names.length <= 2 ? names.join(" and ") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** Longest run of question words (stopwords included) that the sentence repeats word for word. */
export function longestSharedRun(q: AnalysedQuestion, s: IndexedSentence): number {
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
export const ANAPHORIC_START =
  /^(?:(?:but|and|yet|still|instead|however|then),?\s+)?(?:he|she|it|they|this|these|that|those|there|his|her|their|its)\b/i;

const NEGATORS = new Set(
  "not never no didnt doesnt dont wasnt isnt werent wont cannot cant hasnt havent hadnt neither nor".split(
    " ",
  ),
);

/** How many words after a denial the word it denies may come ("did not even formally meet"). */
const DENIAL_REACH = 3;
// Words between a denial and what it denies: adverbs ("not formally approved", "not yet", "not even").
const DENIAL_ADVERB = /^(?:even|yet|ever|\p{L}+ly)$/u;
// Verbs and nouns spelt like adverbs: "did not rally the council" denies the rally, not the council.
const NOT_ADVERBS = new Set(
  "rally supply apply reply comply multiply fly ally family assembly italy july bully belly jelly holly".split(
    " ",
  ),
);
const isDenialAdverb = (w: string) => DENIAL_ADVERB.test(w) && !NOT_ADVERBS.has(w);
const NOT_ONLY = /^(?:only|just|merely|simply)$/i;

/**
 * The sentence denies a question term ("did not meet"): it is evidence against, not for. What a
 * denial denies is the first content word after it, past adverbs: "did not meet with the mayor"
 * denies the meeting, not the mayor, and is no evidence against a question about where the mayor was.
 */
export function negatesQuestionTerm(q: AnalysedQuestion, s: IndexedSentence): boolean {
  const wanted = new Set(q.terms);
  let raw: string[] | undefined;
  for (let j = 0; j < s.stems.length; j++) {
    if (!NEGATORS.has(s.stems[j]!)) continue;
    // The words as written, aligned with the stems (the index stems exactly these).
    raw ??= words(keepAcronyms(s.text));
    // "not only met Biden but also …", "not just a meeting": a denial of nothing.
    if (NOT_ONLY.test(raw[j + 1] ?? "")) continue;
    for (let k = j + 1; k < Math.min(s.stems.length, j + 1 + DENIAL_REACH); k++) {
      const w = s.stems[k]!;
      if (wanted.has(w)) return true;
      if (!STOPWORDS.has(w) && !NEGATORS.has(w) && !isDenialAdverb(raw[k] ?? "")) break;
    }
  }
  return false;
}

/**
 * "On what lake …?" answered by "Lake George", "after what battle …?" by "the Battle of Olustee":
 * the sentence names a thing of the kind asked for — a capitalised name that holds, or sits right
 * before, the question's "what" noun, with a word the question does not have.
 */
export function namesAskedKind(index: StoryIndex, q: AnalysedQuestion, s: IndexedSentence): boolean {
  if (!q.heads.length) return false;
  const heads = new Set(q.heads);
  for (const span of sentenceSpans(index, s)) {
    if (span.type !== "name" && span.type !== "place" && span.type !== "person") continue;
    const spanWords = words(span.text);
    if (spanWords.every((w) => q.wordSet.has(w))) continue;
    if (spanWords.some((w) => heads.has(stem(w)))) return true;
    const next = words(s.text.slice(span.end, span.end + 30))[0];
    if (next && heads.has(stem(next))) return true;
  }
  return false;
}

/** Weighted share of the question's content words the sentence repeats in the very same form. */
export function surfaceShare(index: StoryIndex, q: AnalysedQuestion, s: IndexedSentence): number {
  if (!q.surface.length) return 0;
  s.wordSet ??= new Set(words(s.text));
  const have = s.wordSet;
  let total = 0;
  let got = 0;
  for (const [w, st] of q.surface) {
    const weight = questionTermWeight(index, q, st);
    total += weight;
    if (have.has(w)) got += weight;
  }
  return total ? got / total : 0;
}
