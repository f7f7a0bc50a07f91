/** The question engine: who-said matching, quotes by speaker and free questions over story indexes. */
export { type AnswerSentence, answerQuestion, MIN_COVERAGE, type QuestionAnswer } from "./answer.js";
export { indexArticle } from "./article.js";
export { quotesBySpeaker, type SpeakerQuote } from "./by-speaker.js";
export { MAX_QUESTION_CHARS, type QuestionProblem, questionProblem } from "./question.js";
export { buildStoryIndex, type StoryIndex } from "./story-index.js";
export {
  CLOSE_THRESHOLD,
  MATCH_THRESHOLD,
  type WhoSaidMatch,
  type WhoSaidResult,
  whoSaid,
} from "./who-said.js";
