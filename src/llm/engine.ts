import type { Logger } from "pino";
import type { Config } from "../config.js";
import { storyBriefSchema } from "../core/brief-schema.js";
import type { StoryBrief } from "../core/types.js";
import { type AnswerRequest, answerWithModel, type LlmAnswer } from "./answer.js";
import { analyseForLlm } from "./article.js";
import { type Budget, createBudget } from "./budget.js";
import { type BriefCache, type BriefCacheKey, briefContentHash, keyString } from "./cache.js";
import { type ChatClient, type ChatFailure, createChatClient } from "./client.js";
import { type Dropped, groundBrief } from "./grounding.js";
import { mergeWithExtractive } from "./merge.js";
import { notes } from "./notes.js";
import { briefMessages, PROMPT_VERSION } from "./prompts.js";
import {
  type BreakerOptions,
  CircuitBreaker,
  type Clock,
  defaultBreakerOptions,
  defaultRetryPolicy,
  type RetryPolicy,
  systemClock,
} from "./resilience.js";
import { briefJsonSchema, type ModelBrief, modelBriefSchema, parseModelJson } from "./schema.js";
import { type ArticleBrief, mergeStoryBriefs } from "./story.js";
import { chunkSentences, estimateTokens } from "./tokens.js";
import type { UsageLedger } from "./usage.js";

export interface LlmEngineDeps {
  config: Config;
  cache: BriefCache;
  usage: UsageLedger;
  logger: Logger;
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  breaker?: Partial<BreakerOptions>;
  /** Article tokens sent in one call; longer articles are chunked and the briefs merged. */
  maxArticleTokens?: number;
}

export interface BriefRequest {
  text: string;
  title?: string;
  /** Whose daily token budget pays for the call (server / workspace id; "cli" from the command line). */
  tenant?: string;
}

/** How a brief came about: for logs, metrics and the evaluation. */
export interface BriefTrace {
  outcome: "llm" | "cached" | "grounding-fallback" | "unusable" | "over-budget" | "empty" | ChatFailure;
  /** Items the model proposed, before the grounding check. */
  proposed: number;
  modelQuotes?: number;
  dropped: Dropped[];
  tokens: number;
  promptTokens?: number;
  completionTokens?: number;
  /** Requests sent to the model (retries not counted). */
  calls: number;
}

export interface TracedBrief {
  brief: StoryBrief;
  trace: BriefTrace;
}

export interface StoryRequest {
  articles: { id: string; text: string; title?: string }[];
  tenant?: string;
}

export interface LlmEngine {
  readonly model: string;
  readonly engineVersion: string;
  brief(request: BriefRequest): Promise<StoryBrief>;
  briefWithTrace(request: BriefRequest): Promise<TracedBrief>;
  /** A story of several articles: each briefed (and cached) on its own, then merged. */
  briefStory(request: StoryRequest): Promise<StoryBrief>;
  answer(request: AnswerRequest): Promise<LlmAnswer>;
}

// Defined with the config (no openai import), so callers can ask before loading the LLM code.
export { llmConfigured } from "../config.js";

const BRIEF_MAX_OUTPUT_TOKENS = 1_500;
/** System prompt and instructions, counted once per call for the budget estimate. */
const PROMPT_OVERHEAD_TOKENS = 600;
const DEFAULT_MAX_ARTICLE_TOKENS = 12_000;

const failureNote: Record<ChatFailure, string> = {
  timeout: notes.noAnswer,
  unavailable: notes.noAnswer,
  "breaker-open": notes.noAnswer,
  rejected: notes.noAnswer,
  refused: notes.refused,
};

