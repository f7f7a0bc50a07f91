import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { config as loadDotenv } from "dotenv";
import { type Config, loadConfig } from "../../src/config.js";
import { analyseArticle } from "../../src/core/analyse.js";
import { indexArticle } from "../../src/core/qa/article.js";
import { foldText } from "../../src/core/qa/tokens.js";
import type { StoryBrief } from "../../src/core/types.js";
import { createLlmEngine, type LlmEngine, llmConfigured } from "../../src/llm/engine.js";
import { retrievalFromIndex } from "../../src/llm/retrieval.js";
import { createMemoryUsageLedger } from "../../src/llm/usage.js";
import type { GoldArticle } from "../../test/llm/simulated-model.js";
import { noCache, pct, readJsonl, scoreQuotes, silent } from "./llm-helpers.js";
import type { EvalContext, EvalSection } from "./types.js";

export { llmStandInEval } from "./llm-stand-in.js";

/**
 * The LLM engine, two ways.
 * - `llm-stand-in` (always runs, no network): a local OpenAI-compatible stand-in plays a model that
 *   returns the gold quotes of PolNeAR plus deliberately corrupted items (invented quote, wrong
 *   speaker, unknown speaker, changed number, wrong sentence id). Measures what the grounding
 *   check keeps and drops, and what the user sees when the server fails.
 * - `llm` (`npm run eval -- --llm`, with OPENAI_API_KEY / OPENAI_BASE_URL set): the real model
 *   against the extractive engine on the same sets: quote end-to-end F1, share of the model's
 *   quotes dropped by grounding, ROUGE of the first three key points vs LEAD-3, tokens and cost.
 * The stand-in section lives in llm-stand-in.ts, what both share in llm-helpers.ts.
 */

const PRICES_PER_MILLION: Record<string, [number, number]> = {
  "gpt-4o-mini": [0.15, 0.6],
  "gpt-4.1-mini": [0.4, 1.6],
  "gpt-4.1-nano": [0.1, 0.4],
  "gpt-4o": [2.5, 10],
};

