import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { config as loadDotenv } from "dotenv";
import pino from "pino";
import { type Config, loadConfig } from "../../src/config.js";
import { analyseArticle } from "../../src/core/analyse.js";
import { indexArticle } from "../../src/core/qa/article.js";
import { foldText } from "../../src/core/qa/tokens.js";
import { prepareText } from "../../src/core/text/prepare.js";
import type { StoryBrief } from "../../src/core/types.js";
import type { BriefCache } from "../../src/llm/cache.js";
import { createLlmEngine, type LlmEngine, llmConfigured } from "../../src/llm/engine.js";
import { checkKeyPoint } from "../../src/llm/grounding.js";
import { retrievalFromIndex } from "../../src/llm/retrieval.js";
import { createMemoryUsageLedger } from "../../src/llm/usage.js";
import { contentCoverage } from "../../src/llm/words.js";
import { type GoldArticle, simulatedBrief } from "../../test/llm/simulated-model.js";
import { reply, type StandIn, startStandIn } from "../../test/llm/stand-in.js";
import type { EvalContext, EvalSection } from "./types.js";

/**
 * The LLM engine, two ways.
 * - `llm-stand-in` (always runs, no network): a local OpenAI-compatible stand-in plays a model that
 *   returns the gold quotes of PolNeAR plus deliberately corrupted items (invented quote, wrong
 *   speaker, unknown speaker, changed number, wrong sentence id). Measures what the grounding
 *   check keeps and drops, and what the user sees when the server fails.
 * - `llm` (`npm run eval -- --llm`, with OPENAI_API_KEY / OPENAI_BASE_URL set): the real model
 *   against the extractive engine on the same sets: quote end-to-end F1, share of the model's
 *   quotes dropped by grounding, ROUGE of the first three key points vs LEAD-3, tokens and cost.
 */

const noCache: BriefCache = { get: async () => undefined, set: async () => {} };
const silent = pino({ level: "silent" });

function readJsonl<T>(path: string, limit?: number): T[] {
  const lines = readFileSync(path, "utf8").split("\n").filter(Boolean);
  return (limit ? lines.slice(0, limit) : lines).map((l) => JSON.parse(l) as T);
}

function pct(n: number, d: number): string {
  return d === 0 ? "-" : `${((100 * n) / d).toFixed(1)} % (${n}/${d})`;
}

