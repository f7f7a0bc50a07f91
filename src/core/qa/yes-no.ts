import type { AnswerSentence, QuestionAnswer } from "./answer.js";
import { negatesQuestionTerm } from "./features.js";
import type { AnalysedQuestion } from "./question.js";
import type { IndexedSentence, StoryIndex } from "./story-index.js";

// Yes/no questions: "Yes", "No" or "The story does not say for certain", always with the sentence.

/** The best-ranked sentence as the yes/no stage needs it. */
interface BestSentence {
  index: StoryIndex;
  s: IndexedSentence;
  score: number;
  coverage: number;
}

/** "frustrated" / "frustrations", "meet" / "meetings": the same first five letters (or the whole short word). */
function sharesFamily(term: string, stems: Set<string>): boolean {
  const head = term.slice(0, 5);
  for (const s of stems) if (s.startsWith(head) || (term.length <= 5 && s.startsWith(term))) return true;
  return false;
}

/** Words that leave a statement open: a sentence with them answers neither yes nor no. */
const HEDGED =
  /\b(?:whether|unclear|uncertain|unknown|undecided|might|may|could|perhaps|possibly|considering|weighing)\b/i;

/** A sentence this sure of the question's terms answers yes when it does not deny them. */
const YES_COVERAGE = 0.6;

/**
 * "Did Gantz meet Biden?" → "No" when the best sentence denies one of the question's terms ("did
 * not meet with Biden"), "Yes" when it states them, else "The story does not say for certain";
 * always with the sentence, so the reader can check.
 */
export function yesNoAnswer(
  q: AnalysedQuestion,
  best: BestSentence,
  sentences: AnswerSentence[],
  leanedOn: IndexedSentence | undefined,
): QuestionAnswer {
  const denied = !q.negated && negatesQuestionTerm(q, best.s);
  // "Yes" needs what is asked about, not only who: every term outside the question's names (the
  // predicate: "meet", "frustrated") must be in the sentence or the one it leans on.
  const names = new Set(q.names.flatMap((n) => n.stems));
  const evidence = new Set([...best.s.stems, ...(leanedOn?.stems ?? [])]);
  const predicate = q.terms.filter((t) => !names.has(t));
  const stated =
    best.coverage >= YES_COVERAGE && predicate.every((t) => evidence.has(t) || sharesFamily(t, evidence));
  // "Nobody has said whether the ferry will run": the sentence leaves it open, whatever it names.
  const open = HEDGED.test(best.s.text);
  const answer = open
    ? "The story does not say for certain."
    : denied
      ? "No."
      : stated
        ? "Yes."
        : "The story does not say for certain.";
  return { answer, sentences, storyId: best.index.storyId, score: best.score };
}
