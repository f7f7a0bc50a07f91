import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchSection } from "./types.js";

interface ExtractFigures {
  pages: number;
  averageKb: number;
  medianMs: number;
  p90Ms: number;
  cpuMedianMs: number;
  peakRssMb: number;
}

/**
 * Extraction speed and memory over the benchmark pages (../shared/eval/extract/html), measured
 * in a worker process (./extract-run.ts). Targets: median ≤ 15 ms per page, peak RSS ≤ 400 MB.
 */
export const extractBench: BenchSection = {
  name: "extract",
  async run(ctx) {
    const dir = ctx.evalDir ? join(ctx.evalDir, "extract", "html") : undefined;
    if (!dir || !existsSync(dir)) {
      ctx.log("extract: ../shared/eval/extract/html not found — skipped");
      return;
    }
    const worker = fileURLToPath(new URL("./extract-run.ts", import.meta.url));
    const out = execFileSync(process.execPath, ["--import", "tsx", worker, dir], { encoding: "utf8" });
    const f = JSON.parse(out.trim().split("\n").pop() ?? "{}") as ExtractFigures;
    const load = loadavg()[0];
    ctx.log(`extract: ${f.pages} pages, ${f.averageKb.toFixed(0)} KB average`);
    ctx.log(
      `extract: median ${f.medianMs.toFixed(1)} ms/page, fastest of 3 runs (p90 ${f.p90Ms.toFixed(1)} ms) — target ≤ 15 ms: ${f.medianMs <= 15 ? "met" : "NOT met"}`,
    );
    // On a shared machine wall time includes waiting for a core; CPU time (all of the worker's
    // threads, GC included) shows the work itself. Both are printed, with the load at the time.
    ctx.log(
      `extract: CPU time median ${f.cpuMedianMs.toFixed(1)} ms/page; load average ${load.toFixed(1)} on ${cpus().length} cores`,
    );
    ctx.log(
      `extract: peak RSS of the extraction process (tsx runtime included) ${f.peakRssMb.toFixed(0)} MB — target ≤ 400 MB: ${f.peakRssMb <= 400 ? "met" : "NOT met"}`,
    );
  },
};
