/**
 * Small word-level helpers for the grounding check. Kept local to src/llm so the check does not
 * depend on how other engines tokenise; the rules are deliberately simple and language-light.
 */

const STOPWORDS = new Set(
  (
    "a an the and or but if of to in on at by for with from as into onto about over under after before " +
    "is are was were be been being am do does did has have had having will would shall should can could " +
    "may might must not no nor so than then too very that this these those there here it its it's he she " +
    "they them his her their our we us you your i me my mine who whom whose which what when where why how " +
    "also just only more most some any all each both such own same other said says say told tell according " +
    "s t new one two up out"
  ).split(" "),
);

/** Lowercased words (letters and digits), accents folded. */
export function wordsOf(text: string): string[] {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/['\u2019]s\b/g, "")
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * A crude stem: the first five letters of a word. Paraphrases keep word roots ("elected",
 * "election") far more often than whole words, and a prefix stem never needs a dictionary.
 */
export function stemOf(word: string): string {
  return /^\d/.test(word) ? word : word.slice(0, 5);
}

/** Stemmed content words (stopwords and one-letter words removed), in order, with repeats. */
export function contentStems(text: string): string[] {
  return wordsOf(text)
    .filter((w) => w.length > 1 && !STOPWORDS.has(w))
    .map(stemOf);
}

const NUMBER_WORDS: Record<string, string> = Object.fromEntries(
  (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " +
    "seventeen eighteen nineteen twenty"
  )
    .split(" ")
    .map((w, i) => [w, String(i)])
    // "one" is far more often a pronoun or article ("no one", "one of them") than a count.
    .filter(([w]) => w !== "one")
    .concat(
      ["thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"].map((w, i) => [
        w,
        String(30 + 10 * i),
      ]),
    )
    .concat([
      ["dozen", "12"],
      ["hundred", "100"],
      ["thousand", "1000"],
      ["million", "million"],
      ["billion", "billion"],
    ]),
);

/**
 * Numbers in a text, written with digits ("2,300", "4.5") or words ("three", "million"), as
 * canonical strings ("three" and "3" are the same number).
 */
export function numbersOf(text: string): string[] {
  const digits = (text.match(/\d[\d,.]*\d|\d/g) ?? []).map((n) => n.replace(/,(?=\d{3}\b)/g, ""));
  const words = wordsOf(text)
    .map((w) => NUMBER_WORDS[w])
    .filter((n): n is string => n !== undefined);
  return [...digits, ...words];
}

/** Share of `claim`'s content stems that occur in `source` (1 when the claim has none). */
export function contentCoverage(claim: string, source: string): { share: number; shared: number } {
  const claimStems = [...new Set(contentStems(claim))];
  if (claimStems.length === 0) return { share: 1, shared: 0 };
  const sourceStems = new Set(contentStems(source));
  const shared = claimStems.filter((s) => sourceStems.has(s)).length;
  return { share: shared / claimStems.length, shared };
}

export { STOPWORDS };
