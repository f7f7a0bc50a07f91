import type { Logger } from "pino";
import type { EngineName } from "../core/types.js";
import type { Budget } from "./budget.js";
import type { ChatClient, ChatOutcome, TokenUsage } from "./client.js";
import { neutraliseMentions } from "./mentions.js";
import { NOT_IN_STORY, notes } from "./notes.js";
import { answerMessages, type NumberedSentence } from "./prompts.js";
import { answerJsonSchema, modelAnswerSchema, parseModelJson } from "./schema.js";
import { estimateTokens } from "./tokens.js";
import { contentCoverage, numbersOf } from "./words.js";

/**
 * Answers with the model, from the sentences the deterministic engine retrieved and nothing else.
 * The answer is shown only when it cites retrieved sentences and its content and numbers come
 * from them; otherwise the deterministic answer (or "not in the story") is shown.
 */

/** The deterministic retrieval: best sentences first, empty when the story does not answer it. */
export type Retriever = (question: string) => NumberedSentence[];

/** The deterministic answer (null: not in the story), shown when the model's cannot be. */
export type ExtractiveAnswerer = (question: string) => {
  answer: string | null;
  sentences: NumberedSentence[];
};

export interface AnswerRequest {
  question: string;
  retrieve: Retriever;
  /** Defaults to the best retrieved sentence. */
  extractive?: ExtractiveAnswerer;
  tenant?: string;
}

export interface LlmAnswer {
  /** The answer text, or "not in the story". */
  answer: string;
  /** The sentences it rests on (id and text), in article order. */
  sentences: NumberedSentence[];
  supported: boolean;
  engine: EngineName;
  notes: string[];
  /** Tokens the model call used, when one was made. */
  usage?: TokenUsage;
}

/** Sentences handed to the model: enough context for most questions, small enough to stay cheap. */
const RETRIEVED_FOR_MODEL = 6;
const ANSWER_MAX_OUTPUT_TOKENS = 300;
const MIN_ANSWER_COVERAGE = 0.5;

export function extractiveAnswer(retrieved: NumberedSentence[], note?: string): LlmAnswer {
  const top = retrieved[0];
  if (!top) return { answer: NOT_IN_STORY, sentences: [], supported: false, engine: "extractive", notes: [] };
  return {
    answer: top.text,
    sentences: [top],
    supported: true,
    engine: "extractive",
    notes: note ? [note] : [],
  };
}

function fallbackAnswer(request: AnswerRequest, retrieved: NumberedSentence[], note: string): LlmAnswer {
  if (!request.extractive) return extractiveAnswer(retrieved, note);
  const a = request.extractive(request.question);
  if (a.answer === null) {
    return { answer: NOT_IN_STORY, sentences: [], supported: false, engine: "extractive", notes: [note] };
  }
  return { answer: a.answer, sentences: a.sentences, supported: true, engine: "extractive", notes: [note] };
}

export async function answerWithModel(
  request: AnswerRequest,
  deps: { client: ChatClient; budget: Budget; logger: Logger },
): Promise<LlmAnswer> {
  const retrieved = request.retrieve(request.question).slice(0, RETRIEVED_FOR_MODEL);
  if (retrieved.length === 0) return extractiveAnswer([]);
  const tenant = request.tenant ?? "default";
  const messages = answerMessages({ question: request.question, sentences: retrieved });
  const estimate =
    estimateTokens(messages.map((m) => m.content).join("\n"), 8_000) + ANSWER_MAX_OUTPUT_TOKENS;
  if (!(await deps.budget.allows(tenant, estimate))) {
    return fallbackAnswer(request, retrieved, notes.answerOverBudget(deps.budget.limit));
  }
  const outcome = await deps.client.complete({
    messages,
    jsonSchema: answerJsonSchema,
    maxOutputTokens: ANSWER_MAX_OUTPUT_TOKENS,
  });
  if (outcome.usage) await deps.budget.record(tenant, outcome.usage.total);
  const result = verifiedAnswer(request, retrieved, outcome, deps.logger, tenant);
  return outcome.usage ? { ...result, usage: outcome.usage } : result;
}

function verifiedAnswer(
  request: AnswerRequest,
  retrieved: NumberedSentence[],
  outcome: ChatOutcome,
  logger: Logger,
  tenant: string,
): LlmAnswer {
  if (!outcome.ok) {
    logger.warn({ failure: outcome.failure, tenant }, "llm answer failed");
    return fallbackAnswer(request, retrieved, notes.answerNoLlm);
  }
  const parsed = parseModelJson(outcome.content, modelAnswerSchema);
  if (!parsed) return fallbackAnswer(request, retrieved, notes.answerUnverified);
  if (!parsed.supported || parsed.answer.trim() === "") {
    return { answer: NOT_IN_STORY, sentences: [], supported: false, engine: "llm", notes: [] };
  }
  const byId = new Map(retrieved.map((s) => [s.id, s]));
  const cited = [...new Set(parsed.sentences)].map((id) => byId.get(id));
  if (cited.length === 0 || cited.some((s) => s === undefined)) {
    return fallbackAnswer(request, retrieved, notes.answerUnverified);
  }
  const citedSentences = (cited as NumberedSentence[]).sort((a, b) => a.id - b.id);
  if (!answerSupported(parsed.answer, citedSentences.map((s) => s.text).join(" "))) {
    return fallbackAnswer(request, retrieved, notes.answerUnverified);
  }
  return {
    answer: neutraliseMentions(parsed.answer.replace(/\s+/g, " ").trim()),
    sentences: citedSentences,
    supported: true,
    engine: "llm",
    notes: [],
  };
}

/** The answer's content words come mostly from the cited sentences, and all its numbers do. */
export function answerSupported(answer: string, cited: string): boolean {
  const coverage = contentCoverage(answer, cited);
  if (coverage.share < MIN_ANSWER_COVERAGE) return false;
  const citedNumbers = new Set(numbersOf(cited));
  return numbersOf(answer).every((n) => citedNumbers.has(n));
}
