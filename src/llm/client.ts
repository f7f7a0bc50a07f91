import OpenAI from "openai";
import type { Logger } from "pino";
import { backoffMs, type CircuitBreaker, type Clock, type RetryPolicy, retryAfterMs } from "./resilience.js";

/**
 * The one place that talks to the model. Asks for JSON-schema structured output and steps down
 * to JSON mode, then to a plain prompt, on servers that reject it (remembered per client);
 * retries 429/5xx/connection errors with bounded backoff inside one deadline; reports every
 * failure as a value, never a throw, so callers always have an answer for the user.
 */

export interface ChatMessage {
  role: "system" | "user";
  content: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  jsonSchema: { name: string; strict: boolean; schema: Record<string, unknown> };
  maxOutputTokens: number;
}

export interface TokenUsage {
  prompt: number;
  completion: number;
  total: number;
}

export type ChatFailure = "timeout" | "unavailable" | "refused" | "rejected" | "breaker-open";

export type ChatOutcome =
  | { ok: true; content: string; usage: TokenUsage; finishReason: string }
  | { ok: false; failure: ChatFailure; detail: string; usage?: TokenUsage };

export interface ChatClient {
  readonly model: string;
  /** `response_format` mode currently used: drops once a server rejects the richer one. */
  readonly mode: ResponseMode;
  complete(request: ChatRequest): Promise<ChatOutcome>;
}

export type ResponseMode = "json_schema" | "json_object" | "none";

export interface ChatClientOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** The whole call, retries and waits included, ends by then. */
  timeoutMs: number;
  retry: RetryPolicy;
  breaker: CircuitBreaker;
  clock: Clock;
  logger: Logger;
}

const RETRYABLE_STATUS = new Set([408, 409, 429]);

function rejectsResponseFormat(err: InstanceType<typeof OpenAI.APIError>): boolean {
  if (err.status !== 400 && err.status !== 422 && err.status !== 501) return false;
  return /response_format|json_schema|json_object|structured|schema|not supported/i.test(err.message);
}

/** Request parameters some models reject (reasoning models: no temperature, max_completion_tokens). */
interface RequestParams {
  temperature: boolean;
  tokenLimit: "max_tokens" | "max_completion_tokens";
}

/** Adapts to a 400 naming a parameter the model does not take; false when there is nothing to adapt. */
function adaptParams(params: RequestParams, message: string): boolean {
  if (params.tokenLimit === "max_tokens" && /max_tokens/.test(message)) {
    params.tokenLimit = "max_completion_tokens";
    return true;
  }
  if (params.temperature && /temperature/i.test(message)) {
    params.temperature = false;
    return true;
  }
  return false;
}

function usageOf(res: OpenAI.Chat.Completions.ChatCompletion): TokenUsage {
  const prompt = res.usage?.prompt_tokens ?? 0;
  const completion = res.usage?.completion_tokens ?? 0;
  return { prompt, completion, total: res.usage?.total_tokens ?? prompt + completion };
}

export function createChatClient(options: ChatClientOptions): ChatClient {
  const { clock, breaker, retry, logger } = options;
  const openai = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: 0,
    timeout: options.timeoutMs,
  });
  let mode: ResponseMode = "json_schema";
  const params: RequestParams = { temperature: true, tokenLimit: "max_tokens" };

  function responseFormat(request: ChatRequest) {
    if (mode === "json_schema") return { type: "json_schema" as const, json_schema: request.jsonSchema };
    if (mode === "json_object") return { type: "json_object" as const };
    return undefined;
  }

  async function complete(request: ChatRequest): Promise<ChatOutcome> {
    if (!breaker.allow()) return { ok: false, failure: "breaker-open", detail: "circuit breaker open" };
    const deadline = clock.now() + options.timeoutMs;
    let retries = 0;
    for (;;) {
      const remaining = deadline - clock.now();
      if (remaining <= 0) {
        breaker.failure();
        return { ok: false, failure: "timeout", detail: `no answer within ${options.timeoutMs} ms` };
      }
      const format = responseFormat(request);
      try {
        const res = await openai.chat.completions.create(
          {
            model: options.model,
            messages: request.messages,
            ...(params.temperature ? { temperature: 0 } : {}),
            ...(params.tokenLimit === "max_tokens"
              ? { max_tokens: request.maxOutputTokens }
              : { max_completion_tokens: request.maxOutputTokens }),
            ...(format ? { response_format: format } : {}),
          },
          { timeout: remaining, maxRetries: 0 },
        );
        breaker.success();
        const usage = usageOf(res);
        const choice = res.choices?.[0];
        const refusal = choice?.message?.refusal;
        if (refusal || choice?.finish_reason === "content_filter") {
          return { ok: false, failure: "refused", detail: refusal ?? "content filter", usage };
        }
        return {
          ok: true,
          content: choice?.message?.content ?? "",
          usage,
          finishReason: choice?.finish_reason ?? "stop",
        };
      } catch (err) {
        if (err instanceof OpenAI.APIConnectionTimeoutError) {
          breaker.failure();
          return { ok: false, failure: "timeout", detail: `no answer within ${options.timeoutMs} ms` };
        }
        if (err instanceof OpenAI.APIError && err.status === 400 && adaptParams(params, err.message)) {
          logger.warn({ params }, "llm server rejected a parameter; adapting");
          continue;
        }
        if (err instanceof OpenAI.APIError && err.status !== undefined && mode !== "none") {
          if (rejectsResponseFormat(err)) {
            mode = mode === "json_schema" ? "json_object" : "none";
            logger.warn(
              { status: err.status, mode },
              "llm server rejected the response format; stepping down",
            );
            continue;
          }
        }
        const status = err instanceof OpenAI.APIError ? err.status : undefined;
        const connection = err instanceof OpenAI.APIConnectionError;
        const retryable =
          connection || (status !== undefined && (RETRYABLE_STATUS.has(status) || status >= 500));
        const detail = err instanceof Error ? err.message : String(err);
        if (!retryable) {
          breaker.failure();
          logger.warn({ status, detail }, "llm request rejected");
          return { ok: false, failure: "rejected", detail };
        }
        const headers = err instanceof OpenAI.APIError ? err.headers : undefined;
        const wait = retryAfterMs(headers, clock.now()) ?? backoffMs(retry, retries);
        retries++;
        if (retries >= retry.attempts || clock.now() + wait >= deadline) {
          breaker.failure();
          logger.warn({ status, retries, wait }, "llm unavailable; giving up");
          return { ok: false, failure: "unavailable", detail };
        }
        logger.info({ status, retry: retries, waitMs: Math.round(wait) }, "llm retrying");
        await clock.sleep(wait);
      }
    }
  }

  return {
    model: options.model,
    get mode() {
      return mode;
    },
    complete,
  };
}
