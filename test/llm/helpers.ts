import { readFileSync } from "node:fs";
import pino from "pino";
import { loadConfig } from "../../src/config.js";
import { analyseArticle } from "../../src/core/analyse.js";
import { prepareText } from "../../src/core/text/prepare.js";
import type { PreparedText } from "../../src/core/types.js";
import { type BriefCache, createMemoryBriefCache } from "../../src/llm/cache.js";
import { createLlmEngine, type LlmEngine } from "../../src/llm/engine.js";
import { groundBrief } from "../../src/llm/grounding.js";
import type { Clock } from "../../src/llm/resilience.js";
import { createMemoryUsageLedger, type UsageLedger } from "../../src/llm/usage.js";
import type { StandIn } from "./stand-in.js";

export const councilArticle = readFileSync(
  new URL("../fixtures/llm/council-bridge.txt", import.meta.url),
  "utf8",
);

/**
 * The grounding verdict on a model's speaker for `quote` (the reason it was dropped, or undefined
 * when kept), against the deterministic engine's evidence for the article.
 */
export function speakerVerdict(text: string, quote: string, speaker: string): string | undefined {
  const { prepared, brief } = analyseArticle({ text });
  const sentence = prepared.sentences.find((s) => s.text.includes(quote))!.id;
  const grounded = groundBrief(
    { prepared, entities: brief.entities, extractiveQuotes: brief.quotes },
    { keyPoints: [], openQuestions: [], quotes: [{ quote, speaker, sentence }] },
  );
  return grounded.dropped[0]?.reason;
}

/** Id of the first sentence containing `fragment` (fails loudly when there is none). */
export function idOf(prepared: PreparedText, fragment: string): number {
  const s = prepared.sentences.find((x) => x.text.includes(fragment));
  if (!s) throw new Error(`no sentence contains "${fragment}"`);
  return s.id;
}

export function prepared(text: string): PreparedText {
  return prepareText(text);
}

/** A clock on real time whose sleeps are recorded and return at once (retry waits are asserted, not waited). */
export function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now(),
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
  };
}

export interface TestEngine {
  engine: LlmEngine;
  cache: BriefCache;
  usage: UsageLedger;
  clock: ReturnType<typeof recordingClock>;
}

export function engineFor(
  standIn: StandIn,
  env: Record<string, string> = {},
  maxArticleTokens?: number,
): TestEngine {
  const config = loadConfig({
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: standIn.baseURL,
    OPENAI_MODEL: "stand-in-model",
    // Generous: a loaded CI machine must not turn a slow loopback answer into a timeout.
    LLM_TIMEOUT_MS: "10000",
    ...env,
  });
  const cache = createMemoryBriefCache();
  const usage = createMemoryUsageLedger();
  const clock = recordingClock();
  const engine = createLlmEngine({
    config,
    cache,
    usage,
    logger: pino({ level: "silent" }),
    clock,
    retry: { attempts: 3, baseDelayMs: 10 },
    breaker: { failureThreshold: 3, cooldownMs: 60_000 },
    maxArticleTokens,
  });
  return { engine, cache, usage, clock };
}
