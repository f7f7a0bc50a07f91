/**
 * Turning a hedged statement into a question: finding the subject before a cue, the verb phrase
 * after it, and inverting "X will/could/is …" into "Will/Could/Is X …?". Pattern-based on purpose —
 * no parser — so every helper backs off (returns undefined) when the shape is not clean.
 */

/** Words that end a clause when scanning left for a subject. */
const LEFT_BOUNDARY =
  /(?:,(?!\d{3})|[;:()]|\s[-–—]{1,2}\s|\b(?:but|while|with|because|after|although|though|that|since|when|if|so|unless)\s|\band (?=(?:the|a|an|his|her|their|its) ))/gi;

/**
 * Where a verb phrase after a cue stops: punctuation (not the full stop of "Mr." or "U.S."), an
 * opening quotation mark, a dash, or a new clause.
 */
const RIGHT_BOUNDARY =
  /,(?!\d{3})|[;:()!?…]|(?<!\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Jr|Sr|Inc|Co|No|vs|Jan|Feb|Aug|Sept|Oct|Nov|Dec|[A-Z]))\.(?=\s|$)|\s["'“‘]{1,2}(?=\w)|\s[-–—]{1,2}\s|\s(?:but|while|although|though|because|as the|even as|amid)\s|\sand (?=(?:the|a|an|he|she|they|it|his|her|their|its) )|\s(?=(?:A|An|The) [a-z])/;

const PRONOUNS = new Set(["he", "she", "they", "it", "we", "i", "you", "this", "that", "there"]);
const LEADING_FUNCTION_WORDS = new Set([
  "the",
  "a",
  "an",
  "this",
  "these",
  "those",
  "its",
  "his",
  "her",
  "their",
  "our",
  "some",
  "any",
  "many",
  "most",
  "both",
  "each",
  "no",
  "all",
]);

export const MAX_PHRASE_WORDS = 28;

/** Finite verbs that mean the words before a cue are a clause, not a subject. */
const FINITE_VERB =
  /\b(?:said|says|say|told|tells|is|are|was|were|has|have|had|will|would|could|can|did|does|do|think|thinks|believe|believes|know|knows|admit|admits|admitted|insist|insists|claim|claims|hope|hopes|want|wants|mean|means|feel|feels|fear|fears|warn|warns|suggest|suggests|expect|expects|added|revealed|explained|worry|worries|argue|argues|predict|predicts|estimate|estimates|suspect|suspects|saw|made|took|gave|went|came|became|began|brought|thought|felt|kept|held|met|ran|paid|sent|spent|led|stood|heard|show|shows|found|finds|indicate|indicates|note|notes)\b|\b(?:there|here|it|that|what|who)['’]s\b|n't\b|(?<![-\w])[a-z]{2,}ed\b/i;

export function wordCount(s: string): number {
  const m = s.match(/\S+/g);
  return m ? m.length : 0;
}

/** Headline-style lines ("Here's Why Indiana Could Be …") are not prose to question. */
export function isTitleCase(text: string): boolean {
  const words = text.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  if (words.length < 4) return false;
  let capitalised = 0;
  for (const w of words) if (w[0] !== w[0].toLowerCase()) capitalised++;
  return capitalised / words.length > 0.6;
}

/** The noun phrase right before `index` in `text`, back to the previous clause boundary. */
export function subjectBefore(text: string, index: number): string | undefined {
  const left = text.slice(0, index);
  let start = 0;
  LEFT_BOUNDARY.lastIndex = 0;
  for (let m = LEFT_BOUNDARY.exec(left); m; m = LEFT_BOUNDARY.exec(left)) start = m.index + m[0].length;
  const subject = left
    .slice(start)
    .trim()
    .replace(/^["'“‘]+|["'”’]+$/g, "")
    .replace(/^(?:and|or|but|so|then)\s+/i, "");
  const n = wordCount(subject);
  if (n === 0 || n > 16) return undefined;
  // A subject carries no finite verb of its own ("officials said the US …" is not one).
  if (FINITE_VERB.test(subject)) return undefined;
  // Nor does it start like a clause fragment ("which …", "according to …", "having scored …").
  if (
    /^(?:which|who|whom|where|according|maybe|perhaps|now|then|in|on|at|for|from|by|to|of)\b/i.test(
      subject,
    ) ||
    /^[a-z]+ing\b/.test(subject) ||
    // A relative or embedded clause is not a subject ("a nominee who", "whether party insiders").
    /\b(?:who|whom|whose|which|whether)\b/i.test(subject) ||
    // A lone lower-case word lost its determiner to a boundary ("that number", "that night").
    /^[a-z]+$/.test(subject) ||
    // "the last one", "previous ones": the thing itself is in another sentence.
    /\b(?:one|ones)$/i.test(subject) ||
    // Headline debris glued into the sentence ("VERIZON TO BUY YAHOO …").
    (subject.match(/\b[A-Z]{2,}\b/g)?.length ?? 0) >= 3
  ) {
    return undefined;
  }
  // Pronouns other than a lone "he"/"she" (resolved later) mean we lack the real subject.
  if (
    /\b(?:i|we|you|me|us|what|they|them)\b/i.test(subject) ||
    (n > 1 && /\b(?:he|she|it)\b/i.test(subject))
  ) {
    return undefined;
  }
  return subject;
}

/** The phrase after `index` up to the end of its clause (undefined when empty or too long). */
export function phraseAfter(text: string, index: number): string | undefined {
  const right = text.slice(index);
  const m = RIGHT_BOUNDARY.exec(right);
  const phrase = (m ? right.slice(0, m.index) : right).trim().replace(/["'”’]+$/, "");
  const n = wordCount(phrase);
  if (n === 0 || n > MAX_PHRASE_WORDS) return undefined;
  return phrase;
}

/** "he", "She", "they'll", "it's": a personal pronoun, with or without a contraction. */
export function isPronoun(subject: string): boolean {
  return PRONOUNS.has(subject.toLowerCase().replace(/['’]\w+$/, ""));
}

/**
 * Lower-cases a sentence-initial word that is not a name, so it can sit inside a question:
 * "Talks to secure …" → "talks to secure …", but "Biden" stays. `properNouns` holds the words
 * the article capitalises mid-sentence.
 */
export function lowerIfCommon(phrase: string, properNouns: ReadonlySet<string>): string {
  const first = phrase.match(/^[\p{L}'’-]+/u)?.[0];
  if (!first || first === first.toLowerCase()) return phrase;
  if (first.length > 1 && first === first.toUpperCase()) return phrase; // acronyms: US, NATO
  const lower = first.toLowerCase();
  if (!LEADING_FUNCTION_WORDS.has(lower)) {
    if (properNouns.has(first)) return phrase;
    // Two capitalised words in a row are a name ("Lady Antebellum"), not a sentence start.
    if (/^\s+\p{Lu}/u.test(phrase.slice(first.length))) return phrase;
  }
  return lower + phrase.slice(first.length);
}

const AUXILIARIES = /\b(will|would|can|could|should|might|may|must|is|are|was|were|has|have|had)\b/i;

/**
 * Inverts a declarative clause around its first auxiliary: "the deal will pass" → "Will the deal
 * pass". Undefined when there is no auxiliary or the subject before it is not short and clean.
 */
export function invertClause(
  clause: string,
  resolvePronoun: (pronoun: string) => string | undefined = () => undefined,
): string | undefined {
  const m = AUXILIARIES.exec(clause);
  if (!m || m.index === 0) return undefined;
  let subject = clause.slice(0, m.index).trim();
  if (isPronoun(subject)) {
    const resolved = resolvePronoun(subject);
    if (!resolved) return undefined;
    subject = resolved;
  }
  const rest = clause.slice(m.index + m[0].length).trim();
  if (!rest || wordCount(subject) > 8 || /[,;:"]/.test(subject) || FINITE_VERB.test(subject))
    return undefined;
  let aux = m[1].toLowerCase();
  // "has any choice" is a main verb, not an auxiliary: only "has decided/been/…" inverts.
  if (
    /^ha[sdve]+$/.test(aux) &&
    !/^(?:not\s+)?(?:been|[a-z]+(?:ed|en)|got|made|done|said|had|won|lost|left|met|sent|spent|told|found|brought|bought|taught|held|kept|put|set|run|begun)\b/i.test(
      rest,
    )
  ) {
    return undefined;
  }
  let tail = rest;
  // "was not clear"-style negations read better as positive questions.
  if (/^not\b/i.test(tail)) tail = tail.replace(/^not\s+/i, "");
  if (aux === "would") aux = "will";
  return `${upperFirst(aux)} ${subject} ${tail}`;
}

export function upperFirst(s: string): string {
  return s.length ? s[0].toUpperCase() + s.slice(1) : s;
}

/** Final tidy-up: one space, no space before punctuation, exactly one question mark. */
export function asQuestion(s: string): string {
  const body = s
    .replace(/\s+/g, " ")
    .replace(/\s+([,;:])/g, "$1")
    .replace(/[\s.,;:!?]+$/, "")
    // A phrase cut at a boundary can end on a joining word: "… on the first ballot and".
    .replace(/(?:\s(?:and|or|but|to|of|in|on|at|for|with|the|a|an))+$/i, "")
    .trim();
  return `${upperFirst(body)}?`;
}

/** Capitalised words that occur after a lower-case word: the article's names (linear scan). */
export function collectProperNouns(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?<=[\p{Ll}\d,;] )\p{Lu}[\p{L}'’-]*/gu)) out.add(m[0]);
  return out;
}
