import { type AnswerType, questionAnswerType } from "./answer-types.js";
import { keepAcronyms, STOPWORDS, stem, words } from "./tokens.js";

/** The longest question or fragment accepted; longer input is refused with this number in the message. */
export const MAX_QUESTION_CHARS = 500;

// Words that frame a question without saying what it is about.
const QUESTION_FRAME = new Set(
  "what which who whom whose when where why how did does do is are was were many much long old name named called kind type according say said tell told".split(
    " ",
  ),
);

export interface AnalysedQuestion {
  text: string;
  type: AnswerType;
  /** Stemmed content terms, deduplicated, in question order. */
  terms: string[];
  /** Every word of the question stemmed, stopwords kept (for shared-phrase matching). */
  stems: string[];
  /** Adjacent content-term pairs ("six week", "white house"). */
  bigrams: string[];
  /** Every folded word of the question (for "is this span just the question again?"). */
  wordSet: Set<string>;
  /** Runs of capitalised words after the first ("the Pope", "Cam Newton"): names the story must contain. */
  names: QuestionName[];
  /** The question asks "whose …". */
  possessive: boolean;
  /** The question denies something ("who did not …"): negated sentences are not penalised. */
  negated: boolean;
  /** "Did Gantz meet Biden?": answered yes or no (a denial is as much an answer as a claim). */
  yesNo: boolean;
  /** Stems of the words right after "what"/"which" ("lake", "battle"): the kind of thing asked for. */
  heads: string[];
  /** Content words as typed, each with its stem: a sentence repeating the very form is closer. */
  surface: [string, string][];
  /** Terms that only set the circumstance ("… while the council voted"), not in the clause that asks. */
  circumstance: Set<string>;
}

export interface QuestionName {
  /** Stems of the name's words (the name counts as present when any of them is). */
  stems: string[];
  /**
   * The name only qualifies a noun ("TV ad", "an Irish town", "NFL events"): the question is about
   * the noun, and a story may well answer it without naming the qualifier.
   */
  modifier: boolean;
}

export type QuestionProblem = "empty" | "too-long";

/** Why a question cannot be asked at all (empty or over the limit); null when it can. */
export function questionProblem(question: string): QuestionProblem | null {
  if (question.trim() === "") return "empty";
  if (question.length > MAX_QUESTION_CHARS) return "too-long";
  return null;
}

