import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pino from "pino";
import { loadConfig } from "../../src/config.js";
import type { StoryBrief } from "../../src/core/types.js";
import type { BriefCache } from "../../src/llm/cache.js";
import { createLlmEngine, type LlmEngine } from "../../src/llm/engine.js";
import { createMemoryUsageLedger } from "../../src/llm/usage.js";
import type { GoldArticle } from "../../test/llm/simulated-model.js";
import type { EvalContext } from "./types.js";

/** What both LLM sections (llm.ts, llm-stand-in.ts) share: reading sets, scoring quotes, an engine. */

export const noCache: BriefCache = { get: async () => undefined, set: async () => {} };
export const silent = pino({ level: "silent" });

export function readJsonl<T>(path: string, limit?: number): T[] {
  const lines = readFileSync(path, "utf8").split("\n").filter(Boolean);
  return (limit ? lines.slice(0, limit) : lines).map((l) => JSON.parse(l) as T);
}

export function pct(n: number, d: number): string {
  return d === 0 ? "-" : `${((100 * n) / d).toFixed(1)} % (${n}/${d})`;
}

export function scoreQuotes(
  ctx: EvalContext,
  dir: string,
  name: string,
  gold: GoldArticle[],
  briefs: StoryBrief[],
) {
  const goldFile = join(dir, "gold.jsonl");
  const predFile = join(dir, `${name}.jsonl`);
  writeFileSync(goldFile, `${gold.map((g) => JSON.stringify(g)).join("\n")}\n`);
  const preds = gold.map((g, i) =>
    JSON.stringify({
      id: g.id,
      quotes: briefs[i].quotes.map((q) => ({ quote: q.quote, speaker: q.speaker })),
    }),
  );
  writeFileSync(predFile, `${preds.join("\n")}\n`);
  const out = execFileSync("python3", [join(ctx.evalDir, "score_quotes.py"), goldFile, predFile], {
    encoding: "utf8",
  });
  return JSON.parse(out.split("\n")[0]) as Record<string, number>;
}

export function engineOn(baseURL: string, env: Record<string, string> = {}): LlmEngine {
  const config = loadConfig({
    OPENAI_API_KEY: "stand-in",
    OPENAI_BASE_URL: baseURL,
    LLM_DAILY_TOKEN_BUDGET: "0",
    ...env,
  });
  return createLlmEngine({ config, cache: noCache, usage: createMemoryUsageLedger(), logger: silent });
}
