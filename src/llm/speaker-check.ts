import { FEMALE_NAMES, MALE_NAMES } from "../core/analysis/lexicon.js";
import type { Entity, PreparedText, Quote } from "../core/types.js";
import { contentStems, STOPWORDS, stemOf, wordsOf } from "./words.js";

/**
 * Is the model's speaker for a quote supported by the article? Three rules, in order:
 * 1. named or described in the article at all (every name word, most description words);
 * 2. mentioned near the quote (the article names speakers next to their words);
 * 3. not contradicted: when the quote's own sentence names another speaker (the one the
 *    deterministic engine found) and not the model's, the model misattributed it.
 */

const PRONOUNS = new Set(["he", "she", "they", "i", "we", "him", "her", "them", "it", "you", "his", "hers"]);
const HONORIFICS = new Set(
  "mr mrs ms miss dr sen rep gov gen lt col sgt prof rev jr sr ii iii sir dame lord".split(" "),
);

/** How far from the quote (in sentences) the speaker must be mentioned. */
const NEAR_BEFORE = 4;
const NEAR_AFTER = 2;
const NEAR_BEFORE_PRONOUN = 8;

export type SpeakerVerdict = "ok" | "pronoun" | "not-in-article" | "not-near-quote" | "contradicted";

interface SpeakerTerms {
  /** Capitalised words of a name ("Joe", "Biden"): must occur exactly. */
  names: string[];
  /** Stems of the other content words ("senior", "official"). */
  description: string[];
}

function termsOf(speaker: string): SpeakerTerms {
  const names: string[] = [];
  const rest: string[] = [];
  // "Jeff Weaver, Sanders' campaign manager": the names of an appositive describe the speaker, they
  // are not the speaker's own (the head before the comma is, when it holds a name).
  const [head, ...appositive] = speaker.split(",");
  const headHasName = /(?:^|\s)\p{Lu}/u.test(head!.trim());
  for (const raw of appositive.join(" ").split(/\s+/)) {
    if (!headHasName) break;
    const word = wordsOf(raw).join("");
    if (word && !/^\p{Lu}/u.test(raw) && !STOPWORDS.has(word)) rest.push(...contentStems(raw));
  }
  for (const raw of (headHasName ? head! : speaker).split(/[\s,]+/)) {
    const word = wordsOf(raw).join("");
    if (!word || HONORIFICS.has(word) || STOPWORDS.has(word)) continue;
    if (/^\p{Lu}/u.test(raw)) names.push(word);
    else rest.push(...contentStems(raw));
  }
  return { names, description: rest };
}

function sentenceRange(prepared: PreparedText, from: number, to: number): string {
  const first = Math.max(0, from);
  const last = Math.min(prepared.sentences.length - 1, to);
  if (last < first) return "";
  return prepared.text.slice(prepared.sentences[first].start, prepared.sentences[last].end);
}

function mentions(text: string, terms: SpeakerTerms, all: boolean): boolean {
  const words = new Set(wordsOf(text));
  const stems = new Set(contentStems(text));
  const nameHits = terms.names.filter((n) => words.has(n)).length;
  const descHits = terms.description.filter((d) => stems.has(d)).length;
  if (all) {
    const needDesc = Math.ceil(terms.description.length * 0.75);
    return nameHits === terms.names.length && descHits >= needDesc && nameHits + descHits > 0;
  }
  // Near the quote one distinctive word is enough ("Kirby said", "the official added").
  return nameHits > 0 || (terms.names.length === 0 && descHits > 0);
}

/** The speaker's words plus the aliases and role of the entity it names, for nearby mentions. */
function widen(terms: SpeakerTerms, entities: Entity[]): SpeakerTerms {
  const entity = entities.find((e) => {
    const forms = [e.name, ...e.aliases].map((f) => wordsOf(f));
    return forms.some((f) => terms.names.length > 0 && terms.names.every((n) => f.includes(n)));
  });
  if (!entity) return terms;
  const extra = termsOf([entity.name, ...entity.aliases].join(" "));
  const role = entity.role ? contentStems(entity.role) : [];
  return {
    names: [...new Set([...terms.names, ...extra.names])],
    description: [...new Set([...terms.description, ...role])],
  };
}

