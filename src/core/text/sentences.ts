/**
 * Sentence splitting for news text, within one paragraph. Rule-based and linear: a boundary is
 * sentence-final punctuation (plus closing quotes/brackets), then a space, then something that can
 * start a sentence — unless the word before the period is an abbreviation or an initial.
 */

// Abbreviations that are (almost) never the end of a sentence: titles before names, "No. 5", "vs.".
const NEVER_FINAL = new Set([
  "mr",
  "mrs",
  "ms",
  "mx",
  "dr",
  "prof",
  "sen",
  "sec",
  "asst",
  "sens",
  "rep",
  "reps",
  "gov",
  "govs",
  "gen",
  "lt",
  "col",
  "maj",
  "capt",
  "cmdr",
  "adm",
  "sgt",
  "cpl",
  "pvt",
  "rev",
  "fr",
  "hon",
  "pres",
  "supt",
  "amb",
  "atty",
  "insp",
  "det",
  "st",
  "mt",
  "ft",
  "no",
  "nos",
  "vs",
  "v",
  "cf",
  "approx",
  "dept",
  "univ",
  "assn",
  "ave",
  "blvd",
  "rd",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "e.g",
  "i.e",
  "fig",
  "vol",
  "op",
  "ed",
  "eds",
  "est",
  "ca",
]);

// Abbreviations that may end a sentence ("… in the U.S. The next day …"): a boundary only when the
// next word is a typical sentence opener.
const MAYBE_FINAL = new Set([
  "u.s",
  "u.k",
  "u.n",
  "e.u",
  "d.c",
  "l.a",
  "n.y",
  "inc",
  "corp",
  "co",
  "ltd",
  "llc",
  "plc",
  "jr",
  "sr",
  "bros",
  "a.m",
  "p.m",
  "etc",
  "al",
  "ph.d",
]);

const OPENERS = new Set(
  (
    "the a an he she it they we i you his her its their our my this that these those there here " +
    "but and or so yet still however meanwhile instead in on at for from with by after before when while " +
    "if as since though although because once then now later earlier today yesterday tomorrow last next " +
    "some many most few several all both each one two three no not what who why how where which mr mrs ms dr"
  ).split(" "),
);

const CLOSERS = `"')]}`;

/** Splits `text[from, to)` into sentence ranges [start, end) with surrounding spaces trimmed. */
export function splitSentenceRanges(text: string, from = 0, to = text.length): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = from;
  let i = from;
  while (i < to) {
    const ch = text[i];
    if (ch === "\u3002" || ch === "\uFF01" || ch === "\uFF1F") {
      // Chinese and Japanese full stops end a sentence with no space after them.
      let j = i + 1;
      while (j < to && (CLOSERS.includes(text[j]) || text[j] === "\u300D" || text[j] === "\u300F")) j++;
      if (j < to) {
        pushTrimmed(text, ranges, start, j);
        start = j;
      }
      i = j;
      continue;
    }
    if (ch === "." || ch === "!" || ch === "?" || ch === "\u2026") {
      let j = i + 1;
      while (j < to && (text[j] === "." || text[j] === "!" || text[j] === "?" || text[j] === "\u2026")) j++;
      while (j < to && CLOSERS.includes(text[j])) j++;
      if (j < to && text[j] === " " && isBoundary(text, start, i, j, to)) {
        pushTrimmed(text, ranges, start, j);
        start = j + 1;
        i = j + 1;
        continue;
      }
      i = j;
      continue;
    }
    i++;
  }
  pushTrimmed(text, ranges, start, to);
  return ranges;
}

function pushTrimmed(text: string, ranges: Array<[number, number]>, s: number, e: number): void {
  while (s < e && text[s] === " ") s++;
  while (e > s && text[e - 1] === " ") e--;
  if (e > s) ranges.push([s, e]);
}

/**
 * `p` is the punctuation index, `j` the index of the space after punctuation and closers.
 * Decides whether a sentence ends there.
 */
function isBoundary(text: string, sentStart: number, p: number, j: number, to: number): boolean {
  // What follows the space: skip opening quotes/brackets to the first real character.
  let k = j + 1;
  while (k < to && (text[k] === '"' || text[k] === "'" || text[k] === "(" || text[k] === "[")) k++;
  if (k >= to) return false;
  const next = text[k];
  const nextIsUpper = isUpper(next);
  const nextIsDigit = next >= "0" && next <= "9";
  // "?" or "!" followed by lowercase is a quoted question inside a sentence ("Why?" she asked).
  if (!nextIsUpper && !nextIsDigit) return false;
  // Ellipsis: a boundary when a capital follows.
  if (text[p] === "\u2026" || (text[p] === "." && text[p + 1] === ".")) return nextIsUpper;
  if (text[p] !== ".") return true;
  const word = wordBefore(text, sentStart, p);
  const lower = word.toLowerCase();
  if (word.length === 0) return true;
  // Initials ("John F. Kennedy", "J. K. Rowling") — a single capital letter.
  if (word.length === 1 && isUpper(word)) return false;
  if (NEVER_FINAL.has(lower)) return false;
  if (lower === "a.m" || lower === "p.m") {
    // Times are followed by a day, month or time zone when the sentence goes on.
    return !/^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|[a-z]{1,2}t|[a-z]st|[a-z]dt|gmt|utc|cet|local)/i.test(
      nextWord(text, k, to),
    );
  }
  if (MAYBE_FINAL.has(lower) || /^([a-z]\.)+[a-z]$/i.test(word)) {
    return nextIsUpper && OPENERS.has(nextWord(text, k, to).toLowerCase());
  }
  return true;
}

function wordBefore(text: string, min: number, p: number): string {
  let s = p;
  while (s > min && /[\p{L}\p{N}.]/u.test(text[s - 1])) s--;
  return text.slice(s, p).replace(/^\.+/, "");
}

function nextWord(text: string, k: number, to: number): string {
  let e = k;
  while (e < to && /[\p{L}']/u.test(text[e])) e++;
  return text.slice(k, e);
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}