async function runRealModel(ctx: EvalContext, config: Config) {
  const engine = createLlmEngine({
    config: { ...config, LLM_DAILY_TOKEN_BUDGET: 0 },
    cache: noCache,
    usage: createMemoryUsageLedger(),
    logger: silent,
  });
  const limit = ctx.limit ?? 50;
  ctx.log(
    `model ${config.OPENAI_MODEL} at ${config.OPENAI_BASE_URL ?? "api.openai.com"}, ${limit} items per set`,
  );
  const articles = readJsonl<GoldArticle>(join(ctx.evalDir, "quotes-dev.jsonl"), limit);
  const llmBriefs: StoryBrief[] = [];
  const extractive: StoryBrief[] = [];
  let modelQuotes = 0;
  let droppedQuotes = 0;
  let prompt = 0;
  let completion = 0;
  let fallbacks = 0;
  for (const a of articles) {
    const { brief, trace } = await engine.briefWithTrace({ text: a.text, tenant: "eval" });
    llmBriefs.push(brief);
    extractive.push(analyseArticle({ text: a.text }).brief);
    modelQuotes += trace.modelQuotes ?? 0;
    droppedQuotes += trace.dropped.filter((d) => d.kind === "quote").length;
    prompt += trace.promptTokens ?? 0;
    completion += trace.completionTokens ?? 0;
    if (trace.outcome !== "llm") fallbacks++;
  }
  const dir = mkdtempSync(join(tmpdir(), "newsdesk-llm-eval-"));
  try {
    const ours = scoreQuotes(ctx, dir, "llm", articles, llmBriefs);
    const base = scoreQuotes(ctx, dir, "extractive", articles, extractive);
    ctx.log(
      `quotes e2e F1: llm ${ours.e2e_F1} vs extractive ${base.e2e_F1} (extraction F1 ${ours.extract_F1} vs ${base.extract_F1})`,
    );
    ctx.log(
      `model quotes dropped by grounding: ${pct(droppedQuotes, modelQuotes)}; briefs not from the model: ${pct(fallbacks, articles.length)}`,
    );
    const summ = readJsonl<{ id: string; text: string; reference: string[] }>(
      join(ctx.evalDir, "summ-dev.jsonl"),
      limit,
    );
    const rows: Record<"llm" | "extractive" | "lead3", string[]> = { llm: [], extractive: [], lead3: [] };
    for (const s of summ) {
      const { brief, trace } = await engine.briefWithTrace({ text: s.text, tenant: "eval" });
      prompt += trace.promptTokens ?? 0;
      completion += trace.completionTokens ?? 0;
      const { prepared, brief: ex } = analyseArticle({ text: s.text });
      const line = (texts: string[]) =>
        JSON.stringify({ prediction: texts.map((t) => t.replace(/\s+/g, " ")), reference: s.reference });
      rows.llm.push(line(brief.keyPoints.slice(0, 3).map((k) => k.text)));
      rows.extractive.push(line(ex.keyPoints.slice(0, 3).map((k) => k.text)));
      rows.lead3.push(line(prepared.sentences.slice(0, 3).map((x) => x.text)));
    }
    for (const [name, lines] of Object.entries(rows)) {
      const file = join(dir, `rouge-${name}.jsonl`);
      writeFileSync(file, `${lines.join("\n")}\n`);
      const out = execFileSync("python3", [join(ctx.evalDir, "rouge.py"), "--jsonl", file], {
        encoding: "utf8",
      });
      const f1 = (t: string) => new RegExp(`^${t}\\s.*F1\\s+([\\d.]+)`, "m").exec(out)?.[1] ?? "?";
      ctx.log(`ROUGE-1/2/Lsum ${name.padEnd(10)} ${f1("rouge1")} / ${f1("rouge2")} / ${f1("rougeLsum")}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const qa = await qaSideBySide(ctx, engine, limit);
  prompt += qa.prompt;
  completion += qa.completion;
  const n = articles.length + limit + qa.count;
  const price = PRICES_PER_MILLION[config.OPENAI_MODEL];
  const cost = price
    ? ` · $${(((prompt * price[0] + completion * price[1]) / 1e6 / n) * 1000).toFixed(3)} per 1,000 items`
    : "";
  ctx.log(
    `tokens per item (brief or answer): ${Math.round(prompt / n)} prompt + ${Math.round(completion / n)} completion${cost}`,
  );
}

/** SQuAD sample: a gold answer in the answer text or its first cited sentence (the qa section's rule). */
async function qaSideBySide(ctx: EvalContext, engine: LlmEngine, limit: number) {
  const items = readJsonl<{ id: string; context: string; question: string; answers: string[] }>(
    join(ctx.evalDir, "qa-dev.jsonl"),
    limit,
  );
  let llmHit = 0;
  let exHit = 0;
  let llmAnswered = 0;
  let prompt = 0;
  let completion = 0;
  for (const item of items) {
    const story = retrievalFromIndex(indexArticle(item.id, { text: item.context, title: "" }));
    const gold = item.answers.map(foldText);
    const hits = (texts: (string | null | undefined)[]) =>
      texts.some((t) => t && gold.some((g) => foldText(t).includes(g)));
    const ex = story.extractive(item.question);
    if (hits([ex.sentences[0]?.text])) exHit++;
    const a = await engine.answer({ question: item.question, ...story, tenant: `qa-${item.id}` });
    if (a.engine === "llm") llmAnswered++;
    if (hits([a.answer, a.sentences[0]?.text])) llmHit++;
    prompt += a.usage?.prompt ?? 0;
    completion += a.usage?.completion ?? 0;
  }
  ctx.log(
    `QA accuracy (${items.length} SQuAD questions): llm ${(llmHit / items.length).toFixed(3)} vs extractive ${(exHit / items.length).toFixed(3)}; answered by the model ${pct(llmAnswered, items.length)}`,
  );
  return { count: items.length, prompt, completion };
}

export const llmEval: EvalSection = {
  name: "llm (model vs extractive; needs --llm and a configured model)",
  async run(ctx) {
    if (!ctx.llm) {
      ctx.log(
        "skipped: run `npm run eval -- --llm` with OPENAI_API_KEY (and OPENAI_BASE_URL for other servers)",
      );
      return;
    }
    // Like `newsdesk start`: a key in .env counts (the environment wins over the file).
    loadDotenv({ quiet: true });
    const config = loadConfig(process.env);
    if (!llmConfigured(config)) {
      ctx.log("skipped: OPENAI_API_KEY or OPENAI_BASE_URL is not set");
      return;
    }
    await runRealModel(ctx, config);
  },
};