export function checkSpeaker(
  prepared: PreparedText,
  speaker: string | null,
  span: { start: number; end: number; firstSentence: number; lastSentence: number },
  entities: Entity[],
  extractiveQuotes: Quote[],
): SpeakerVerdict {
  if (speaker === null || speaker.trim() === "") return "ok";
  const speakerWords = wordsOf(speaker);
  if (speakerWords.length > 0 && speakerWords.every((w) => PRONOUNS.has(w))) return "pronoun";
  const terms = termsOf(speaker);
  if (terms.names.length === 0 && terms.description.length === 0) return "not-in-article";
  if (!mentions(prepared.text, terms, true)) return "not-in-article";

  const wide = widen(terms, entities);
  const own = sentenceRange(prepared, span.firstSentence, span.lastSentence);
  const ownWithoutQuote = own.replace(prepared.text.slice(span.start, span.end), " ");
  // "…," he said: the name may be several sentences back, where the pronoun chain starts.
  const before = PRONOUN_ATTRIBUTION.test(ownWithoutQuote) ? NEAR_BEFORE_PRONOUN : NEAR_BEFORE;
  const near = sentenceRange(prepared, span.firstSentence - before, span.lastSentence + NEAR_AFTER);
  if (!mentions(near, wide, false)) return "not-near-quote";

  // The words right around the quote credit someone: "…," said Mark Evans / Trump told a rally, "…".
  const credited = adjacentCredit(prepared, span);
  if (credited.length > 0) return credited.some((name) => sameSpeaker(name, wide)) ? "ok" : "contradicted";
  const rival = extractiveQuotes.find(
    (q) => q.speaker && q.start < span.end && span.start < q.end && !sameSpeaker(q.speaker, wide),
  );
  // The deterministic engine found a speech verb naming someone else beside these very words: the
  // same strong evidence that makes its own attribution "high" outranks the model. (A pronoun the
  // engine resolved to the sentence before is weighed like any pronoun, below.)
  const rivalNamedHere = rival?.speaker ? mentions(ownWithoutQuote, termsOf(rival.speaker), false) : false;
  const pronounHere = PRONOUN_ATTRIBUTION.test(ownWithoutQuote);
  if (rival?.speakerConfidence === "high" && (rivalNamedHere || !pronounHere)) return "contradicted";
  // `She had a great line when she said, "…"`: the pronoun that credits the quote must fit.
  if (pronounDisagrees(ownWithoutQuote, speaker, wide)) return "contradicted";
  if (mentions(ownWithoutQuote, wide, false)) return "ok";
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
  return "ok";
}

/** "he said" next to the quote for a speaker known to be a woman, or "she said" for a man. */
function pronounDisagrees(own: string, speaker: string, terms: SpeakerTerms): boolean {
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

const PRONOUN_ATTRIBUTION = new RegExp(
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

/**
 * Capitalised names the words adjacent to the quote credit with it. Only the stretch between the
 * quote and the sentence edge is read, so a name mentioned elsewhere in the sentence ("he told
 * Clinton", "said of Trump") is never taken for the speaker.
 */
function adjacentCredit(
  prepared: PreparedText,
  span: { start: number; end: number; firstSentence: number; lastSentence: number },
): string[] {
  const sentenceStart = prepared.sentences[span.firstSentence]?.start ?? 0;
  const sentenceEnd = prepared.sentences[span.lastSentence]?.end ?? prepared.text.length;
  const after = prepared.text.slice(span.end, Math.min(sentenceEnd, span.end + 120));
  const before = prepared.text.slice(Math.max(sentenceStart, span.start - 160), span.start);
  const names: string[] = [];
  const a = AFTER_QUOTE.exec(after);
  const b = BEFORE_QUOTE.exec(before);
  for (const found of [a?.[1], a?.[2], b?.[1]]) {
    if (found && termsOf(found).names.length > 0) names.push(found.trim());
  }
  return names;
}

function sameSpeaker(other: string, terms: SpeakerTerms): boolean {
  const o = termsOf(other);
  const mine = new Set([...terms.names.map(stemOf), ...terms.description]);
  return [...o.names.map(stemOf), ...o.description].some((w) => mine.has(w));
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
  const terms = termsOf(speaker);
  const agreeing = extractiveQuotes.find(
    (q) =>
      q.speaker &&
      q.speakerConfidence === "high" &&
      q.start < span.end &&
      span.start < q.end &&
      sameSpeaker(q.speaker, terms),
  );
  return agreeing ? "high" : "low";
}
