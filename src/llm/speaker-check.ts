import { normaliseText } from "../core/text/normalise.js";
import type { Entity, PreparedText, Quote } from "../core/types.js";
import {
  adjacentCredit,
  listenersBeside,
  PRONOUN_ATTRIBUTION,
  pronounDisagrees,
  speechSubjects,
} from "./speaker-credit.js";
import {
  mentions,
  namesSpeaker,
  samePerson,
  sameSpeaker,
  sentenceRange,
  termsOf,
  widen,
} from "./speaker-terms.js";
import { wordsOf } from "./words.js";

/**
 * Is the model's speaker for a quote supported by the article? In order:
 * 1. named or described in the article at all (every name word, most description words);
 * 2. when the deterministic engine credits these words to the same person: on strong evidence that
 *    settles it, on weak evidence it stands in for a nearby mention;
 * 3. mentioned near the quote (the article names speakers next to their words);
 * 4. not contradicted: by the name the words beside the quote credit, by those words making the
 *    model's speaker the listener, by the pronoun, or by the engine's speaker named in the quote's
 *    sentence or the one before while the model's is not.
 */

const PRONOUNS = new Set(["he", "she", "they", "i", "we", "him", "her", "them", "it", "you", "his", "hers"]);

/** How far from the quote (in sentences) the speaker must be mentioned. */
const NEAR_BEFORE = 4;
const NEAR_AFTER = 2;
const NEAR_BEFORE_PRONOUN = 8;

export type SpeakerVerdict = "ok" | "pronoun" | "not-in-article" | "not-near-quote" | "contradicted";

export function checkSpeaker(
  prepared: PreparedText,
  modelSpeaker: string | null,
  span: { start: number; end: number; firstSentence: number; lastSentence: number },
  entities: Entity[],
  extractiveQuotes: Quote[],
): SpeakerVerdict {
  if (modelSpeaker === null || modelSpeaker.trim() === "") return "ok";
  // Read the model's words as the article's were read (quote marks, dashes, control characters).
  const speaker = normaliseText(modelSpeaker).text;
  const speakerWords = wordsOf(speaker);
  if (speakerWords.length > 0 && speakerWords.every((w) => PRONOUNS.has(w))) return "pronoun";
  const terms = termsOf(speaker);
  if (terms.names.length === 0 && terms.description.length === 0) return "not-in-article";
  if (!mentions(prepared.text, terms, true)) return "not-in-article";

  // The deterministic engine credits these very words to the same person: on a speech verb naming
  // them beside the quote that settles it; on weaker evidence (a pronoun or a quote-only paragraph
  // traced back) the article's chain of attribution reaches them, however far back it starts.
  const agreeing = extractiveQuotes.find(
    (q) => q.speaker && q.start < span.end && span.start < q.end && samePerson(q.speaker, speaker),
  );
  if (agreeing?.speakerConfidence === "high") return "ok";
  // "Lopez was asked by the host, "…"": a model crediting the one a question was put to.
  if (
    terms.names.length > 0 &&
    listenersBeside(prepared, span).some((n) => namesSpeaker(n, speaker, entities))
  )
    return "contradicted";

  const wide = widen(terms, entities);
  const own = sentenceRange(prepared, span.firstSentence, span.lastSentence);
  const ownWithoutQuote = own.replace(prepared.text.slice(span.start, span.end), " ");
  // "…," he said: the name may be several sentences back, where the pronoun chain starts.
  const pronounHere = PRONOUN_ATTRIBUTION.test(ownWithoutQuote);
  const before = pronounHere ? NEAR_BEFORE_PRONOUN : NEAR_BEFORE;
  const near = sentenceRange(prepared, span.firstSentence - before, span.lastSentence + NEAR_AFTER);
  if (!agreeing && !mentions(near, wide, false)) return "not-near-quote";
  // A pronoun points back: a speaker the article names only after the quote ("…," she said. … the
  // words of a past president) is not the one it stands for.
  const windowStart = prepared.sentences[Math.max(0, span.firstSentence - before)]?.start ?? 0;
  if (!agreeing && pronounHere && !mentions(prepared.text.slice(windowStart, span.start), wide, false))
    return "not-near-quote";

  // The words right around the quote credit someone: "…," said Mark Evans / Trump told a rally, "…".
  const credited = adjacentCredit(prepared, span);
  // A named speaker must be the one credited ("Michael Tyler" is not "Michael Berkman"); a
  // description ("the prince") only has to share a word with the credited name or its role.
  const credits = (name: string) =>
    terms.names.length > 0 ? namesSpeaker(name, speaker, entities) : sameSpeaker(name, wide);
  if (credited.length > 0) return credited.some(credits) ? "ok" : "contradicted";
  const rival = extractiveQuotes.find(
    (q) => q.speaker && q.start < span.end && span.start < q.end && !sameSpeaker(q.speaker, wide),
  );
  // The deterministic engine found a speech verb naming someone else beside these very words: the
  // same strong evidence that makes its own attribution "high" outranks the model. (A pronoun the
  // engine resolved to the sentence before is weighed like any pronoun, below.)
  const rivalNamedHere = rival?.speaker ? mentions(ownWithoutQuote, termsOf(rival.speaker), false) : false;
  if (rival?.speakerConfidence === "high" && (rivalNamedHere || !pronounHere)) return "contradicted";
  // `She had a great line when she said, "…"`: the pronoun that credits the quote must fit.
  if (pronounDisagrees(ownWithoutQuote, speaker, wide)) return "contradicted";
  // Named in the quote's own sentence — as a possessive ("started Maher's rant", "before Trump's
  // appearance") a name is someone's attribute, not the one speaking (unless the model's speaker is
  // one too: "Ryan's campaign").
  const ownNames = hasPossessiveName(speaker) ? ownWithoutQuote : withoutPossessives(ownWithoutQuote);
  if (mentions(ownNames, wide, false)) return "ok";
  if (rivalNamedHere) return "contradicted";
  // The engine's speaker is named in this sentence or the one before and the model's is not: the
  // model reached further back than the article's own attribution.
  const previous = sentenceRange(prepared, span.firstSentence - 1, span.firstSentence - 1);
  if (
    rival?.speaker &&
    !mentions(previous, wide, false) &&
    mentions(previous, widen(termsOf(rival.speaker), entities), false)
  )
    return "contradicted";
  // Nor does a name count that the sentence before only uses to describe the engine's speaker
  // ("Rep. Tom Cole, a Reed supporter, said … "…," he said."): the one it describes spoke.
  if (
    rival?.speaker &&
    terms.names.length > 0 &&
    onlyDescribesRival(previous, speaker, rival.speaker, entities)
  )
    return "contradicted";
  return "ok";
}

