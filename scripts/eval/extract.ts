import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { metadataLines } from "./extract-metadata.js";
import {
  type EvalOutput,
  type EvalPage,
  extractWebPages,
  median,
  newsdeskExtract,
  plainReadability,
  scrapinghubPages,
} from "./extract-pages.js";
import type { EvalContext, EvalSection } from "./types.js";

/**
 * Article extraction on both public sets, side by side, through the product path (`readPage`,
 * what `newsdesk extract --jsonl` and chat `/add` run), with plain Readability over linkedom in
 * the same run as the floor:
 * - ScrapingHub (../shared/eval/extract, 181 pages), its own metric (metric.py, word 4-gram
 *   shingles): where the rules were developed. Target F1 ≥ 0.96.
 * - extract-web (1,961 pages: Dragnet and L3S-GN1), bag-of-words token F1 per dataset
 *   (score_extract_web.py): other sites and annotators, the check. Target overall ≥ 0.935,
 *   each dataset ≥ 0.92, empties ≤ Readability's.
 */

const SYSTEMS = { newsdesk: newsdeskExtract, readability: plainReadability } as const;
type System = keyof typeof SYSTEMS;
type Outputs = Record<System, Map<string, EvalOutput>>;

function runAll(pages: Iterable<EvalPage>): Outputs {
  const out: Outputs = { newsdesk: new Map(), readability: new Map() };
  for (const page of pages) {
    for (const system of Object.keys(SYSTEMS) as System[]) out[system].set(page.id, SYSTEMS[system](page));
  }
  return out;
}

const f3 = (x: number) => x.toFixed(3);

function scoreScrapinghub(ctx: EvalContext, dir: string, work: string, out: Outputs): void {
  const ids = [...out.newsdesk.keys()];
  const gt = JSON.parse(readFileSync(join(dir, "ground-truth.json"), "utf8")) as Record<string, unknown>;
  const gtPath = join(work, "ground-truth.json");
  writeFileSync(gtPath, JSON.stringify(Object.fromEntries(ids.map((id) => [id, gt[id]]))));
  const preds = (Object.keys(out) as System[]).map((system) => {
    const path = join(work, `${system}.json`);
    const body = Object.fromEntries(ids.map((id) => [id, { articleBody: out[system].get(id)?.text ?? "" }]));
    writeFileSync(path, JSON.stringify(body));
    return path;
  });
  const metricsPath = join(work, "metrics.json");
  execFileSync(
    "python3",
    [join(dir, "metric.py"), "--gt", gtPath, "--n-bootstrap", "200", "--json", metricsPath, ...preds],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const m = JSON.parse(readFileSync(metricsPath, "utf8")) as Record<string, Record<string, number>>;
  for (const system of Object.keys(out) as System[]) {
    const s = m[system];
    ctx.log(
      `extract: ScrapingHub  ${system.padEnd(11)} F1 ${f3(s.f1)} ± ${f3(s.f1_std)}  P ${f3(s.precision)}  R ${f3(s.recall)}  empty ${s.empty_predictions}  (${ids.length} pages)`,
    );
  }
  ctx.log(`extract: ScrapingHub target F1 ≥ 0.960 — ${m.newsdesk.f1 >= 0.96 ? "met" : "NOT met"}`);
}

interface WebScore {
  empty: number;
  f1: number;
  precision: number;
  recall: number;
  pages: number;
  datasets: Record<string, { pages: number; empty: number; f1: number; precision: number; recall: number }>;
}

function scoreExtractWeb(ctx: EvalContext, dir: string, work: string, out: Outputs): void {
  const scores = {} as Record<System, WebScore>;
  for (const system of Object.keys(out) as System[]) {
    const path = join(work, `web-${system}.jsonl`);
    const lines = [...out[system]].map(([id, o]) => JSON.stringify({ id, text: o.text }));
    writeFileSync(path, `${lines.join("\n")}\n`);
    const gold = join(dir, "gold.jsonl");
    // With --limit, score against the pages that ran (the scorer counts a missing page as empty).
    const goldPath = ctx.limit ? subsetGold(gold, work, new Set(out[system].keys())) : gold;
    const stdout = execFileSync("python3", [join(dir, "score_extract_web.py"), goldPath, path], {
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
    scores[system] = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as WebScore;
  }
  const names = Object.keys(scores.newsdesk.datasets).sort();
  for (const system of Object.keys(scores) as System[]) {
    const s = scores[system];
    const parts = names.map((d) => {
      const x = s.datasets[d];
      return `${d === "page-signal" ? "L3S-GN1" : d} ${f3(x.f1)} (${x.empty} empty)`;
    });
    ctx.log(
      `extract: extract-web  ${system.padEnd(11)} overall F1 ${f3(s.f1)}  P ${f3(s.precision)}  R ${f3(s.recall)}  empty ${s.empty}  |  ${parts.join("  ")}`,
    );
  }
  const ours = scores.newsdesk;
  const perDataset = names.every((d) => ours.datasets[d].f1 >= 0.92);
  const met = ours.f1 >= 0.935 && perDataset && ours.empty <= scores.readability.empty;
  ctx.log(
    `extract: extract-web targets overall ≥ 0.935, each dataset ≥ 0.920, empties ≤ Readability's (${scores.readability.empty}) — ${met ? "met" : "NOT met"}`,
  );
}

function subsetGold(gold: string, work: string, ids: Set<string>): string {
  const lines = readFileSync(gold, "utf8")
    .split("\n")
    .filter((l) => l.trim() && ids.has((JSON.parse(l) as { id: string }).id));
  const path = join(work, "gold-subset.jsonl");
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

export const extractEval: EvalSection = {
  name: "extract",
  async run(ctx) {
    const shDir = join(ctx.evalDir, "extract");
    const webDir = join(ctx.evalDir, "extract-web");
    const work = mkdtempSync(join(tmpdir(), "newsdesk-extract-eval-"));
    try {
      const all: Outputs = { newsdesk: new Map(), readability: new Map() };
      if (existsSync(join(shDir, "ground-truth.json"))) {
        const sh = runAll(scrapinghubPages(shDir, ctx.limit));
        scoreScrapinghub(ctx, shDir, work, sh);
        for (const s of Object.keys(all) as System[]) for (const [id, o] of sh[s]) all[s].set(`sh/${id}`, o);
      } else ctx.log(`extract: ${shDir} not found — ScrapingHub skipped`);
      if (existsSync(join(webDir, "pages.jsonl.gz"))) {
        const web = runAll(extractWebPages(webDir, ctx.limit));
        scoreExtractWeb(ctx, webDir, work, web);
        for (const s of Object.keys(all) as System[]) for (const [id, o] of web[s]) all[s].set(id, o);
        for (const line of metadataLines(webDir, web.newsdesk, web.readability)) ctx.log(`extract: ${line}`);
      } else ctx.log(`extract: ${webDir} not found — extract-web skipped`);
      for (const s of Object.keys(all) as System[]) {
        const ms = [...all[s].values()].map((o) => o.ms);
        ctx.log(
          `extract: ${s} median ${median(ms).toFixed(1)} ms per page over ${ms.length} pages (one run, in-process)`,
        );
      }
    } catch (err) {
      ctx.log(`extract: scoring failed (python3 and the sets' scorers needed): ${(err as Error).message}`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};
