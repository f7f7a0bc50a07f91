/**
 * Word-level helpers shared by key points and open questions: content words, a light stem, and
 * set overlap. Deliberately tiny and allocation-light — the engine must stay well above
 * 100,000 words/s, so no NLP pipeline runs here.
 */

const STOPWORDS = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below " +
    "between both but by can could did do does doing down during each few for from further had has have having " +
    "he her here hers herself him himself his how i if in into is it its itself just me more most my myself no " +
    "nor not now of off on once only or other our ours ourselves out over own same she should so some such than " +
    "that the their theirs them themselves then there these they this those through to too under until up very " +
    "was we were what when where which while who whom why will with would you your yours yourself yourselves " +
    "said says say told according one two new would may might must shall us mr mrs ms dr also like get got " +
    "yet still even many much made make year years last first since"
  ).split(" "),
);

/** Letters and digits (Latin, Greek, Cyrillic and beyond), with an optional 's-style suffix. */
const WORD_RE = /[a-z0-9\u00c0-\u024f\u0370-\u1fff\u3040-\uffff]+(?:['’][a-z]+)?/g;

/** Lower-cased word tokens of a text (letters and digits; a trailing 's is dropped). */
export function wordTokens(text: string): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(lower); m; m = WORD_RE.exec(lower)) {
    const w = m[0];
    const c = w.charCodeAt(w.length - 1);
    // 's (possessive or contraction) carries nothing for overlap counting.
    out.push(c === 115 && (w.endsWith("'s") || w.endsWith("’s")) ? w.slice(0, -2) : w);
  }
  return out;
}

/**
 * A crude suffix stem: enough to make "talks"/"talk", "hostages"/"hostage", "planned"/"plan"
 * meet, which is all overlap counting needs. Not a linguistic stemmer on purpose (speed).
 */
export function lightStem(word: string): string {
  if (word.length <= 4) return word;
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.endsWith("ing") && word.length > 5) return word.slice(0, -3);
  if (word.endsWith("ed") && word.length > 5) return word.slice(0, -2);
  if (word.endsWith("shes") || word.endsWith("ches") || word.endsWith("sses") || word.endsWith("xes")) {
    return word.slice(0, -2);
  }
  if (word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** Stemmed content words of a text, in order (duplicates kept). */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const w of wordTokens(text)) {
    if (w.length < 2 || STOPWORDS.has(w)) continue;
    out.push(lightStem(w));
  }
  return out;
}

/** Share of `a`'s items that also occur in `b` (0 when `a` is empty). */
export function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0) return 0;
  let hit = 0;
  for (const x of a) if (b.has(x)) hit++;
  return hit / a.size;
}

/**
 * Number of words in a text: whitespace-separated runs, plus one word per two CJK characters
 * (Chinese and Japanese are written without spaces; a word averages about two characters).
 */
export function countWords(text: string): number {
  let n = 0;
  let cjk = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13;
    if (!space && !inWord) n++;
    inWord = !space;
    // CJK ideographs, kana and Hangul syllables.
    if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af)) cjk++;
  }
  return n + (cjk >> 1);
}
