import { DESCRIPTORS, FEMALE_NAMES, MALE_NAMES, ORG_WORDS, TITLES } from "./lexicon.js";

/**
 * Where the title ends and the name begins in a capitalised run: "Secretary of State Antony Blinken",
 * "Martin Luther King Jr.", "Retired Army Col. Lawrence Wilkerson". Shared by the entity tagger and
 * the speaker resolution, so a speaker and the entity it names are cut the same way.
 */

/** Generational suffixes: part of the name they follow, never a name by themselves. */
const NAME_SUFFIXES = new Set(["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"]);

export function isNameSuffix(word: string): boolean {
  return NAME_SUFFIXES.has(word);
}

/** Forms of address: they say how to address someone (and their gender), not what they do. */
const HONORIFICS = new Set(["Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Mx", "Mx.", "Dr", "Dr."]);

/** A title that is only forms of address ("Mr.", "Dr.") is no role. */
export function roleOfTitle(title: string | undefined): string | undefined {
  if (!title) return undefined;
  return title.split(/\s+/).every((w) => HONORIFICS.has(w)) ? undefined : title;
}

/** The words of a name without its suffix: "Martin Luther King Jr." → Martin, Luther, King. */
export function nameWords(name: string): string[] {
  const words = name.split(/\s+/).filter(Boolean);
  while (words.length > 1 && NAME_SUFFIXES.has(words[words.length - 1]!.replace(/,$/, ""))) words.pop();
  return words;
}

/** The surname: the last word of the name that is not a suffix. */
export function surnameOf(name: string): string {
  return nameWords(name).at(-1) ?? "";
}

const isFirstName = (w: string) => (MALE_NAMES.has(w) || FEMALE_NAMES.has(w)) && !TITLES.has(w);

/**
 * How many leading words of a capitalised run are title, not name: everything up to the last title
 * word ("UN Ambassador John Bolton", "State Rep. Ann Roe"). Descriptors count too ("Billionaire
 * Donald Trump", "Clinton Senior Adviser Sidney Blumenthal") when a name of two words or more follows
 * and no organisation word does ("Republican National Committee" stays whole).
 *
 * A title word never leaves only a suffix as the name ("Martin Luther King Jr."); a title's "of"
 * phrase belongs to the title ("Secretary of State", "Chairman of the Joint Chiefs"), the name being
 * the known first name after it or else the last two words — with fewer than three capitalised words
 * after "of" there is no name, only a title ("Governor of Texas").
 */
export function titleLength(words: string[]): number {
  let k = 0;
  for (let i = 0; i < words.length - 1; i++) {
    const w = words[i]!;
    if (w === "of" && k === i && k > 0) return k + ofComplementLength(words.slice(i + 1)) + 1;
    if (TITLES.has(w)) {
      if (!anyAfter(words, i, (x) => !isNameSuffix(x))) break;
      k = i + 1;
    } else if (
      DESCRIPTORS.has(w) &&
      words.length - i - 1 >= 2 &&
      !anyAfter(words, i, (x) => ORG_WORDS.has(x) || DESCRIPTORS.has(x))
    )
      k = i + 1;
  }
  return k;
}

/** Does a word after words[i] pass the test? (No copy: a run of capitals can be very long.) */
function anyAfter(words: string[], i: number, test: (w: string) => boolean): boolean {
  for (let j = i + 1; j < words.length; j++) if (test(words[j]!)) return true;
  return false;
}

/** "State Antony Blinken" after "Secretary of": how many words are the office's ("State"). */
function ofComplementLength(rest: string[]): number {
  const first = rest.findIndex((w, i) => i > 0 && i < rest.length - 1 && isFirstName(w));
  if (first > 0) return first;
  const capitalised = rest.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalised >= 3 ? rest.length - 2 : rest.length;
}
