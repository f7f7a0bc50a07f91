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

/** A speech verb, one at a time (bounded: the name around it is read from a short slice). */
const SPEECH_VERB_GLOBAL = new RegExp(`\\b(?:${SPEECH_VERBS})\\b`, "gu");
/** Their object hears the words ("asked Sanders how"); it does not speak them. */
const LISTENING_VERB = /^(?:told|tells|asked|asks)$/;

export interface SpeechSubject {
  name: string;
  /** The appositive between the name and its verb ("a Reed supporter"), when there is one. */
  appositive: string;
}

/**
 * "Rep. Tom Cole of Ohio, a Reed supporter, said": the name (with its place) and its
 * appositive. Name words are whitespace-separated so a long run of capitals splits one way only.
 */
const WORD = "[A-Z][\\p{L}'.-]*";
const SUBJECT_BEFORE_VERB = new RegExp(
  `(?<![\\p{L}'.-])(${WORD}(?:\\s${WORD}){0,3}(?:\\sof(?:\\s${WORD}){1,3})?)(\\s*,[^,"]{1,60},)?\\s*(?:[a-z]+ly\\s+)?$`,
  "u",
);
// "…, said Mark Evans." — after the verb only a name closing its clause is the subject ("said Reed
// had" reports Reed).
const SUBJECT_AFTER_VERB = new RegExp(
  `^\\s+(?:[a-z-]+\\s+){0,3}?(${WORD}(?:\\s${WORD}){0,3})(?=[,;:!?]|\\.?$)`,
  "u",
);

/**
 * Who is the subject of each speech verb in a stretch of prose ("Cole, a Reed supporter, said"
 * → Cole, described as a Reed supporter; "…, said Mark Evans" → Mark Evans). Quoted words are
 * skipped: a name inside a quotation is spoken of, not speaking.
 */
export function speechSubjects(text: string): SpeechSubject[] {
  const prose = text.replace(/"[^"]*"/g, (q) => " ".repeat(q.length));
  const subjects: SpeechSubject[] = [];
  for (const m of prose.matchAll(SPEECH_VERB_GLOBAL)) {
    const at = m.index ?? 0;
    const before = SUBJECT_BEFORE_VERB.exec(prose.slice(Math.max(0, at - 100), at));
    if (before && termsOf(before[1]!).names.length > 0)
      subjects.push({
        name: before[1]!.trim(),
        appositive: (before[2] ?? "").replace(/^\s*,|,$/g, "").trim(),
      });
    const after = LISTENING_VERB.test(m[0])
      ? null
      : SUBJECT_AFTER_VERB.exec(prose.slice(at + m[0].length, at + m[0].length + 80));
    // The sentence's full stop is not part of the name.
    if (after && termsOf(after[1]!).names.length > 0)
      subjects.push({ name: after[1]!.replace(/\.$/, ""), appositive: "" });
  }
  return subjects;
}
