import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { extractFromHtml } from "../../src/ingest/extract/html-article.js";
import type { EvalSection } from "./types.js";

/**
 * Article extraction on the ScrapingHub benchmark (../shared/eval/extract): our extractor over
 * every page, scored by the benchmark's own metric (metric.py, word 4-gram shingles).
 * Target: F1 ≥ 0.96 (published: readability.js 0.947, trafilatura 0.958, best 0.970).
 */
export const extractEval: EvalSection = {
  name: "extract",
  async run(ctx) {
    const dir = join(ctx.evalDir, "extract");
    if (!existsSync(join(dir, "ground-truth.json"))) {
      ctx.log(`extract: ${dir} not found — skipped`);
      return;
    }
    const truth = JSON.parse(readFileSync(join(dir, "ground-truth.json"), "utf8")) as Record<
      string,
      { articleBody: string; url?: string }
    >;
    let ids = Object.keys(truth).filter((id) => existsSync(join(dir, "html", `${id}.html.gz`)));
    if (ctx.limit) ids = ids.slice(0, ctx.limit);
    const predictions: Record<string, { articleBody: string }> = {};
    const subset: Record<string, unknown> = {};
    let empty = 0;
    const started = performance.now();
    for (const id of ids) {
      const html = gunzipSync(readFileSync(join(dir, "html", `${id}.html.gz`))).toString("utf8");
      const page = extractFromHtml(html, truth[id].url);
      if (!page.text) empty++;
      predictions[id] = { articleBody: page.text };
      subset[id] = truth[id];
    }
    const seconds = (performance.now() - started) / 1000;
    // The metric runs outside the repository, on a temp copy of predictions (and of the
    // ground truth when --limit takes a subset, since metric.py wants the same keys).
    const work = mkdtempSync(join(tmpdir(), "newsdesk-extract-eval-"));
    try {
      const predPath = join(work, "newsdesk.json");
      const gtPath = join(work, "ground-truth.json");
      writeFileSync(predPath, JSON.stringify(predictions));
      writeFileSync(gtPath, JSON.stringify(subset));
      const metricsPath = join(work, "metrics.json");
      execFileSync(
        "python3",
        [join(dir, "metric.py"), "--gt", gtPath, "--n-bootstrap", "200", "--json", metricsPath, predPath],
        {
          stdio: ["ignore", "ignore", "inherit"],
        },
      );
      const m = JSON.parse(readFileSync(metricsPath, "utf8")).newsdesk as Record<string, number>;
      const f = (k: string) => `${m[k].toFixed(3)} ± ${m[`${k}_std`].toFixed(3)}`;
      ctx.log(`extract: ${ids.length} pages in ${seconds.toFixed(1)} s, ${empty} empty`);
      ctx.log(
        `extract: F1 ${f("f1")}  precision ${f("precision")}  recall ${f("recall")}  accuracy ${f("accuracy")}`,
      );
      ctx.log(`extract: target F1 ≥ 0.960 — ${m.f1 >= 0.96 ? "met" : "NOT met"}`);
    } catch (err) {
      ctx.log(`extract: scoring failed (python3 and metric.py needed): ${(err as Error).message}`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};
