import { NOT_NAMES, PERSON_PRONOUNS, ROLE_NOUNS, SOURCE_NOUNS } from "./lexicon.js";

/**
 * Who a clause is about: the subject that opens it ("Rubio fired back forcefully:"), the bare name in
 * front of an appositive ("James Zogby, a Sanders superdelegate …,"), and whether a phrase can name a
 * speaker at all. Shared by the phrase finders in attribution-phrases.ts.
 */

export interface SpeakerPhrase {
  phrase: string;
  /** Offset of the phrase in the text. */
  at: number;
  /** Where it was found: right after the quote, left of it, or elsewhere in the sentence. */
  side: "right" | "left" | "sentence";
}

export const DETERMINERS =
  /^(a|an|the|one|another|two|three|several|some|many|most|other|his|her|their|its|our|this|that|these|those)$/i;

// What opens an appositive: a determiner, a relative pronoun, a party tag ("R-Wis."), an age, or a
// lowercase role ("president and CEO of …").
export const APPOSITIVE_OPENER =
  /^(?:(?:a|an|the|one|another|who|whose|which|his|her|their|its)\s|[RDI]-[A-Z]|\d|\p{Ll})/u;
// Openers that continue a list or start a clause instead ("Obama, Clinton, and other Democrats want").
export const NOT_APPOSITIVE = /^(?:and|or|but|nor|so|then|he|she|they|it|we|i|you)\b/;
export const PARTY_TAG = /^[RDI]-[A-Z]/;
// A bare name, titles included ("Sen. Ron Johnson", "James Zogby", "Levine").
export const BARE_NAME = /^(?:\p{Lu}[\p{L}'’.-]*\s+){0,5}\p{Lu}[\p{L}'’-]*$/u;

/**
 * "James Zogby, a Sanders superdelegate … and the president of the Arab American Institute," /
 * "Anthony Anton, president and CEO of Washington Restaurant Association" / "Of Carson, Levine, who
 * has given money to Marco Rubio," — however long the appositive, and whatever names it holds, the
 * speaker is the bare name in front of it. Returns the text up to that name, or null.
 */
export function nameBeforeAppositive(t: string): string | null {
  const closed = /,\s*$/.test(t);
  const segments = t.replace(/,\s*$/, "").split(",");
  let at = 0;
  let found: string | null = null;
  // Without a closing comma only "Name, lowercase role … said" at the start of the clause counts;
  // "In Hudson, New Hampshire Monday, the Christie supporter retorted" is a subject after a phrase.
  const last = closed ? segments.length - 1 : 1;
  for (let i = 0; i < last; i++) {
    at += segments[i].length + 1;
    const head = segments[i].trim();
    const tail = segments
      .slice(i + 1)
      .join(",")
      .trim();
    if (!BARE_NAME.test(head) || NOT_NAMES.has(head) || /^\p{Lu}{1,3}$/u.test(head)) continue;
    if (PARTY_TAG.test(head) || !APPOSITIVE_OPENER.test(tail) || NOT_APPOSITIVE.test(tail)) continue;
    if (!closed && !/^\p{Ll}/u.test(tail)) continue;
    // (A full name opening the clause may take "the …" too: "Sam Lau, the communications director … said".)
    if (
      !closed &&
      /^(?:a|an|the|one|another|who|whose|which|his|her|their|its)\s/.test(tail) &&
      !(i === 0 && head.includes(" "))
    )
      continue;
    // The nearest name in front of an appositive: "Of Carson, Levine, who …" → Levine.
    found = t.slice(0, at - 1);
  }
  return found;
}

// Who can open a clause: a name, a pronoun, a description, or "His office"-like speakers.
const SUBJECT_PATTERN = String.raw`(?:(?:the|a|an|one|another)\s+)?(?:[A-Z][\p{L}'’.-]*\s+){0,2}(?:[a-z][\p{L}-]*\s+){0,3}(?:[A-Z][\p{L}'’.-]*\s+){0,4}[A-Z][\p{L}'’.-]*|(?:he|she|they|He|She|They)|(?:[Tt]he|[Aa]n?|[Oo]ne)\s+(?:[\p{L}'’-]+\s+){0,4}?[\p{L}'’-]+|(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|\p{Lu}[\p{L}-]+['’]s?)\s+(?:[a-z][\p{L}-]*\s+)?(?:campaign|office|team|staff|spokesman|spokeswoman|spokesperson|statement|email|letter|website|ad|aides?|lawyers?|attorneys?)`;

/**
 * The subject at the start of the clause: a name ("Hillary Clinton immediately posted …, saying"),
 * a pronoun, or a description ("The email goes on to say").
 */
export function mainClauseSubject(s: string, offset: number): SpeakerPhrase | null {
  // Only the sentence's opening and its last stretch are read (the whole of any sentence up to
  // twice READ_AROUND): a 2 MB sentence with a quote every few words is read for each quote, and
  // the subject is never further from either end than a few words.
  const long = s.length > 2 * READ_AROUND;
  const text = blankTags(long ? s.slice(0, READ_AROUND) : s);
  const tailAt = long ? s.length - READ_AROUND : 0;
  const tail = long ? blankTags(s.slice(tailAt)) : text;
  // The clause nearest the quote speaks: after a comma ("When Trump suggested …, Rubio fired back:",
  // "…appeared Sunday, West landed"), else the sentence from its start.
  const inTail = tail.lastIndexOf(", ");
  const comma = inTail >= 0 ? tailAt + inTail : -1;
  let base = comma >= 0 ? comma + 2 : 0;
  let m = comma >= 0 ? tail.slice(base - tailAt).match(CLAUSE_SUBJECT) : null;
  // "…, but now said Trump had": a clause that already has its verb names its object, not a subject;
  // the sentence's own subject speaks ("Thomas Massie used to …, but now said Trump had …").
  if (m && clauseBeforeName(m[1]!)) m = null;
  if (!m) {
    base = 0;
    m = text.match(CLAUSE_SUBJECT);
    if (m && clauseBeforeName(m[1]!)) m = text.match(OPENING_SUBJECT);
    if (!m) return null;
  }
  const phrase = m[1].replace(/[’']s$/, "");
  if (
    /^(The|A|An|It|This|That|There|In|On|At|But|And)$/.test(phrase) ||
    !plausibleSpeaker(phrase) ||
    // "Last year", "Several": sentence openers, not speakers.
    (phrase.split(/\s+/).every((w) => NOT_NAMES.has(w) || /^\p{Ll}/u.test(w)) &&
      !/^(he|she|they|He|She|They)$/.test(phrase) &&
      !ROLE_NOUNS.has(phrase.split(/\s+/).pop()?.toLowerCase() ?? "") &&
      !SOURCE_NOUNS.has(phrase.split(/\s+/).pop()?.toLowerCase() ?? ""))
  )
    return null;
  return { phrase, at: offset + base + (m.index ?? 0) + m[0].length - m[1].length, side: "sentence" };
}

/** How much of a long sentence's opening, and of its end, a clause subject is looked for in. */
const READ_AROUND = 2000;

/**
 * Party tags and parentheticals are blanked (same length, so offsets hold): "Mitch McConnell,
 * R-Ky., delivered a blunt message:" reads as "Mitch McConnell delivered a blunt message:".
 */
function blankTags(s: string): string {
  return s.replace(/,\s*[RDI]-[A-Z][\p{L}.]*,|\([^()]{0,40}\)/gu, (x) => " ".repeat(x.length));
}

// Lowercase words that show a clause with its own verb before the capitalised words ("but now said
// Trump"), never a subject's modifiers.
const CLAUSE_BEFORE_NAME = new Set(
  "said says told tells added asked wrote claimed argued noted insisted warned and but or so yet".split(" "),
);

function clauseBeforeName(phrase: string): boolean {
  const lower = phrase.split(/\s+/).filter((w) => /^\p{Ll}/u.test(w));
  return lower.some((w) => CLAUSE_BEFORE_NAME.has(w));
}

// Verbs a clause subject may stand before: regular past and present forms, and common irregular ones.
const CLAUSE_VERB =
  "[a-z]+(?:ed|es|s)|has|had|have|was|is|are|were|will|would|goes|went|took|put|wrote|said|sent|made|gave|told|shot|fired|hit|struck|spoke|came|began|kept|got|let|set|ran|stood|brought|thought|felt|left|held|read|led|met|paid|sat|won|lost|threw|drew|saw|knew|grew|fought|sought|taught|rose|broke|chose";
const CLAUSE_SUBJECT = new RegExp(
  `^(?:[^,"]{1,80},\\s*)?(${SUBJECT_PATTERN})(?=\\s+(?:[a-z]+ly\\s+)?(?:${CLAUSE_VERB})\\b)`,
  "u",
);

// The subject that opens the sentence itself, with no lead-in clause before it.
const OPENING_SUBJECT = new RegExp(
  `^(${SUBJECT_PATTERN})(?=\\s+(?:[a-z]+ly\\s+)?(?:${CLAUSE_VERB})\\b)`,
  "u",
);

/** A speaker phrase names someone: a capitalised name, a pronoun, or a noun phrase with a determiner. */
export function plausibleSpeaker(phrase: string): boolean {
  const p = phrase.trim();
  if (/^(and|but|or|so|then|now|also|as|if|when|while|because|though|although)$/i.test(p)) return false;
  if (/[()]/.test(p)) return false;
  if (/\p{Lu}/u.test(p[0] ?? "") || /(^|\s)\p{Lu}/u.test(p)) return true;
  if (PERSON_PRONOUNS.has(p) || p === "it") return true;
  const words = p.split(/\s+/);
  return DETERMINERS.test(words[0]) || ROLE_NOUNS.has(words[words.length - 1].toLowerCase());
}