export function analyseQuestion(question: string): AnalysedQuestion {
  const all = words(keepAcronyms(question));
  const stems: string[] = [];
  for (const w of all) if (!STOPWORDS.has(w) && !QUESTION_FRAME.has(w)) stems.push(stem(w));
  const terms = [...new Set(stems)];
  const bigrams: string[] = [];
  for (let i = 1; i < stems.length; i++) bigrams.push(`${stems[i - 1]} ${stems[i]}`);
  return {
    text: question,
    type: questionAnswerType(question),
    terms,
    stems: all.map(stem),
    bigrams: [...new Set(bigrams)],
    wordSet: new Set([...all, ...all.map(stem)]),
    names: questionNames(question),
    possessive: /\bwhose\b/i.test(question),
    negated: /\b(?:not|never|no|n't|didnt|doesnt|wasnt|isnt|werent)\b/i.test(question),
    yesNo: YES_NO.test(question) && !/\bor\b/i.test(question),
    heads: askedKind(question),
    surface: all.filter((w) => !STOPWORDS.has(w) && !QUESTION_FRAME.has(w)).map((w) => [w, stem(w)]),
    circumstance: circumstanceTerms(question),
  };
}

// A subordinate clause after the one that asks ("where was the mayor while the council voted?")
// or before it ("When the war ended, who …?"); bounded, a question is at most 500 characters.
// Not "once": in a question it is mostly the adverb ("Who was once the mayor?").
const CIRCUMSTANCE_CONJUNCTION = "(?:while|whilst|when|after|before|until)";
const TRAILING_CIRCUMSTANCE = new RegExp(`\\s${CIRCUMSTANCE_CONJUNCTION}\\s`, "i");
// "When did the war end, and who won?" asks when: a leading question word is no circumstance.
const LEADING_CIRCUMSTANCE = new RegExp(
  `^\\s*${CIRCUMSTANCE_CONJUNCTION}\\s(?!(?:did|does|do|is|was|are|were|has|have|had|will|would|can|could)\\b)[^,?]{1,200},`,
  "i",
);

/**
 * What is asked is in the main clause: a subordinate "while / when / after …" clause says when it
 * holds, and a sentence that only repeats the circumstance does not answer the question. Returns
 * the terms of that clause that the main one lacks; they weigh less (see `questionTermWeight`).
 */
function circumstanceTerms(question: string): Set<string> {
  const out = new Set<string>();
  let clause = "";
  let main = question;
  const lead = LEADING_CIRCUMSTANCE.exec(question);
  if (lead) {
    clause = lead[0];
    main = question.slice(lead[0].length);
  } else {
    const m = TRAILING_CIRCUMSTANCE.exec(question);
    if (!m) return out;
    clause = question.slice(m.index);
    main = question.slice(0, m.index);
  }
  const keep = new Set(words(keepAcronyms(main)).map(stem));
  for (const w of words(keepAcronyms(clause))) {
    const t = stem(w);
    if (!keep.has(t) && !STOPWORDS.has(w) && !QUESTION_FRAME.has(w)) out.add(t);
  }
  return out;
}

/** An auxiliary first, and no alternatives offered ("Is it X or Y?" asks which). */
const YES_NO =
  /^\s*(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would|should|may|might|must)(?:n['’]?t)?\s/i;

const AUXILIARY_BEFORE =
  /\b(?:did|does|do|will|would|can|could|should|has|have|had|is|was|are|were|may|might|must)\s+(?:the\s+)?$/i;

/**
 * Names a question is about: runs of capitalised words past the first word ("Cam Newton", "the
 * Pope"), each as the stems of its words (a run counts as present when any of its words is).
 */
function questionNames(question: string): QuestionName[] {
  const out: QuestionName[] = [];
  const first = question.search(/\p{L}/u);
  const re = /[\p{Lu}][\p{L}'’-]*(?:\s+[\p{Lu}][\p{L}'’-]*)*/gu;
  for (const m of question.matchAll(re)) {
    let run = words(m[0]);
    if ((m.index ?? 0) === first) run = run.slice(1);
    // A lone letter ("V&A", "centurY") is no name to look for.
    const stems = run.filter((w) => w.length > 1 && !STOPWORDS.has(w) && !QUESTION_FRAME.has(w)).map(stem);
    if (!stems.length) continue;
    const at = m.index ?? 0;
    const next = /^[\s-]*([\p{Ll}]+)/u.exec(question.slice(at + m[0].length))?.[1];
    // "did Siemens build": after an auxiliary the name is the subject, and the next word its verb.
    const subject = AUXILIARY_BEFORE.test(question.slice(0, at));
    const modifier = !subject && next !== undefined && !STOPWORDS.has(next) && !QUESTION_FRAME.has(next);
    out.push({ stems, modifier });
  }
  return out;
}

const WHAT_NOUN = /\b(?:what|which)\s+([\p{L}-]+)(?:\s+([\p{L}-]+))?/iu;

/** "On what lake …", "after what battle …": the (up to two) words that say what kind of thing is asked for. */
function askedKind(question: string): string[] {
  const m = WHAT_NOUN.exec(question);
  if (!m) return [];
  const out: string[] = [];
  for (const w of [m[1], m[2]]) {
    const word = words(w ?? "")[0];
    if (!word || STOPWORDS.has(word) || QUESTION_FRAME.has(word) || AUX.has(word)) break;
    out.push(stem(word));
  }
  return out;
}

const AUX = new Set(
  "is was are were did does do has have had can could would will should may might must".split(" "),
);
