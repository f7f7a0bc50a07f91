import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCliBriefer } from "../../src/cli/briefer.js";
import { summaryLineHandler } from "../../src/cli/summary.js";
import { loadConfig } from "../../src/config.js";
import { prepareText } from "../../src/core/text/prepare.js";
import type { EvalSection } from "./types.js";

/**
 * Key points on CNN/DailyMail (summ-dev.jsonl): ROUGE-1/2/Lsum of the first three key points (one
 * per line) against the reference highlights, next to LEAD-3 — the first three sentences of the
 * same prepared text — computed in the same run, both scored by ../shared/eval/rouge.py.
 * Target: key points at or above LEAD-3 on ROUGE-1 and ROUGE-2 (LEAD-3 ≈ 41.7 / 19.2).
 */

interface SummItem {
  id: string;
  text: string;
  title?: string;
  reference: string[];
}

type RougeScores = Record<"rouge1" | "rouge2" | "rougeLsum", number>;

export const summEval: EvalSection = {
  name: "summ (CNN/DailyMail key points, rouge.py)",
  async run(ctx) {
    const lines = readFileSync(join(ctx.evalDir, "summ-dev.jsonl"), "utf8").split("\n").filter(Boolean);
    const items = (ctx.limit ? lines.slice(0, ctx.limit) : lines).map((l) => JSON.parse(l) as SummItem);
    const keyPoints: string[] = [];
    const lead3: string[] = [];
    let words = 0;
    const t0 = performance.now();
    // Key points through the product path: what `newsdesk summary --jsonl --engine extractive` runs.
    const config = loadConfig({});
    const summarise = summaryLineHandler(await createCliBriefer(config, "extractive"), config.MAX_TEXT_BYTES);
    for (const item of items) {
      const out = await summarise({ id: item.id, text: item.text, title: item.title });
      // LEAD-3 needs only the prepared sentences, prepared as the brief prepares them.
      const prepared = prepareText(item.text, { detectTitle: item.title === undefined });
      words += item.text.split(/\s+/).filter(Boolean).length;
      const prediction = (out.keyPoints as { text: string }[]).slice(0, 3).map((k) => oneLine(k.text));
      keyPoints.push(JSON.stringify({ prediction, reference: item.reference }));
      const lead = prepared.sentences.slice(0, 3).map((s) => oneLine(s.text));
      lead3.push(JSON.stringify({ prediction: lead, reference: item.reference }));
    }
    const ms = performance.now() - t0;

    const dir = mkdtempSync(join(tmpdir(), "newsdesk-summ-eval-"));
    try {
      const ours = scoreRouge(ctx.evalDir, dir, "keypoints", keyPoints);
      const lead = scoreRouge(ctx.evalDir, dir, "lead3", lead3);
      ctx.log(
        `articles: ${items.length} (${(ms / items.length).toFixed(1)} ms per whole brief in one cold pass — speed is measured by npm run bench; ${Math.round(words / (ms / 1000)).toLocaleString("en")} words/s)`,
      );
      ctx.log(`key points (first 3): ${formatScores(ours)}`);
      ctx.log(`LEAD-3 (same text):   ${formatScores(lead)}`);
      const met = ours.rouge1 >= lead.rouge1 && ours.rouge2 >= lead.rouge2;
      ctx.log(
        `target: key points ≥ LEAD-3 on ROUGE-1 and ROUGE-2 — ${met ? "met" : "NOT met"} (Δ R1 ${signed(ours.rouge1 - lead.rouge1)}, Δ R2 ${signed(ours.rouge2 - lead.rouge2)})`,
      );
    } catch (err) {
      ctx.log(`summ: scoring failed (python3 and rouge.py needed): ${(err as Error).message}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** rouge.py splits sentences on newlines (for Lsum): a sentence must not contain one. */
function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

function scoreRouge(evalDir: string, dir: string, name: string, lines: string[]): RougeScores {
  const file = join(dir, `${name}.jsonl`);
  writeFileSync(file, `${lines.join("\n")}\n`);
  const out = execFileSync("python3", [join(evalDir, "rouge.py"), "--jsonl", file], { encoding: "utf8" });
  const f1 = (type: string): number => {
    const m = new RegExp(`^${type}\\s.*F1\\s+([\\d.]+)`, "m").exec(out);
    if (!m) throw new Error(`rouge.py printed no ${type} F1:\n${out}`);
    return Number(m[1]);
  };
  return { rouge1: f1("rouge1"), rouge2: f1("rouge2"), rougeLsum: f1("rougeLsum") };
}

function formatScores(s: RougeScores): string {
  return `ROUGE-1 ${s.rouge1.toFixed(2)}  ROUGE-2 ${s.rouge2.toFixed(2)}  ROUGE-Lsum ${s.rougeLsum.toFixed(2)}`;
}

function signed(n: number): string {
  return `${n >= 0 ? "+" : ""}${n.toFixed(2)}`;
}
