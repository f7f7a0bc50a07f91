import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { extractFromHtml } from "../../src/ingest/extract/html-article.js";

/**
 * The extraction bench's worker, run in a fresh process so its peak RSS is the extraction's
 * alone (not the other bench sections' or their modules'). Prints one JSON line of figures.
 * Each page is extracted three times and its fastest run counts: the machine is shared, and the
 * minimum is the figure least disturbed by other processes.
 */
const dir = process.argv[2];
const files = readdirSync(dir).filter((f) => f.endsWith(".html.gz"));
const best = new Array<number>(files.length).fill(Number.POSITIVE_INFINITY);
const bestCpu = new Array<number>(files.length).fill(Number.POSITIVE_INFINITY);
let bytes = 0;
for (let round = 0; round < 3; round++) {
  files.forEach((file, i) => {
    // Read per page, as the bot does, instead of holding every page in memory at once.
    const html = gunzipSync(readFileSync(join(dir, file))).toString("utf8");
    if (round === 0) bytes += html.length;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    extractFromHtml(html);
    best[i] = Math.min(best[i], performance.now() - t0);
    const cpu = process.cpuUsage(c0);
    bestCpu[i] = Math.min(bestCpu[i], (cpu.user + cpu.system) / 1000);
  });
}
const sorted = [...best].sort((a, b) => a - b);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(
  JSON.stringify({
    pages: files.length,
    averageKb: bytes / files.length / 1024,
    medianMs: median(best),
    p90Ms: sorted[Math.floor(sorted.length * 0.9)],
    cpuMedianMs: median(bestCpu),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
