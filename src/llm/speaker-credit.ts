import { FEMALE_NAMES, MALE_NAMES } from "../core/analysis/lexicon.js";
import type { PreparedText } from "../core/types.js";
import { HONORIFICS, type SpeakerTerms, termsOf } from "./speaker-terms.js";
import { wordsOf } from "./words.js";

/** What the words beside a quote say about who spoke it: the name a speech verb credits, the pronoun. */

/** "he said" next to the quote for a speaker known to be a woman, or "she said" for a man. */
export function pronounDisagrees(own: string, speaker: string, terms: SpeakerTerms): boolean {
  const pronoun = own.match(PRONOUN_ATTRIBUTION)?.[1]?.toLowerCase();
  if (pronoun !== "he" && pronoun !== "she") return false;
  const gender = genderOfSpeaker(speaker, terms);
  return gender !== undefined && gender !== (pronoun === "he" ? "m" : "f");
}

function genderOfSpeaker(speaker: string, terms: SpeakerTerms): "m" | "f" | undefined {
  if (/\b(?:Mr|Sir|Lord)\b/.test(speaker)) return "m";
  if (/\b(?:Mrs|Ms|Miss|Dame|Lady)\b/.test(speaker)) return "f";
  const first = speaker
    .split(/[\s,]+/)
    .find((w) => /^\p{Lu}/u.test(w) && !HONORIFICS.has(wordsOf(w).join("")));
  if (!first || terms.names.length < 2) return undefined;
  if (MALE_NAMES.has(first) && !FEMALE_NAMES.has(first)) return "m";
  if (FEMALE_NAMES.has(first) && !MALE_NAMES.has(first)) return "f";
  return undefined;
}

export const PRONOUN_ATTRIBUTION = new RegExp(
  `\\b(he|she|they)\\s+(?:${"said|says|added|told|asked|continued|explained|wrote"})\\b`,
  "i",
);
const SPEECH_VERBS =
  "said|says|added|adds|told|tells|asked|asks|wrote|writes|tweeted|posted|explained|argued|insisted|warned|" +
  "stated|declared|acknowledged|admitted|noted|replied|responded|continued|claimed|announced|barked|shouted|" +
  "joked|quipped|recalled|conceded|remarked|cautioned|urged|countered|suggested|observed|testified|stressed|" +
  "emphasized|emphasised|boasted|complained|vowed|promised|predicted|according to";
const NAME = "((?:[A-Z][\\p{L}'.-]*\\s?){1,4})";
// An appositive between name and verb: "Sarandon, 69, told", "Graham, a former candidate, told".
const APPOSITIVE = `(?:\\s*,[^,"]{1,60},)?`;
/** Right after the closing quote mark. */
const AFTER_QUOTE = new RegExp(
  `^[\\s,.!?;:'"-]*(?:(?:${SPEECH_VERBS})\\s+(?:[a-z-]+\\s+){0,3}?${NAME}|${NAME}${APPOSITIVE}\\s*(?:${SPEECH_VERBS})\\b)`,
  "u",
);
/** Right before the opening quote mark ("Trump told a rally: "). */
const BEFORE_QUOTE = new RegExp(
  `${NAME}${APPOSITIVE}\\s+(?:${SPEECH_VERBS})\\b[^"]{0,40}?[:,]?\\s*["']?\\s*$`,
  "u",
);

type QuoteSpan = { start: number; end: number; firstSentence: number; lastSentence: number };

/**
 * The words around a quote within its sentences: up to `beforeChars` before it and 120 after,
 * never past the sentence edges (a name in the next sentence says nothing of this quote).
 */
function besideQuote(prepared: PreparedText, span: QuoteSpan, beforeChars: number) {
  const sentenceStart = prepared.sentences[span.firstSentence]?.start ?? 0;
  const sentenceEnd = prepared.sentences[span.lastSentence]?.end ?? prepared.text.length;
  return {
    before: prepared.text.slice(Math.max(sentenceStart, span.start - beforeChars), span.start),
    after: prepared.text.slice(span.end, Math.min(sentenceEnd, span.end + 120)),
  };
}

/**
 * Capitalised names the words adjacent to the quote credit with it. Only the stretch between the
 * quote and the sentence edge is read, so a name mentioned elsewhere in the sentence ("he told
 * Clinton", "said of Trump") is never taken for the speaker.
 */
export function adjacentCredit(prepared: PreparedText, span: QuoteSpan): string[] {
  const { before, after } = besideQuote(prepared, span, 160);
  const names: string[] = [];
  const a = AFTER_QUOTE.exec(after);
  const b = BEFORE_QUOTE.exec(before);
  for (const found of [a?.[1], a?.[2], b?.[1]]) {
    if (found && termsOf(found).names.length > 0) names.push(found.trim());
  }
  return names;
}

const PASSIVE_ASKED = "(?:was|is|were|are|had been|has been|being)\\s+(?:asked|told|questioned|pressed)";
/** "Trump was asked by the host, "…"": the subject hears the quote. */
const LISTENER_SUBJECT_BEFORE = new RegExp(
  `${NAME}${APPOSITIVE}\\s*${PASSIVE_ASKED}\\b([^"]{0,200})["']?\\s*$`,
  "u",
);
/** "…when he told Chris Wallace of Fox News, "…"": the object of told/asked hears it. */
const LISTENER_OBJECT_BEFORE = new RegExp(
  `\\b(?:told|asked|telling|asking)\\s+${NAME}(?:\\s*of\\s+[A-Z][^,:"]{0,40})?\\s*[,:]?\\s*["']?\\s*$`,
  "u",
);
/** ""…?" Trump was asked." */
const LISTENER_AFTER = new RegExp(`^[\\s,.!?;:'"-]*${NAME}${APPOSITIVE}\\s*${PASSIVE_ASKED}\\b`, "u");
const SPEECH_VERB_WORD = new RegExp(`\\b(?:${SPEECH_VERBS})\\b`);

/**
 * Names the words beside the quote make its listener, not its speaker: the subject of "was asked"
 * (with no speech verb of its own before the quote) or the object of "told"/"asked" right before it.
 * A model naming the person a question was put to has misattributed it.
 */
export function listenersBeside(prepared: PreparedText, span: QuoteSpan): string[] {
  const { before, after } = besideQuote(prepared, span, 240);
  const names: string[] = [];
  const subject = LISTENER_SUBJECT_BEFORE.exec(before);
  if (subject && !SPEECH_VERB_WORD.test(subject[2] ?? "")) names.push(subject[1]!);
  const object = LISTENER_OBJECT_BEFORE.exec(before);
  if (object) names.push(object[1]!);
  const next = LISTENER_AFTER.exec(after);
  if (next) names.push(next[1]!);
  return names.map((n) => n.trim()).filter((n) => termsOf(n).names.length > 0);
}
