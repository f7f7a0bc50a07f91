import { BARE_NAME, DETERMINERS, nameBeforeAppositive, PARTY_TAG } from "./clause-subject.js";
import { PERSON_PRONOUNS, PLACES, ROLE_NOUNS } from "./lexicon.js";

// The noun phrase that names a speaker next to a speech verb: word shapes shared by the phrase
// finders (attribution-phrases.ts), and the subject that ends the text before a verb.

// Words keep inner periods ("U.S.") and apostrophes but not a sentence-final period.
export const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}'-]|\.(?=[\p{L}\p{N}]))*/gu;
// Words that end a noun phrase read after a verb ("said Paul Ryan in a statement").
export const NP_STOP = new Set(
  "of in at on to during when after before who which that as while with from for about by via told said and but or because if than though although since was were is are has have had would will could".split(
    " ",
  ),
);
// Adverbs and auxiliaries that may sit between a subject and its speech verb (lowercase: "Kelly",
// "Connolly" and "Daly" are names).
export const BETWEEN =
  /^(?:\p{Ll}+ly|also|however|though|meanwhile|instead|too|nevertheless|himself|herself|later|then|once|previously|again|still|has|have|had|would|will|later|had|recently|often|repeatedly|already|simply|just|flatly|finally|first|last|not|never)$/u;
/** The subject noun phrase that ends `s` (before a speech verb), skipping an appositive ", …,". */
export function subjectBefore(s: string, nested = false): { text: string; at: number } | null {
  let end = s.replace(/\s+$/, "").length;
  let t = s.slice(0, end);
  // Adverbs/auxiliaries right before the verb.
  for (;;) {
    const m = t.match(/(\s|^)([\p{L}]+)$/u);
    if (m && BETWEEN.test(m[2]) && !/^\p{Lu}/u.test(m[2])) {
      end -= m[2].length;
      t = t.slice(0, end).replace(/\s+$/, "");
      end = t.length;
    } else break;
  }
  // Party labels and other parentheticals: "Gov. John Kasich (R-OH)".
  t = t.replace(/\s*\([^()]{0,40}\)/g, "");
  // Appositive: "Biden, preparing to board Air Force One," → "Biden"; but in "…, Gov. John Kasich,"
  // the name is the part between the commas.
  const between = t.endsWith(",") ? t.slice(t.lastIndexOf(",", t.length - 2) + 1, -1).trim() : "";
  const placeOnly = between.split(/\s+/).every((w) => PLACES.has(w));
  const named =
    BARE_NAME.test(between) && !PARTY_TAG.test(between) && !placeOnly ? null : nameBeforeAppositive(t);
  if (named !== null) t = named;
  else if (t.endsWith(",")) {
    const inner = t.slice(0, -1);
    const comma = inner.lastIndexOf(",");
    const between = comma > 0 ? inner.slice(comma + 1).trim() : "";
    if (between && /^(?:\p{Lu}[\p{L}'’.-]*\s*){1,5}$/u.test(between)) t = between;
    else if (comma > 0 && inner.length - comma < 90) t = inner.slice(0, comma);
    else t = inner;
  }
  const words = [...t.matchAll(WORD)];
  if (words.length === 0) return null;
  const last = words[words.length - 1][0];
  if (PERSON_PRONOUNS.has(last) || /^(I|we|We|you|it|It)$/.test(last)) {
    return { text: last, at: words[words.length - 1].index ?? 0 };
  }
  // "a tweet from Rikkie Wells who tweeted": the relative pronoun's noun phrase is the subject — a
  // name right before it (one level only, as the participle case below).
  if (last === "who" && !nested && words.length >= 2) {
    const head = subjectBefore(t.slice(0, words[words.length - 1].index), true);
    if (head && /^\p{Lu}/u.test(head.text)) return head;
  }
  // Walk back over the noun phrase: capitalised words, lowercase modifiers, up to a determiner.
  let i = words.length - 1;
  let start = i;
  let sawCapital = /^\p{Lu}/u.test(last);
  while (i >= 0 && words.length - i <= 10) {
    const w = words[i][0];
    const gap = i < words.length - 1 ? t.slice((words[i].index ?? 0) + w.length, words[i + 1].index) : "";
    if (i < words.length - 1 && /[,;:()"]/.test(gap)) break;
    // "Voters in Ohio", "residents of Flint": where a described group is from belongs to it.
    if (
      sawCapital &&
      i > 0 &&
      /^(?:in|from|of|at)$/.test(w) &&
      PLACES.has(words[i + 1]?.[0] ?? "") &&
      ROLE_NOUNS.has(words[i - 1]![0].toLowerCase())
    ) {
      start = i;
      i--;
      continue;
    }
    // "Tom Hale of Ohio", "Secretary of State Antony Blinken", "Chairman of the Joint Chiefs Mark
    // Milley": an "of" between capitalised words is inside the subject.
    if (sawCapital && i > 0 && /^\p{Lu}/u.test(words[i + 1]?.[0] ?? "") && ofBetweenCapitals(words, i)) {
      start = i;
      i--;
      continue;
    }
    if (DETERMINERS.test(w)) {
      start = i;
      break;
    }
    if (/^\p{Lu}/u.test(w)) sawCapital = true;
    else if (NP_STOP.has(w.toLowerCase()) || /ing$|ed$/.test(w)) break;
    start = i;
    i--;
  }
  if (!sawCapital && !DETERMINERS.test(words[start][0])) {
    // A bare lowercase noun ("officials said") is still a description; other lowercase words are not.
    if (words.length - start > 4) return null;
    if (!ROLE_NOUNS.has(words[words.length - 1][0].toLowerCase())) return null;
  }
  if (DETERMINERS.test(words[start][0]) && start === words.length - 1) return null;
  // "A letter … obtained by The Associated Press warns", "Another source speaking to Fox News said":
  // the name after a participle and its preposition is inside the subject; its head speaks.
  const participle = words[start - 2]?.[0] ?? "";
  // (One level only: a run of such phrases must not cost a pass each.)
  if (!nested && start >= 2 && PARTICIPLE_LINK.test(words[start - 1]![0]) && /(?:ed|ing)$/.test(participle)) {
    const head = subjectBefore(t.slice(0, words[start - 2]!.index), true);
    if (head) return head;
  }
  // "someone in the audience", "one of his aides": the pronoun heads the phrase.
  if (
    start >= 2 &&
    /^(?:in|of|from|at|on)$/.test(words[start - 1]![0]) &&
    PARTITIVE.test(words[start - 2]![0])
  )
    start -= 2;
  const at = words[start].index ?? 0;
  return { text: t.slice(at).trim(), at };
}

const PARTITIVE = /^(?:someone|somebody|anyone|one|many|some|several|most|all|none|each|two|three|few)$/i;
const PARTICIPLE_LINK = /^(?:by|to|with|for)$/;

/** Is words[i] the "of" (or the "the" of "of the") of `Capital of [the] Capital`? */
function ofBetweenCapitals(words: RegExpMatchArray[], i: number): boolean {
  const w = words[i]![0];
  const before = (j: number) => /^\p{Lu}/u.test(words[j]?.[0] ?? "");
  if (w === "of" || w === "from") return before(i - 1);
  return w === "the" && words[i - 1]?.[0] === "of" && before(i - 2);
}
