import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchSection } from "./types.js";

interface ExtractFigures {
  set: string;
  pages: number;
  averageKb: number;
  medianMs: number;
  p90Ms: number;
  cpuMedianMs: number;
  peakRssMb: number;
}

/**
 * Extraction speed and memory over the ScrapingHub pages (../shared/eval/extract/html) and
 * extract-web's 1,961 pages, measured in a worker process (./extract-run.ts) running readPage.
 * Targets: median ≤ 15 ms per page, peak RSS ≤ 400 MB.
 */
export const extractBench: BenchSection = {
  name: "extract",
  async run(ctx) {
    const shDir = ctx.evalDir ? join(ctx.evalDir, "extract", "html") : undefined;
    const webDir = ctx.evalDir ? join(ctx.evalDir, "extract-web") : undefined;
    if (!shDir || !webDir || (!existsSync(shDir) && !existsSync(webDir))) {
      ctx.log("extract: ../shared/eval/extract and extract-web not found — skipped");
      return;
    }
    const worker = fileURLToPath(new URL("./extract-run.ts", import.meta.url));
    const out = execFileSync(process.execPath, ["--import", "tsx", worker, shDir, webDir], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    const load = loadavg()[0];
    for (const line of out.trim().split("\n")) {
      if (!line.startsWith("{")) continue;
      const f = JSON.parse(line) as ExtractFigures;
      ctx.log(`extract: ${f.set}: ${f.pages} pages, ${f.averageKb.toFixed(0)} KB average`);
      ctx.log(
        `extract: ${f.set}: median ${f.medianMs.toFixed(1)} ms/page, fastest of 3 runs (p90 ${f.p90Ms.toFixed(1)} ms) — target ≤ 15 ms: ${f.medianMs <= 15 ? "met" : "NOT met"}`,
      );
      // On a shared machine wall time includes waiting for a core; CPU time (all of the worker's
      // threads, GC included) shows the work itself. Both are printed, with the load at the time.
      ctx.log(`extract: ${f.set}: CPU time median ${f.cpuMedianMs.toFixed(1)} ms/page`);
      ctx.log(
        `extract: ${f.set}: peak RSS of the extraction process so far (tsx runtime included) ${f.peakRssMb.toFixed(0)} MB — target ≤ 400 MB: ${f.peakRssMb <= 400 ? "met" : "NOT met"}`,
      );
    }
    ctx.log(`extract: load average ${load.toFixed(1)} on ${cpus().length} cores`);
  },
};