/**
 * In `text`, the rival is the subject of a speech verb whose appositive names the model's speaker,
 * and the model's speaker is the subject of none.
 */
function onlyDescribesRival(text: string, speaker: string, rival: string, entities: Entity[]): boolean {
  const subjects = speechSubjects(text);
  if (subjects.some((s) => namesSpeaker(s.name, speaker, entities))) return false;
  const wide = widen(termsOf(speaker), entities);
  return subjects.some(
    (s) =>
      s.appositive !== "" && namesSpeaker(s.name, rival, entities) && mentions(s.appositive, wide, false),
  );
}

/** One whitespace-delimited token, anchored, so a long run of capitals is read once, not per start. */
const POSSESSIVE_TOKEN = /^\p{Lu}[\p{L}.-]*(?:'s|s')[,.;:!?)]*$/u;

function withoutPossessives(text: string): string {
  return text.replace(/\S+/g, (token) => (POSSESSIVE_TOKEN.test(token) ? " " : token));
}

function hasPossessiveName(text: string): boolean {
  return text.split(/\s+/).some((token) => POSSESSIVE_TOKEN.test(token));
}

/**
 * The confidence of a model's speaker that passed checkSpeaker: "high" only when the deterministic
 * engine attributed the same stretch of text to the same speaker on strong evidence (a speech verb
 * naming them beside the quote). Everything else the model says about who spoke is a guess, shown
 * as one — the same evidence rule as the extractive brief's.
 */
export function speakerConfidenceOf(
  speaker: string | null,
  span: { start: number; end: number },
  extractiveQuotes: Quote[],
): "high" | "low" {
  if (!speaker) return "low";
  // The same person, strictly: "Ty Woods" does not borrow the confidence of "Dorothy Woods said".
  const agreeing = extractiveQuotes.find(
    (q) =>
      q.speaker &&
      q.speakerConfidence === "high" &&
      q.start < span.end &&
      span.start < q.end &&
      samePerson(q.speaker, normaliseText(speaker).text),
  );
  return agreeing ? "high" : "low";
}
