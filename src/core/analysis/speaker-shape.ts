// A speaker is a well-formed answer or none: a phrase next to a quote that reads as a clause or a
// fragment names nobody, and showing it would be worse than showing no speaker.

// Opens like a clause ("what we should", "how he put it").
const CLAUSE_OPENER = /^(?:what|whom?|how|why|where|when|which|whether|if)\s/i;
// Holds a pronoun with its verb ("we should").
const PRONOUN_CLAUSE =
  /\b(?:i|we|you|he|she|they|it)\s+(?:should|would|could|can|will|must|might|may|shall|do|does|did|have|has|had|am|are|is|was|were)\b/i;
// Opens with a preposition ("against the Brady law"): a phrase's complement, not its subject.
const PREPOSITION_OPENER =
  /^(?:against|for|of|in|on|at|with|without|by|from|to|into|onto|about|over|under|after|before|during|between|among|toward|towards|through|despite)\s/i;
// Ends with an auxiliary or modal ("polls did", "a quarter of the committee can"): a clause cut
// before its verb. (In lowercase only: "George Will" and "Theresa May" end with surnames.)
const AUXILIARY_CLOSER =
  /\s(?:can|could|did|does|do|will|would|should|shall|may|might|must|has|have|had|is|are|was|were|been|be)$/;
// A description led by a determiner may carry a relative clause with a pronoun and its verb ("an
// aide who said he would …").
const DETERMINER_LED = /^(?:a|an|the|one|another|some|several)\s/i;

/**
 * "Ed Krayewski may": an auxiliary after a name is the start of the clause it opens, not part of
 * the name (a fragment ending in one is left for notASpeaker).
 */
export function withoutTrailingAuxiliary(phrase: string): string {
  const cut = phrase.replace(AUXILIARY_CLOSER, "");
  // (Only the phrase's last word is looked at, so a long phrase costs no more than a short one.)
  const kept = cut !== phrase && /(?:^|\s)\p{Lu}[\p{L}'’.-]*$/u.test(cut.slice(-60)) ? cut : phrase;
  // "the authors of the": a phrase cut off after its function words ends before them.
  // (Lower-case only: "Al From" is a name.)
  const trimmed = kept.replace(DANGLING_WORDS, "");
  return trimmed === kept ? kept : withoutTrailingPunctuation(trimmed);
}

/** `s` less its trailing spaces, commas and semicolons, read from the end (a regex ending in `+$` retries from every earlier one of them). */
function withoutTrailingPunctuation(s: string): string {
  let end = s.length;
  while (end > 0 && /[\s,;]/.test(s[end - 1]!)) end--;
  return s.slice(0, end);
}

// Function words a noun phrase never ends with (one to three of them, each word read once).
const DANGLING_WORDS = /(?:\s+(?:of|the|a|an|and|or|for|with|to|from|by|at|in|on)){1,3}$/;

/** Whether the phrase next to a quote is a clause or a fragment rather than someone's name or description. */
export function notASpeaker(phrase: string): boolean {
  const p = phrase.trim();
  if (PREPOSITION_OPENER.test(p) || AUXILIARY_CLOSER.test(p)) return true;
  // (A name after the clause word still names its subject: "When Trump".)
  if (/\s\p{Lu}/u.test(p)) return false;
  return CLAUSE_OPENER.test(p) || (!DETERMINER_LED.test(p) && PRONOUN_CLAUSE.test(p));
}
