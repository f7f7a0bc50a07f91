import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyseArticle } from "../../src/core/analyse.js";
import { prepareText } from "../../src/core/text/prepare.js";
import type { StoryBrief } from "../../src/core/types.js";
import { checkKeyPoint } from "../../src/llm/grounding.js";
import { contentCoverage } from "../../src/llm/words.js";
import { type GoldArticle, simulatedBrief } from "../../test/llm/simulated-model.js";
import { reply, type StandIn, startStandIn } from "../../test/llm/stand-in.js";
import { engineOn, pct, readJsonl, scoreQuotes } from "./llm-helpers.js";
import { outletOf, type Part, quotesPart } from "./splits.js";
import type { EvalContext, EvalSection } from "./types.js";

/** The `llm-stand-in` section (see llm.ts): grounding measured on a simulated model, no network. */

async function runStandIn(ctx: EvalContext) {
  // All 840 articles by default (about half a minute): every outlet of both parts, so the held-out
  // part has some 250 misattributed quotes rather than the 43 of a 200-article sample, where one
  // quote moved its share by more than two points. --limit takes the first n.
  const articles = readJsonl<GoldArticle>(join(ctx.evalDir, "quotes-dev.jsonl"), ctx.limit);
  const standIn = await startStandIn();
  try {
    const engine = engineOn(standIn.baseURL);
    const count = new Map<string, { kept: number; total: number }>();
    // Quote kinds are also counted per part of the outlet split (splits.ts): a rule is kept only
    // when the held-out outlets agree.
    const byPart = new Map<Part, Map<string, { kept: number; total: number }>>();
    let part: Part = "tuned";
    const add = (into: Map<string, { kept: number; total: number }>, kind: string, kept: boolean) => {
      const c = into.get(kind) ?? { kept: 0, total: 0 };
      c.total++;
      if (kept) c.kept++;
      into.set(kind, c);
    };
    const tally = (kind: string, kept: boolean) => {
      add(count, kind, kept);
      if (!kind.startsWith("quote:")) return;
      const mine = byPart.get(part) ?? new Map();
      byPart.set(part, mine);
      add(mine, kind, kept);
    };
    const reasons = new Map<string, number>();
    const oracleBriefs: StoryBrief[] = [];
    let fellBack = 0;
    let unusable = 0;
    const t0 = performance.now();
    for (const article of articles) {
      part = quotesPart(article.id);
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
    for (const p of ["tuned", "held-out"] as const) {
      const kinds = byPart.get(p);
      if (!kinds) continue;
      const outlets = [...new Set(articles.filter((a) => quotesPart(a.id) === p).map((a) => outletOf(a.id)))];
      const shown = ["quote: genuine", "quote: misattributed"].map((kind) => {
        const c = kinds.get(kind) ?? { kept: 0, total: 0 };
        const good = kind.includes("genuine");
        return `${kind.slice(7)} ${good ? "kept" : "dropped"} ${pct(good ? c.kept : c.total - c.kept, c.total)}`;
      });
      ctx.log(`  ${p} (${outlets.join(", ")}): ${shown.join(" · ")}`);
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

export const llmStandInEval: EvalSection = {
  name: "llm-stand-in (grounding on a simulated model, no network)",
  run: runStandIn,
};