function scoreQuotes(ctx: EvalContext, dir: string, name: string, gold: GoldArticle[], briefs: StoryBrief[]) {
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

function engineOn(baseURL: string, env: Record<string, string> = {}): LlmEngine {
  const config = loadConfig({
    OPENAI_API_KEY: "stand-in",
    OPENAI_BASE_URL: baseURL,
    LLM_DAILY_TOKEN_BUDGET: "0",
    ...env,
  });
  return createLlmEngine({ config, cache: noCache, usage: createMemoryUsageLedger(), logger: silent });
}

async function runStandIn(ctx: EvalContext) {
  // 200 articles by default: enough for stable shares, a minute or two; --limit changes it.
  const articles = readJsonl<GoldArticle>(join(ctx.evalDir, "quotes-dev.jsonl"), ctx.limit ?? 200);
  const standIn = await startStandIn();
  try {
    const engine = engineOn(standIn.baseURL);
    const count = new Map<string, { kept: number; total: number }>();
    const tally = (kind: string, kept: boolean) => {
      const c = count.get(kind) ?? { kept: 0, total: 0 };
      c.total++;
      if (kept) c.kept++;
      count.set(kind, c);
    };
    const reasons = new Map<string, number>();
    const oracleBriefs: StoryBrief[] = [];
    let fellBack = 0;
    let unusable = 0;
    const t0 = performance.now();
    for (const article of articles) {
      const { prepared } = analyseArticle({ text: article.text });
      const sim = simulatedBrief(article, prepared);
      const strip = <T extends { kind: string }>({ kind: _k, ...rest }: T) => rest;
      // Call 1: the genuine items plus an invented quote and two bad key points.
      const invented = sim.corrupt.filter((c) => c.kind === "invented");
      standIn.script(
        reply.json({
          keyPoints: [...sim.lead, ...sim.badKeyPoints.map(strip)],
          quotes: [...sim.quotes, ...invented].map(strip),
          openQuestions: [],
        }),
      );
      const first = await engine.briefWithTrace({ text: article.text });
      if (first.brief.engine === "extractive") fellBack++;
      const droppedTexts = new Set(first.trace.dropped.map((d) => `${d.kind}:${d.text}`));
      const genuineTexts = new Set(sim.quotes.map((q) => q.quote));
      for (const d of first.trace.dropped) {
        if (d.kind === "quote" && genuineTexts.has(d.text))
          reasons.set(d.reason, (reasons.get(d.reason) ?? 0) + 1);
      }
      // Only a brief the model's answer was used for says anything about grounding.
      if (first.trace.outcome !== "llm" && first.trace.outcome !== "grounding-fallback") {
        unusable++;
        continue;
      }
      for (const q of [...sim.quotes, ...invented])
        tally(`quote: ${q.kind}`, !droppedTexts.has(`quote:${q.quote}`));
      for (const k of sim.lead)
        tally("key point: copied from its sentence", !droppedTexts.has(`keyPoint:${k.text}`));
      for (const k of sim.badKeyPoints)
        tally(`key point: ${k.kind}`, !droppedTexts.has(`keyPoint:${k.text}`));
      // The oracle model's quotes after grounding (no extractive replacement), for the F1 upper bound.
      oracleBriefs.push({
        ...first.brief,
        quotes:
          first.brief.engine === "llm"
            ? first.brief.quotes.filter((q) =>
                sim.quotes.some((s) => article.text.includes(q.quote) && s.quote.includes(q.quote)),
              )
            : [],
      });
      // Call 2: the same quotes with a wrong or unknown speaker.
      const wrongSpeakers = sim.corrupt.filter((c) => c.kind !== "invented");
      if (wrongSpeakers.length) {
        for (const w of wrongSpeakers) {
          standIn.script(reply.json({ keyPoints: sim.lead, quotes: [strip(w)], openQuestions: [] }));
          const second = await engine.briefWithTrace({ text: article.text });
          tally(`quote: ${w.kind}`, !second.trace.dropped.some((d) => d.kind === "quote"));
        }
      }
    }
    const ms = performance.now() - t0;
    ctx.log(
      `stand-in model on ${articles.length} PolNeAR articles (${(ms / articles.length).toFixed(1)} ms per article, HTTP included)`,
    );
    for (const [kind, c] of [...count].sort()) {
      const good = kind.includes("genuine") || kind.includes("copied");
      ctx.log(`${kind}: ${good ? "kept" : "dropped"} ${pct(good ? c.kept : c.total - c.kept, c.total)}`);
    }
    ctx.log(`genuine quotes dropped, by reason: ${[...reasons].map(([r, n]) => `${r} ${n}`).join(", ")}`);
    ctx.log(`briefs shown as extractive (too little survived): ${pct(fellBack, articles.length)}`);
    if (unusable) ctx.log(`briefs where the simulated answer was not used (not counted): ${unusable}`);
    ctx.log(
      `key point: human-written highlight (CNN/DM reference, cites its 2 closest sentences): kept ${highlightsKept(ctx)}`,
    );
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-llm-eval-"));
    try {
      const res = scoreQuotes(ctx, dir, "oracle", articles, oracleBriefs);
      ctx.log(
        `oracle model (gold quotes) after grounding: quote e2e F1 ${res.e2e_F1} (what grounding costs a perfect model)`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await failureScenarios(ctx, standIn, articles[0]);
  } finally {
    await standIn.close();
  }
}

/**
 * Real paraphrases: the reference highlights of summ-dev, each citing the two sentences that share
 * most words with it (as a model would). Highlights also draw on other sentences, so not all can pass.
 */
function highlightsKept(ctx: EvalContext): string {
  const items = readJsonl<{ text: string; reference: string[] }>(join(ctx.evalDir, "summ-dev.jsonl"));
  let kept = 0;
  let total = 0;
  for (const item of items) {
    const { prepared } = analyseArticle({ text: item.text });
    for (const highlight of item.reference) {
      const cited = prepared.sentences
        .map((s) => ({ id: s.id, shared: contentCoverage(highlight, s.text).shared }))
        .sort((a, b) => b.shared - a.shared)
        .slice(0, 2)
        .map((s) => s.id);
      total++;
      if (!checkKeyPoint(prepared, { text: highlight, sentences: cited })) kept++;
    }
  }
  return pct(kept, total);
}

/** What the user sees, and how soon, when the server misbehaves. */
async function failureScenarios(ctx: EvalContext, standIn: StandIn, article: GoldArticle) {
  const good = reply.json({
    keyPoints: [{ text: prepareText(article.text).sentences[0].text, sentences: [0] }],
    quotes: [],
    openQuestions: [],
  });
  const scenarios: [string, () => void, Record<string, string>][] = [
    [
      "429 (Retry-After: 1) then success",
      () => standIn.script(reply.error(429, { "retry-after": "1" }), good),
      {},
    ],
    ["500 on every attempt", () => standIn.script(reply.error(500)), {}],
    ["no answer (LLM_TIMEOUT_MS=1000)", () => standIn.script(reply.hang()), { LLM_TIMEOUT_MS: "1000" }],
    ["malformed JSON", () => standIn.script(reply.text("{not json")), {}],
    ["refusal", () => standIn.script(reply.refusal()), {}],
    [
      "no structured outputs (400 on json_schema)",
      () => {
        standIn.rejectJsonSchema = true;
        standIn.script(good);
      },
      {},
    ],
  ];
  for (const [name, setup, env] of scenarios) {
    setup();
    const t0 = performance.now();
    const { brief } = await engineOn(standIn.baseURL, env).briefWithTrace({ text: article.text });
    const ms = performance.now() - t0;
    standIn.rejectJsonSchema = false;
    ctx.log(
      `${name}: engine ${brief.engine}${brief.notes.length ? `, note "${brief.notes.join("; ")}"` : ""} after ${Math.round(ms)} ms`,
    );
  }
}

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

export const llmStandInEval: EvalSection = {
  name: "llm-stand-in (grounding on a simulated model, no network)",
  run: runStandIn,
};

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
