import { type Config, llmConfigured } from "../config.js";
import { buildExtractiveBrief } from "../core/analyse.js";
import type { StoryBrief } from "../core/types.js";
import { UserError } from "./types.js";

export type EngineChoice = "auto" | "extractive" | "llm";

export type Briefer = (input: { text: string; title?: string }) => Promise<StoryBrief>;

/**
 * The brief maker for the command line: the extractive engine, or the LLM engine (with its
 * extractive fallback) when one is configured and asked for. The LLM code, the openai client and
 * the logger are loaded only when used (pino alone is ~25 ms of every `summary`'s start-up); its
 * cache and token ledger live for this one process.
 */
export async function createCliBriefer(config: Config, choice: EngineChoice): Promise<Briefer> {
  const configured = llmConfigured(config);
  if (choice === "llm" && !configured) {
    throw new UserError(
      "--engine llm needs a model: set OPENAI_API_KEY (and OPENAI_BASE_URL for other servers)",
    );
  }
  if (choice === "extractive" || !configured) return async (input) => buildExtractiveBrief(input);
  const [{ createLlmEngine, createMemoryBriefCache, createMemoryUsageLedger }, { pino }] = await Promise.all([
    import("../llm/index.js"),
    import("pino"),
  ]);
  const engine = createLlmEngine({
    config,
    cache: createMemoryBriefCache(),
    usage: createMemoryUsageLedger(),
    // stdout carries the result; problems with the model go to stderr.
    logger: pino({ level: config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL }, pino.destination(2)),
  });
  return (input) => engine.brief({ ...input, tenant: "cli" });
}
