import { answerQuestion, rankSentences } from "../core/qa/answer.js";
import type { StoryIndex } from "../core/qa/story-index.js";
import type { ExtractiveAnswerer, Retriever } from "./answer.js";

/** Sentences handed to the model for one question. */
const TOP_SENTENCES = 6;

/**
 * Retrieval and the deterministic answer from the questions engine (src/core/qa). The model gets
 * the top-ranked sentences even when the deterministic engine would say "not in the story" (it
 * may recognise a paraphrase), but never the rest of the article; sentences that share no term
 * with the question (score 0) are not sent at all.
 */
export function retrievalFromIndex(
  index: StoryIndex,
  top = TOP_SENTENCES,
): { retrieve: Retriever; extractive: ExtractiveAnswerer } {
  const textOf = new Map(index.sentences.map((s) => [s.id, s.text]));
  return {
    retrieve(question) {
      const ranked = rankSentences(index, question).filter((r) => r.score > 0);
      return ranked.slice(0, top).map((r) => ({ id: r.id, text: textOf.get(r.id) ?? "" }));
    },
    extractive(question) {
      const a = answerQuestion(index, question);
      return { answer: a.answer, sentences: a.sentences.map((s) => ({ id: s.id, text: s.text })) };
    },
  };
}
