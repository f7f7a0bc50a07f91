/**
 * Unicode normalisation that remembers where every character came from, so that quotes can be
 * reported as verbatim slices of the input even after the text was cleaned.
 */

export interface MappedText {
  text: string;
  /** toOriginal[i] is the index in the input of text[i]; toOriginal[text.length] is the input length. */
  toOriginal: Int32Array;
}

// Single characters replaced one for one. Curly and angle quotes become straight ones (the quote
// extractor reads the original character when it needs the direction); dashes become hyphens or an
// em dash; exotic spaces become plain spaces.
const CHAR_MAP: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201A": "'",
  "\u201B": "'",
  "\u2032": "'",
  "\u02BC": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u201F": '"',
  "\u2033": '"',
  "\u00AB": '"',
  "\u00BB": '"',
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2013": "-",
  "\u2212": "-",
  "\u2014": "\u2014",
  "\u2015": "\u2014",
  "\u00A0": " ",
  "\u2007": " ",
  "\u202F": " ",
  "\u2009": " ",
  "\u200A": " ",
  "\u2002": " ",
  "\u2003": " ",
  "\u3000": " ",
  "\t": " ",
  "\f": "\n",
  "\v": "\n",
  "\u2028": "\n",
  "\u2029": "\n",
  "\u0085": "\n",
};

// Removed entirely: zero-width characters, soft hyphens, BOM, other invisible format controls, and
// the bidi embeddings/overrides/isolates (U+202A–202E, U+2066–2069) that change reading order. The
// zero-width joiner (U+200D) is kept inside emoji sequences (see keepsJoiner).
const DROP = /[\u200B-\u200D\u2060\uFEFF\u00AD\u061C\u180E\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
// Other C0/C1 control characters (never meaningful in an article).
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F]/;

/**
 * Normalises quotes, dashes, spaces and line breaks; collapses runs of spaces; trims lines; keeps
 * paragraph breaks as a single blank line. Linear in the input.
 */
export function normaliseText(input: string): MappedText {
  // Hot path: one pass over char codes, output collected in a plain array and joined once.
  const out: string[] = [];
  const map = new Int32Array(input.length + 1);
  let n = 0;
  let pendingSpace = -1; // input index of a space not yet written
  let newlines = 0; // newlines seen since the last written character
  let newlineAt = -1;
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    let ch: string;
    if (code >= 0x21 && code < 0x7f && newlines === 0 && pendingSpace < 0) {
      // Plain ASCII run: copy it as one slice (the common case, and the fast one).
      let j = i + 1;
      while (j < input.length) {
        const c = input.charCodeAt(j);
        if (c < 0x21 || c >= 0x7f) break;
        j++;
      }
      out.push(input.slice(i, j));
      for (let k = i; k < j; k++) map[n++] = k;
      i = j - 1;
      continue;
    }
    if (code >= 0x21 && code < 0x7f) {
      ch = input[i]; // plain ASCII: nothing to map
    } else {
      ch = input[i];
      if (code === 13) {
        if (input.charCodeAt(i + 1) === 10) continue;
        ch = "\n";
      } else {
        const mapped = CHAR_MAP[ch];
        if (mapped !== undefined) ch = mapped;
        else if (code === 0x200d && keepsJoiner(input, i)) ch = "\u200D";
        else if (code !== 10 && code !== 32 && (DROP.test(ch) || CONTROL.test(ch))) continue;
      }
      if (ch === "\n") {
        newlines++;
        if (newlineAt < 0) newlineAt = i;
        pendingSpace = -1; // trailing spaces of a line are dropped
        continue;
      }
      if (ch === " ") {
        if (pendingSpace < 0) pendingSpace = i;
        continue;
      }
    }
    if (n > 0) {
      if (newlines > 0) {
        out.push(newlines > 1 ? "\n\n" : "\n");
        map[n++] = newlineAt;
        if (newlines > 1) map[n++] = newlineAt;
      } else if (pendingSpace >= 0) {
        out.push(" ");
        map[n++] = pendingSpace;
      }
    }
    newlines = 0;
    newlineAt = -1;
    pendingSpace = -1;
    out.push(ch);
    map[n++] = i;
  }
  map[n] = input.length;
  return { text: out.join(""), toOriginal: map.slice(0, n + 1) };
}

const PICTOGRAPH = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F|\u20E3)$/u;

/**
 * Whether the joiner at `i` binds an emoji sequence (🤷 + ZWJ + ♀ reads as one "woman shrugging";
 * without it, two pictures): an emoji, skin tone or VS16 before it and an emoji after it.
 */
function keepsJoiner(input: string, i: number): boolean {
  let before = i - 1;
  // A low surrogate ends a code point that starts one unit earlier.
  if (before > 0 && (input.charCodeAt(before) & 0xfc00) === 0xdc00) before--;
  const prev = before >= 0 ? String.fromCodePoint(input.codePointAt(before)!) : "";
  const next = i + 1 < input.length ? String.fromCodePoint(input.codePointAt(i + 1)!) : "";
  return PICTOGRAPH.test(prev) && /^\p{Extended_Pictographic}$/u.test(next);
}

/** Lowercases and strips everything but letters and digits: for comparing short strings. */
export function foldForMatch(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
