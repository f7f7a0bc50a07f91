import type { Speaker } from "./attribution.js";
import type { SpeakerPhrase } from "./attribution-phrases.js";

// How sure an attribution is follows from the evidence for it, never from who the speaker is.

/** A quote's speaker and how it was found. */
export interface Attribution {
  speaker: Speaker;
  evidence: Evidence;
}

/** How a quote's speaker was found: the evidence its confidence is computed from. */
export type Evidence =
  | `${SpeakerPhrase["side"]}-${"named" | "pronoun" | "pronoun-clear" | "linked"}`
  | "transcript"
  | "sentence-subject"
  | "sentence-mention"
  | "signature"
  | "continuation"
  | "none";

const PRONOUN_PHRASE = /^(?:(?:and|but|so|as|while|when)\s+)?(?:he|she|they|him|her|it)(?:self|selves)?\b/i;

export function phraseEvidence(phrase: SpeakerPhrase, speaker: Speaker): Evidence {
  const p = phrase.phrase.trim();
  if (PRONOUN_PHRASE.test(p))
    return clearAntecedent(speaker) ? `${phrase.side}-pronoun-clear` : `${phrase.side}-pronoun`;
  // "the adviser" linked back to a name is weaker — but "the mayor's spokesman Luis Reyes" names him.
  // (The name must head the phrase: "the Trump campaign" is not Trump.)
  const named = p.replace(/[\s,.]+$/, "").endsWith(speaker.name.split(/\s+/).at(-1) ?? speaker.name);
  if (/^the\s/i.test(p) && !named && !speaker.name.toLowerCase().startsWith("the "))
    return `${phrase.side}-linked`;
  return `${phrase.side}-named`;
}

/**
 * Only a speech verb whose subject names the speaker beside the quote (or an earlier quote of the
 * same paragraph attributed that way) is strong evidence, a pronoun whose antecedent is the
 * sentence just before with no rival near it, and a partial quote inside the paraphrase of its
 * sentence's subject ("Santilli expressed a desire to "…""). Measured on quotes-dev, named speakers
 * are wrong 1–7 % of the time, such pronouns 11 % tuned / 9 % held out (every tuned one the gold's
 * own convention or slip: a description such as "the actress" for the name, a widow's words
 * credited to her late husband), subjects of the quote's sentence 0 of 17; other pronouns resolved
 * back (22–35 %), descriptions linked back, names merely mentioned in the sentence and continuation
 * paragraphs (24–39 %) are guesses.
 */
const STRONG_EVIDENCE = new Set<Evidence>([
  "right-named",
  "left-named",
  "transcript",
  "right-pronoun-clear",
  "left-pronoun-clear",
  "sentence-subject",
]);

/**
 * "Paul Cole thanked the crews. "…," he said." — the antecedent is one sentence back and leads every
 * other candidate by two points or more (another would have to be two sentences nearer, or the
 * subject where it is not).
 */
function clearAntecedent(speaker: Speaker): boolean {
  return speaker.sentencesBack === 1 && (speaker.lead ?? 0) >= 2;
}

export function confidenceOf(evidence: Evidence): "high" | "low" {
  return STRONG_EVIDENCE.has(evidence) ? "high" : "low";
}
