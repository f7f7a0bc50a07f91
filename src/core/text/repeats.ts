/**
 * Repeated text: one article pasted many times, a pull quote printed twice, a feed body that
 * repeats its paragraphs. Every stage after text preparation (the brief, quotes, the QA index)
 * should see each paragraph and sentence once, or a 200-fold paste gives a 200-fold brief.
 * Repeats are found by a folded key (case, spacing, punctuation and quote style ignored) in a
 * Map: one pass, linear in the text, no regex that can backtrack.
 */

/** Shorter pieces ("Yes.", "Advertisement") may repeat on purpose; only longer ones are collapsed. */
const MIN_REPEAT_WORDS = 5;

/**
 * The comparison key of a paragraph or sentence, or undefined when it is too short to count as a
 * repeat. Letters and digits only, lowercased, words separated by one space.
 */
export function repeatKey(s: string): string | undefined {
  let key = "";
  let words = 0;
  let inWord = false;
  for (const ch of s.toLowerCase()) {
    const c = ch.charCodeAt(0);
    // ASCII answers without a regex: most text is ASCII, and this runs over every character.
    const wordChar = c < 128 ? (c >= 97 && c <= 122) || (c >= 48 && c <= 57) : /[\p{L}\p{N}]/u.test(ch);
    if (wordChar) {
      if (!inWord && key) key += " ";
      if (!inWord) words++;
      key += ch;
      inWord = true;
    } else if (c !== 39 && !(c >= 128 && /[\p{M}\u2019]/u.test(ch))) inWord = false; // "don't" = "don’t"
  }
  return words >= MIN_REPEAT_WORDS ? key : undefined;
}

/**
 * Repeats are collapsed only when they are a good part of the text. An article that prints one
 * pull quote twice means it twice (PolNeAR annotates both: collapsing those cost 0.001 extraction
 * F1); a text that is a quarter or more repetition is a paste gone wrong.
 */
const REPEATED_SHARE = 0.25;

/**
 * Indexes of the items that repeat an earlier one (by `repeatKey` of `textOf`, with `seen` as
 * keys met before), or an empty set when the repeats are too small a share of the text to drop.
 */
export function findRepeats<T>(
  items: T[],
  textOf: (item: T) => string,
  seen = new Set<string>(),
): Set<number> {
  const repeats = new Set<number>();
  let total = 0;
  let repeated = 0;
  items.forEach((item, i) => {
    const text = textOf(item);
    total += text.length;
    const key = repeatKey(text);
    if (key === undefined) return;
    if (seen.has(key)) {
      repeats.add(i);
      repeated += text.length;
    } else seen.add(key);
  });
  return repeated >= total * REPEATED_SHARE ? repeats : new Set();
}

export interface Assembled {
  text: string;
  /** toOriginal of the assembled text, composed through `sourceMap`. */
  map: Int32Array;
  paragraphs: Array<{ index: number; start: number; end: number }>;
}

/**
 * Builds text from paragraphs, each a list of [start, end) ranges of `source`: paragraphs joined
 * by a blank line, ranges of one paragraph by a space, single newlines inside a range made spaces
 * (hard-wrapped lines). `sourceMap` is the source's map to the original input, composed by block
 * copies so long texts stay linear. `end` is the original offset of the end of the text.
 */
export function assemble(
  source: string,
  sourceMap: Int32Array,
  paragraphs: Array<Array<[number, number]>>,
  end: number,
): Assembled {
  const parts: string[] = [];
  let size = 1;
  for (const p of paragraphs) for (const [s, e] of p) size += e - s + 2;
  const map = new Int32Array(size);
  const out: Assembled["paragraphs"] = [];
  let pos = 0;
  let last = -1;
  const separator = (sep: string, s: number) => {
    parts.push(sep);
    const at = sourceMap[s - 1] ?? sourceMap[s]!;
    for (let j = 0; j < sep.length; j++) map[pos++] = at;
  };
  for (const ranges of paragraphs) {
    if (ranges.length === 0) continue;
    if (out.length > 0) separator("\n\n", ranges[0]![0]);
    const start = pos;
    ranges.forEach(([s, e], k) => {
      if (k > 0) separator(" ", s);
      const slice = source.slice(s, e).replace(/\n/g, " ");
      parts.push(slice);
      map.set(sourceMap.subarray(s, e), pos);
      pos += slice.length;
      last = e;
    });
    out.push({ index: out.length, start, end: pos });
  }
  map[pos] = last >= 0 ? sourceMap[last]! : end;
  return { text: parts.join(""), map: map.slice(0, pos + 1), paragraphs: out };
}
