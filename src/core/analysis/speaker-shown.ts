import type { Speaker } from "./attribution.js";
import { DETERMINERS } from "./clause-subject.js";
import { ROLE_NOUNS } from "./lexicon.js";

// How a quote's speaker is written out: its role from the appositive beside the name, and a
// description in the case it takes mid-sentence.

/**
 * A description keeps the capital of the sentence it opened ("One senior Biden adviser said");
 * shown after a quote it is mid-sentence: "one senior Biden adviser". Names keep theirs ("The
 * Washington Post" is an organisation, not a description).
 */
export function shownName(speaker: Speaker): string {
  if (speaker.kind !== "description") return speaker.name;
  const first = speaker.name.split(/\s/, 1)[0]!;
  // ("Voters in Ohio told us …": a role noun opening the sentence is lower-cased too.)
  return (DETERMINERS.test(first) || ROLE_NOUNS.has(first.toLowerCase())) && /^\p{Lu}\p{Ll}*$/u.test(first)
    ? first.toLowerCase() + speaker.name.slice(first.length)
    : speaker.name;
}

/**
 * "said Dana Whitfield, the general manager." / "Dana Whitfield, a spokeswoman for the city, said":
 * the appositive right after the speaker's name is their role. Only a determiner-led noun phrase of
 * a few words with no verb-like or quoted material, so clauses ("…, who has …") never become roles.
 */
const APPOSITIVE_ROLE =
  /^,\s+((?:the|a|an|its|his|her|their)\s+[^,.;:!?"\u201C\u201D()]{2,70}?)\s*(?=[,.;:]|$)/iu;
const NOT_A_ROLE =
  /\b(?:said|says|told|added|who|which|that|is|was|were|are|has|have|had|will|would|and|but|when|after|before)\b/i;

// "Anthony Fauci, director of the National Institute …": a role noun with its "of" phrase, no article.
const BARE_ROLE =
  /^,\s+((?:(?:former|deputy|senior|acting|interim|executive|managing)\s+)?(\p{Ll}+)\s+(?:of|at|for)\s+[^,.;:!?"\u201C\u201D()]{2,80}?)\s*(?=[,.;:]|$)/u;

export function appositiveRole(text: string, after: number): string | undefined {
  const window = text.slice(after, after + 110);
  const bare = BARE_ROLE.exec(window);
  // (An institution's name may hold "and": "… of Allergy and Infectious Diseases".)
  if (bare && ROLE_NOUNS.has(bare[2]!) && !NOT_A_ROLE.test(bare[1]!.replace(/\band\b/g, "")))
    return bare[1]!.trim();
  const m = APPOSITIVE_ROLE.exec(window.slice(0, 90));
  if (!m) return undefined;
  const role = m[1]!.trim();
  if (NOT_A_ROLE.test(role) || role.split(/\s+/).length > 10) return undefined;
  return role.replace(/^the\s+/i, "");
}
