import type { IndexedQuote, StoryIndex } from "./story-index.js";
import { foldText, words } from "./tokens.js";

/**
 * "What did Kirby say?": the quotes whose speaker matches a name or a description. A surname, a
 * full name or a description ("the spokesperson", "an official") all work; the brief's entities
 * add aliases and roles ("Bibi" for Benjamin Netanyahu, "national security adviser").
 */

export interface SpeakerQuote {
  quote: string;
  speaker: string;
  role?: string;
  speakerConfidence?: "high" | "low";
  storyId: string;
  sentence: number;
}

// Words that do not tell speakers apart.
const FILLER = new Set(
  "the a an what did does do say said has have had about from by of mr mrs ms dr quotes quote statements".split(
    " ",
  ),
);
// Different words for the same kind of speaker.
const SAME_AS: Record<string, string> = {
  spokesman: "spokesperson",
  spokeswoman: "spokesperson",
  spokespeople: "spokesperson",
  advisor: "adviser",
  officials: "official",
  aides: "aide",
};

function speakerTerms(text: string): string[] {
  return words(text)
    .map((w) => SAME_AS[w] ?? w)
    .filter((w) => !FILLER.has(w));
}

/**
 * Every word a quote's speaker goes by (the speaker, its role, the matching entity's aliases), and
 * the head words among them: the last word of each form ("Biden" of "Joe Biden", "adviser" of "One
 * senior Biden adviser"), so that "Biden" finds Biden before his adviser.
 */
function namesOf(index: StoryIndex, q: IndexedQuote): { names: Set<string>; heads: Set<string> } {
  const names = new Set<string>();
  const heads = new Set<string>();
  const add = (s: string | undefined) => {
    const terms = speakerTerms(s ?? "");
    for (const w of terms) names.add(w);
    if (terms.length) heads.add(terms[terms.length - 1]!);
  };
  add(q.speaker ?? "");
  add(q.role);
  const speaker = foldText(q.speaker ?? "");
  for (const e of index.entities) {
    if (e.type !== "person") continue;
    const forms = [e.name, ...e.aliases].map(foldText);
    if (forms.includes(speaker)) {
      for (const f of forms) add(f);
      add(e.role);
    }
  }
  return { names, heads };
}

/**
 * Quotes by the speaker a user names, in story order; empty when nobody in the story matches.
 * When some speakers match on their head word, only those are returned ("Biden" → Joe Biden, not
 * "a Biden adviser"); otherwise every speaker whose words include the request.
 */
export function quotesBySpeaker(indexes: StoryIndex | readonly StoryIndex[], who: string): SpeakerQuote[] {
  const list = Array.isArray(indexes) ? (indexes as readonly StoryIndex[]) : [indexes as StoryIndex];
  const wanted = speakerTerms(who);
  if (!wanted.length) return [];
  const headMatches: SpeakerQuote[] = [];
  const otherMatches: SpeakerQuote[] = [];
  for (const index of list) {
    for (const q of index.quotes) {
      if (!q.speaker) continue;
      const { names, heads } = namesOf(index, q);
      if (!wanted.every((w) => names.has(w))) continue;
      const out = wanted.some((w) => heads.has(w)) ? headMatches : otherMatches;
      out.push({
        quote: q.quote,
        speaker: q.speaker,
        ...(q.role ? { role: q.role } : {}),
        ...(q.speakerConfidence ? { speakerConfidence: q.speakerConfidence } : {}),
        storyId: index.storyId,
        sentence: q.sentence,
      });
    }
  }
  return headMatches.length ? headMatches : otherMatches;
}
