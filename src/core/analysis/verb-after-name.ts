import type { Token } from "./tokens.js";

// Whether a name is the subject of a verb, read from the part-of-speech tags rather than a list of
// verb endings: "Loretta Lynch took", "Whit Ayres -- author of …, which … -- is skeptical", "his wife,
// Jane, called" (irregular verbs and appositives a suffix pattern misses).

const VERB_TAGS = new Set(["VERB", "AUX"]);
const DASHES = new Set(["--", "—", "–"]);
/** How far an appositive or a parenthesis may run before the verb (tokens). */
const APPOSITIVE_TOKENS = 30;

/** Index of the first token starting at or after `offset`. */
function tokenAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index after the punctuation that closes the appositive opened at `i`, or -1. */
function closeOf(tokens: Token[], i: number): number {
  const open = tokens[i]!.text;
  const closer = open === "(" ? ")" : open;
  const dash = DASHES.has(open);
  for (let j = i + 1; j < Math.min(tokens.length, i + APPOSITIVE_TOKENS); j++) {
    const t = tokens[j]!.text;
    if (t === "." || t === ";" || t === '"' || t === "“" || t === "”") return -1;
    if (t === closer || (dash && DASHES.has(t))) return j + 1;
  }
  return -1;
}

/**
 * Does a verb come next after the name ending at `end`, past an appositive in commas, dashes or
 * parentheses and an adverb or two? `nameIsAppositive`: the name itself follows a comma ("his
 * wife, Jane, called"), so the comma after it closes it.
 */
export function verbAfterName(tokens: Token[], end: number, nameIsAppositive: boolean): boolean {
  let i = tokenAt(tokens, end);
  // The possessive or the rest of the name the tagger split off: "Trump 's" is an owner, not a subject.
  if (tokens[i]?.pos === "PART") return false;
  const first = tokens[i]?.text;
  if (first === "," && nameIsAppositive && VERB_TAGS.has(tokens[i + 1]?.pos ?? "")) return true;
  if (first === "," || first === "(" || (first !== undefined && DASHES.has(first))) {
    i = closeOf(tokens, i);
    if (i < 0) return false;
  }
  for (let k = 0; k < 2 && tokens[i]?.pos === "ADV"; k++) i++;
  return VERB_TAGS.has(tokens[i]?.pos ?? "");
}
