import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractQuotes } from "../../src/core/analysis/quotes.js";
import { prepareText } from "../../src/core/text/prepare.js";
import type { EvalSection } from "./types.js";

/**
 * Quote extraction and attribution on PolNeAR (quotes-dev.jsonl), scored by the set's own
 * score_quotes.py. The engine runs in process; predictions go to a temp file outside the repo.
 */
export const quotesEval: EvalSection = {
  name: "quotes (PolNeAR, score_quotes.py)",
  async run(ctx) {
    const gold = join(ctx.evalDir, "quotes-dev.jsonl");
    const lines = readFileSync(gold, "utf8").split("\n").filter(Boolean);
    const items = ctx.limit ? lines.slice(0, ctx.limit) : lines;
    const dir = mkdtempSync(join(tmpdir(), "newsdesk-eval-"));
    try {
      const preds: string[] = [];
      const goldSubset: string[] = [];
      const t0 = performance.now();
      for (const line of items) {
        const a = JSON.parse(line) as { id: string; text: string };
        const quotes = extractQuotes(prepareText(a.text, { detectTitle: false }));
        preds.push(
          JSON.stringify({
            id: a.id,
            quotes: quotes.map((q) => ({ quote: q.quote, speaker: q.speaker })),
          }),
        );
        goldSubset.push(line);
      }
      const ms = performance.now() - t0;
      writeFileSync(join(dir, "pred.jsonl"), `${preds.join("\n")}\n`);
      writeFileSync(join(dir, "gold.jsonl"), `${goldSubset.join("\n")}\n`);
      const out = execFileSync(
        "python3",
        [join(ctx.evalDir, "score_quotes.py"), join(dir, "gold.jsonl"), join(dir, "pred.jsonl")],
        {
          encoding: "utf8",
        },
      );
      const res = JSON.parse(out.split("\n")[0]) as Record<string, number>;
      ctx.log(`articles: ${items.length} (${(ms / items.length).toFixed(1)} ms per article)`);
      ctx.log(`score_quotes.py: ${out.split("\n")[0]}`);
      ctx.log(
        `quote extraction F1 ${res.extract_F1} (target ≥ 0.95) · speaker right on matched ${res.attr_acc_on_matched} (target ≥ 0.90) · end-to-end F1 ${res.e2e_F1} (target ≥ 0.85)`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
