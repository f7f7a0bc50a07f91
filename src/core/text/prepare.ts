import type { PreparedText, Sentence } from "../types.js";
import { detectHeadline, isBoilerplate } from "./boilerplate.js";
import { detectLanguage } from "./language.js";
import { normaliseText } from "./normalise.js";
import { type Assembled, assemble, findRepeats, repeatKey } from "./repeats.js";
import { splitSentenceRanges } from "./sentences.js";

export interface PrepareOptions {
  /** Treat a headline-like first line as the title and keep it out of the sentences (default true). */
  detectTitle?: boolean;
}

/**
 * Turns article text into the normalised form every stage works on: Unicode normalised,
 * boilerplate removed, paragraphs kept, 0-based numbered sentences, offsets back to the input.
 */
export function prepareText(input: string, options: PrepareOptions = {}): PreparedText {
  const norm = normaliseText(input);
  let lines = splitLines(norm.text);
  if (looksHardWrapped(lines.map(([s, e]) => norm.text.slice(s, e)))) lines = unwrap(lines);

  const removed: string[] = [];
  let title: string | undefined;
  const kept: Array<[number, number]> = [];
  for (const [s, e] of lines) {
    const line = norm.text.slice(s, e);
    if (isBoilerplate(line)) {
      if (line.trim()) removed.push(line);
    } else kept.push([s, e]);
  }
  if (options.detectTitle !== false && kept.length > 1) {
    title = detectHeadline(kept.map(([s, e]) => norm.text.slice(s, e)));
    if (title !== undefined) kept.shift();
  }
  // A paragraph given again (the article pasted twice; the headline repeated in the body) is read once.
  const seen = new Set<string>();
  const titleKey = title !== undefined ? repeatKey(title) : undefined;
  if (titleKey) seen.add(titleKey);
  const again = findRepeats(kept, ([s, e]) => norm.text.slice(s, e), seen);
  const unique = again.size > 0 ? kept.filter((_, i) => !again.has(i)) : kept;

  let built = assemble(
    norm.text,
    norm.toOriginal,
    unique.map((range) => [range]),
    input.length,
  );
  let sentences = sentencesOf(built);
  // Repeats inside paragraphs (a sentence pasted over and over, a pull quote printed again): the
  // paragraphs holding one are rebuilt from their other sentences, once, and split again.
  const repeated = findRepeats(sentences, (x) => x.text);
  if (repeated.size > 0) {
    const byParagraph: Sentence[][] = built.paragraphs.map(() => []);
    for (const x of sentences) byParagraph[x.paragraph]!.push(x);
    const paragraphs = built.paragraphs.map((p, i) => {
      const own = byParagraph[i]!;
      if (!own.some((x) => repeated.has(x.id))) return [[p.start, p.end] as [number, number]];
      return own.filter((x) => !repeated.has(x.id)).map((x) => [x.start, x.end] as [number, number]);
    });
    built = assemble(built.text, built.map, paragraphs, input.length);
    sentences = sentencesOf(built);
  }
  const { text, map, paragraphs } = built;
  return {
    original: input,
    text,
    toOriginal: map,
    paragraphs,
    sentences,
    language: detectLanguage(text),
    removed,
    ...(title !== undefined ? { title } : {}),
  };
}

function sentencesOf({ text, paragraphs }: Assembled): Sentence[] {
  const sentences: Sentence[] = [];
  for (const p of paragraphs) {
    for (const [s, e] of splitSentenceRanges(text, p.start, p.end)) {
      sentences.push({ id: sentences.length, text: text.slice(s, e), start: s, end: e, paragraph: p.index });
    }
  }
  return sentences;
}

/** Slice of the original input for a range of the prepared text (verbatim, whatever was normalised). */
export function originalSlice(prepared: PreparedText, start: number, end: number): string {
  const s = prepared.toOriginal[start];
  // End maps through the last character, so trailing removed characters are not included.
  const e = end > start ? prepared.toOriginal[end - 1] + 1 : s;
  return prepared.original.slice(s, e);
}

/** The sentence containing a text offset (binary search). */
export function sentenceAt(prepared: PreparedText, offset: number): Sentence | undefined {
  const list = prepared.sentences;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  // Offsets between sentences (spaces) belong to the following sentence.
  return list[lo];
}

function splitLines(text: string): Array<[number, number]> {
  const lines: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === "\n") {
      if (i > start) lines.push([start, i]);
      start = i + 1;
    }
  }
  return lines;
}

/**
 * Text hard-wrapped at a fixed width (e-mail, some wire copy) has many lines of similar length that
 * do not end a sentence; its real paragraphs are separated by blank lines.
 */
function looksHardWrapped(lines: string[]): boolean {
  if (lines.length < 6) return false;
  const lengths = lines.map((l) => l.length).sort((a, b) => a - b);
  const median = lengths[lengths.length >> 1];
  if (median < 40 || median > 100) return false;
  const unfinished = lines.filter((l) => !/[.!?:"')\]]$/.test(l)).length;
  return unfinished / lines.length > 0.6;
}

/** Joins the lines of each blank-line-separated block with a space (which stays mapped). */
function unwrap(lines: Array<[number, number]>): Array<[number, number]> {
  // A single "\n" between two lines becomes part of the paragraph (the caller turns it into a space).
  const merged: Array<[number, number]> = [];
  for (const [s, e] of lines) {
    const prev = merged[merged.length - 1];
    if (prev && s === prev[1] + 1) prev[1] = e;
    else merged.push([s, e]);
  }
  return merged;
}
