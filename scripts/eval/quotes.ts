import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCliBriefer } from "../../src/cli/briefer.js";
import { summaryLineHandler } from "../../src/cli/summary.js";
import { loadConfig } from "../../src/config.js";
import { type GoldQuote, matchQuotes, speakerRight } from "./quote-judge.js";
import { outletOf, quotesPart, ratio } from "./splits.js";
import type { EvalSection } from "./types.js";

interface ContractQuote {
  quote: string;
  speaker: string | null;
  speakerConfidence: "high" | "low";
}

/** Per found quote paired with a direct gold quote whose speaker is known: its confidence and whether its speaker is right. */
function judged(gold: GoldQuote[], predicted: ContractQuote[]): { high: boolean; right: boolean }[] {
  return [...matchQuotes(gold, predicted)].map(([j, g]) => ({
    high: predicted[j]!.speakerConfidence === "high",
    right: speakerRight(predicted[j]!.speaker, g),
  }));
}

/**
 * Quote extraction and attribution on PolNeAR (quotes-dev.jsonl), scored by the set's own
 * score_quotes.py, through the product path: each article goes through the very function
 * `newsdesk summary --jsonl --engine extractive` runs for a line `{"id","text"}`. Scored on the
 * whole set, per outlet, and on the tuned and held-out parts (scripts/eval/splits.ts).
 */
export const quotesEval: EvalSection = {
  name: "quotes (PolNeAR, score_quotes.py)",
  async run(ctx) {
    const gold = join(ctx.evalDir, "quotes-dev.jsonl");
    const lines = readFileSync(gold, "utf8").split("\n").filter(Boolean);
    const items = ctx.limit ? lines.slice(0, ctx.limit) : lines;
    const config = loadConfig({});
    const handle = summaryLineHandler(await createCliBriefer(config, "extractive"), config.MAX_TEXT_BYTES);
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-eval-"));
    try {
      const rows: { id: string; gold: string; pred: string; judged: ReturnType<typeof judged> }[] = [];
      const t0 = performance.now();
      for (const line of items) {
        const a = JSON.parse(line) as { id: string; text: string };
        const out = await handle({ id: a.id, text: a.text });
        const predicted = out.quotes as ContractQuote[];
        const quotes = predicted.map((q) => ({ quote: q.quote, speaker: q.speaker }));
        const gold = (JSON.parse(line) as { quotes: GoldQuote[] }).quotes;
        rows.push({
          id: a.id,
          gold: line,
          pred: JSON.stringify({ id: a.id, quotes }),
          judged: judged(gold, predicted),
        });
      }
      const ms = performance.now() - t0;
      const score = (subset: typeof rows): Record<string, number> => {
        writeFileSync(join(dir, "pred.jsonl"), `${subset.map((r) => r.pred).join("\n")}\n`);
        writeFileSync(join(dir, "gold.jsonl"), `${subset.map((r) => r.gold).join("\n")}\n`);
        const out = execFileSync(
          "python3",
          [join(ctx.evalDir, "score_quotes.py"), join(dir, "gold.jsonl"), join(dir, "pred.jsonl")],
          { encoding: "utf8" },
        );
        return JSON.parse(out.split("\n")[0]!) as Record<string, number>;
      };
      const confidence = (subset: typeof rows) => {
        const all = subset.flatMap((r) => r.judged);
        const high = all.filter((j) => j.high);
        return `high on ${ratio(high.length, all.length)} of found quotes, wrong among high ${ratio(high.filter((j) => !j.right).length, high.length)}`;
      };
      const line = (label: string, subset: typeof rows) => {
        const r = score(subset);
        ctx.log(
          `  ${label.padEnd(14)} ${String(r.gold).padStart(5)} gold quotes · extraction F1 ${r.extract_F1} · speaker right on matched ${r.attr_acc_on_matched} · end-to-end F1 ${r.e2e_F1} · ${confidence(subset)}${r.gold! < 50 ? " (too few quotes to judge)" : ""}`,
        );
      };
      const all = score(rows);
      ctx.log(`articles: ${items.length} (${(ms / items.length).toFixed(1)} ms per article, whole brief)`);
      ctx.log(`score_quotes.py: ${JSON.stringify(all)}`);
      ctx.log(
        `quote extraction F1 ${all.extract_F1} (target ≥ 0.95) · speaker right on matched ${all.attr_acc_on_matched} (target ≥ 0.90) · end-to-end F1 ${all.e2e_F1} (target ≥ 0.86)`,
      );
      ctx.log(`speakerConfidence: ${confidence(rows)} (targets: high on ≥ 0.85, wrong among high ≤ 0.04)`);
      ctx.log("by part (tune on one, keep a change only when the other agrees):");
      for (const part of ["tuned", "held-out"] as const) {
        const subset = rows.filter((r) => quotesPart(r.id) === part);
        if (subset.length) line(`${part} (${subset.length})`, subset);
      }
      ctx.log("by outlet:");
      const outlets = [...new Set(rows.map((r) => outletOf(r.id)))].sort();
      for (const outlet of outlets) {
        const subset = rows.filter((r) => outletOf(r.id) === outlet);
        line(`${outlet}${quotesPart(subset[0]!.id) === "held-out" ? "*" : ""}`, subset);
      }
      ctx.log("  (* held out)");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
