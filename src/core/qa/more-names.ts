import type { CandidateSpan } from "./answer-types.js";
import { listedNames } from "./features.js";
import type { AnalysedQuestion } from "./question.js";
import type { IndexedSentence, StoryIndex } from "./story-index.js";
import { words } from "./tokens.js";

/** A ranked sentence as the answer stage sees it. */
export interface RankedSentence {
  index: StoryIndex;
  s: IndexedSentence;
  score: number;
  span?: CandidateSpan;
  fit: number;
}

/** A sentence this close behind a confident answer is shown too when it names people the answer lacks … */
export const ADDS_RATIO = 0.9;
/** … of the kind asked for (a person, not just any capitalised name). */
const ADDS_FIT = 0.8;

/**
 * "Who did the mayor meet?": the best sentence may name one of the people ("her meetings with
 * Silva"), and one close behind it all of them ("met Reed and Silva"). That sentence is shown too,
 * as the second: scores this close do not tell which one answers, and the two together do.
 */
export function sentenceAddingNames<T extends RankedSentence>(
  q: AnalysedQuestion,
  best: T,
  names: readonly string[],
  ranked: readonly T[],
): T | undefined {
  const have = new Set(names.map(surname));
  for (const c of ranked) {
    if (c === best || c.index !== best.index) continue;
    if (c.score < ADDS_RATIO * best.score) return undefined;
    if (!c.span || c.fit < ADDS_FIT) continue;
    if (listedNames(c.index, q, c.s, c.span).some((n) => !have.has(surname(n)))) return c;
  }
  return undefined;
}

/**
 * The people of both lists, each once: the fuller form wins ("Vice President Ana Silva" over
 * "Silva"), the fuller list's order first.
 */
export function unionOfNames(fuller: readonly string[], other: readonly string[]): string[] {
  const out = [...fuller];
  for (const n of other) {
    const at = out.findIndex((m) => surname(m) === surname(n));
    if (at < 0) out.push(n);
    else if (n.length > out[at]!.length) out[at] = n;
  }
  return out;
}

/** Who a name is, to tell a new person from another form of one named: "Vice President Ana Silva" is "Silva". */
function surname(name: string): string {
  return words(name.replace(/['’]s$/, "")).at(-1) ?? "";
}
