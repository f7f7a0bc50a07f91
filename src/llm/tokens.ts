import { Tiktoken } from "js-tiktoken/lite";
import o200kBase from "js-tiktoken/ranks/o200k_base";
import type { NumberedSentence } from "./prompts.js";

/**
 * Token counting with the o200k_base encoding (GPT-4o family), bundled in js-tiktoken so nothing
 * is downloaded at run time. Other models tokenise differently; the count is used for budgets and
 * chunk sizes, where being within ~10 % is enough.
 */

let encoder: Tiktoken | undefined;

export function countTokens(text: string): number {
  encoder ??= new Tiktoken(o200kBase);
  return encoder.encode(text).length;
}

/** Per-line overhead of "[id] " and the newline. */
const LINE_OVERHEAD = 4;

/**
 * Splits numbered sentences into chunks of at most `maxTokens`, cutting only between sentences
 * (one longer sentence is a chunk of its own). Articles that fit are one chunk.
 */
export function chunkSentences(sentences: NumberedSentence[], maxTokens: number): NumberedSentence[][] {
  const chunks: NumberedSentence[][] = [];
  let current: NumberedSentence[] = [];
  let size = 0;
  for (const s of sentences) {
    const tokens = countTokens(s.text) + LINE_OVERHEAD;
    if (current.length > 0 && size + tokens > maxTokens) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(s);
    size += tokens;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Tokens of a text, counted only when it matters: a text of at most `exactAbove / 4` characters
 * cannot reach `exactAbove` tokens (a token is rarely shorter than a character, never shorter
 * than a quarter of one), so it is estimated at ~3 characters a token without loading the
 * tokenizer, whose first use costs seconds.
 */
export function estimateTokens(text: string, exactAbove: number): number {
  if (text.length * 4 <= exactAbove) return Math.ceil(text.length / 3);
  return countTokens(text);
}
