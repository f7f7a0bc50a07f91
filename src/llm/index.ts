/** The LLM engine: the only part of Newsdesk that talks to a model (and imports `openai`). */
export {
  type AnswerRequest,
  type ExtractiveAnswerer,
  extractiveAnswer,
  type LlmAnswer,
  type Retriever,
} from "./answer.js";
export { type BriefCache, type BriefCacheKey, briefContentHash, createMemoryBriefCache } from "./cache.js";
export {
  type BriefRequest,
  createLlmEngine,
  type LlmEngine,
  type LlmEngineDeps,
  llmConfigured,
  type StoryRequest,
} from "./engine.js";
export { NOT_IN_STORY, notes } from "./notes.js";
export { PROMPT_VERSION } from "./prompts.js";
export { retrievalFromIndex } from "./retrieval.js";
export { mergeStoryBriefs } from "./story.js";
export { createMemoryUsageLedger, type UsageLedger, utcDay } from "./usage.js";
