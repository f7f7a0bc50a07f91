import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchSection } from "./types.js";

interface BriefFigures {
  medianMs: number;
  p95Ms: number;
  winkMedianMs: number;
  fixtureWords: number;
  throughput: { words: number; seconds: number } | null;
  growth: Array<{ copies: number; ms: number }>;
  peakRssMbNormal: number;
  peakRssMb: number;
}

/** The extractive brief: latency, throughput, memory and how cost grows with length. */
export const briefBench: BenchSection = {
  name: "extractive brief",
  async run(ctx) {
    const worker = fileURLToPath(new URL("./brief-run.ts", import.meta.url));
    const out = execFileSync(process.execPath, ["--import", "tsx", worker, ctx.evalDir ?? ""], {
      encoding: "utf8",
    });
    const f = JSON.parse(out.trim().split("\n").pop() ?? "{}") as BriefFigures;
    ctx.log(
      `fixture brief (${f.fixtureWords} words): median ${f.medianMs.toFixed(2)} ms, p95 ${f.p95Ms.toFixed(2)} ms after warm-up (target ≤ 10 ms)`,
    );
    ctx.log(
      `fixture brief / wink-nlp's own tokenise + tag of the same text (median ${f.winkMedianMs.toFixed(2)} ms): ${(f.medianMs / f.winkMedianMs).toFixed(1)}× (target ≤ 4×)`,
    );
    if (f.throughput) {
      const wps = f.throughput.words / f.throughput.seconds;
      ctx.log(
        `throughput: summ-dev ×10 = ${f.throughput.words} words in ${f.throughput.seconds.toFixed(2)} s = ${Math.round(wps).toLocaleString("en")} words/s on one core (target ≥ 100,000)`,
      );
    } else ctx.log("throughput: skipped (../shared/eval not found)");
    const base = f.growth[0].ms;
    for (const g of f.growth) {
      const ratio = g.ms / base / g.copies;
      ctx.log(
        `cost growth ${g.copies}× article: ${g.ms.toFixed(1)} ms = ${ratio.toFixed(2)} × linear (target ≤ 1.30)`,
      );
    }
    ctx.log(
      `peak RSS of the brief process (tsx runtime included): ${f.peakRssMbNormal.toFixed(0)} MB over fixture + summ-dev (target ≤ 200 MB); ${f.peakRssMb.toFixed(0)} MB after the 100× article`,
    );
  },
};