export function createLlmEngine(deps: LlmEngineDeps): LlmEngine {
  const { config, cache, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const model = config.OPENAI_MODEL;
  const engineVersion = `llm:${model}:${PROMPT_VERSION}`;
  const breaker = new CircuitBreaker({ ...defaultBreakerOptions, ...deps.breaker }, clock);
  const client: ChatClient = createChatClient({
    apiKey: config.OPENAI_API_KEY ?? "not-needed",
    baseURL: config.OPENAI_BASE_URL,
    model,
    timeoutMs: config.LLM_TIMEOUT_MS,
    retry: { ...defaultRetryPolicy, ...deps.retry },
    breaker,
    clock,
    logger,
  });
  const budget: Budget = createBudget(deps.usage, config.LLM_DAILY_TOKEN_BUDGET, clock, logger);
  const maxArticleTokens = deps.maxArticleTokens ?? DEFAULT_MAX_ARTICLE_TOKENS;
  // Concurrent requests for the same article (one story, many channels) share one model call.
  const inFlight = new Map<string, Promise<TracedBrief>>();

  async function briefUncached(request: BriefRequest, key: BriefCacheKey): Promise<TracedBrief> {
    const { prepared, extractive } = analyseForLlm(request.text, request.title);
    const trace: BriefTrace = { outcome: "llm", proposed: 0, dropped: [], tokens: 0, calls: 0 };
    const fallback = (outcome: BriefTrace["outcome"], note: string): TracedBrief => ({
      brief: { ...extractive, notes: [...extractive.notes, note] },
      trace: { ...trace, outcome },
    });
    if (prepared.sentences.length === 0) return { brief: extractive, trace: { ...trace, outcome: "empty" } };
    const tenant = request.tenant ?? "default";

    const sentences = prepared.sentences.map((s) => ({ id: s.id, text: s.text }));
    // Short articles are one chunk for sure; only long ones are counted exactly and split.
    const short = prepared.text.length * 4 <= maxArticleTokens;
    const chunks = short ? [sentences] : chunkSentences(sentences, maxArticleTokens);
    const estimate = chunks.reduce(
      (sum, chunk) =>
        sum +
        estimateTokens(chunk.map((s) => s.text).join("\n"), short ? maxArticleTokens : 0) +
        PROMPT_OVERHEAD_TOKENS +
        BRIEF_MAX_OUTPUT_TOKENS,
      0,
    );
    if (!(await budget.allows(tenant, estimate)))
      return fallback("over-budget", notes.overBudget(budget.limit));

    const parts: ModelBrief[] = [];
    for (const [index, chunk] of chunks.entries()) {
      const outcome = await client.complete({
        messages: briefMessages({
          title: request.title,
          sentences: chunk,
          part: { index, of: chunks.length },
        }),
        jsonSchema: briefJsonSchema,
        maxOutputTokens: BRIEF_MAX_OUTPUT_TOKENS,
      });
      if (outcome.ok || outcome.failure !== "breaker-open") trace.calls++;
      if (outcome.usage) {
        trace.tokens += outcome.usage.total;
        trace.promptTokens = (trace.promptTokens ?? 0) + outcome.usage.prompt;
        trace.completionTokens = (trace.completionTokens ?? 0) + outcome.usage.completion;
        await budget.record(tenant, outcome.usage.total);
      }
      if (!outcome.ok) {
        logger.warn({ failure: outcome.failure, detail: outcome.detail, tenant }, "llm brief failed");
        return fallback(outcome.failure, failureNote[outcome.failure]);
      }
      const parsed = parseModelJson(outcome.content, modelBriefSchema);
      if (!parsed) {
        logger.warn(
          { finishReason: outcome.finishReason, tenant },
          "llm brief was not valid JSON for the schema",
        );
        return fallback("unusable", notes.unusable);
      }
      parts.push(parsed);
    }

    const modelBrief = mergeChunkBriefs(parts);
    const grounded = groundBrief(
      { prepared, entities: extractive.entities, extractiveQuotes: extractive.quotes },
      modelBrief,
    );
    trace.proposed = modelBrief.keyPoints.length + modelBrief.quotes.length + modelBrief.openQuestions.length;
    trace.dropped = grounded.dropped;
    trace.modelQuotes = modelBrief.quotes.length;
    if (grounded.dropped.length > 0) {
      logger.info(
        {
          dropped: grounded.dropped.map((d) => ({ kind: d.kind, reason: d.reason })),
          proposed: trace.proposed,
        },
        "grounding dropped model items",
      );
    }
    const brief = storyBriefSchema.parse(
      mergeWithExtractive({ grounded, proposed: trace.proposed, extractive, prepared, engineVersion }),
    ) as StoryBrief;
    if (brief.engine === "extractive") trace.outcome = "grounding-fallback";
    await cache.set(key, brief);
    return { brief, trace };
  }

  async function briefWithTrace(request: BriefRequest): Promise<TracedBrief> {
    const key: BriefCacheKey = {
      contentHash: briefContentHash(request.text, request.title),
      model,
      promptVersion: PROMPT_VERSION,
    };
    const cached = await cache.get(key);
    if (cached) {
      return { brief: cached, trace: { outcome: "cached", proposed: 0, dropped: [], tokens: 0, calls: 0 } };
    }
    const flightKey = keyString(key);
    const pending = inFlight.get(flightKey);
    if (pending) return structuredClone(await pending);
    const promise = briefUncached(request, key).finally(() => inFlight.delete(flightKey));
    inFlight.set(flightKey, promise);
    return promise;
  }

  return {
    model,
    engineVersion,
    briefWithTrace,
    brief: async (request) => (await briefWithTrace(request)).brief,
    async briefStory({ articles, tenant }) {
      const parts: ArticleBrief[] = [];
      for (const a of articles) {
        parts.push({
          id: a.id,
          brief: (await briefWithTrace({ text: a.text, title: a.title, tenant })).brief,
        });
      }
      return mergeStoryBriefs(parts);
    },
    answer: (request) => answerWithModel(request, { client, budget, logger }),
  };
}

/** Merges the briefs of an article's chunks: key points and questions alternate, earliest first. */
export function mergeChunkBriefs(parts: ModelBrief[]): ModelBrief {
  if (parts.length === 1) return parts[0];
  return {
    keyPoints: interleave(parts.map((p) => p.keyPoints)).slice(0, 8),
    quotes: parts.flatMap((p) => p.quotes),
    openQuestions: interleave(parts.map((p) => p.openQuestions)).slice(0, 4),
  };
}

function interleave<T>(lists: T[][]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) out.push(list[i]);
  return out;
}
