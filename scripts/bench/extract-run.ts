import { createReadStream, existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { createGunzip, gunzipSync } from "node:zlib";
import { readPage } from "../../src/ingest/extract/read-page.js";

/**
 * The extraction bench's worker, run in a fresh process so its peak RSS is the extraction's
 * alone (not the other bench sections' or their modules'). Prints one JSON line of figures per
 * set. Each page is read three times and its fastest run counts: the machine is shared, and the
 * minimum is the figure least disturbed by other processes. Pages are read one at a time, as
 * the bot does, never all held in memory. It times `readPage`, what the worker pool runs.
 */
const [shDir, webDir] = process.argv.slice(2);

interface Page {
  html: string;
  url?: string;
}

async function* scrapinghub(): AsyncGenerator<Page> {
  if (!shDir || !existsSync(shDir)) return;
  for (const f of readdirSync(shDir)
    .filter((n) => n.endsWith(".html.gz"))
    .sort())
    yield { html: gunzipSync(readFileSync(join(shDir, f))).toString("utf8") };
}

async function* extractWeb(): AsyncGenerator<Page> {
  const file = webDir ? join(webDir, "pages.jsonl.gz") : "";
  if (!file || !existsSync(file)) return;
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const p = JSON.parse(line) as { html: string; url: string | null };
    yield { html: p.html, url: p.url ?? undefined };
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;

async function measure(name: string, pages: () => AsyncGenerator<Page>): Promise<void> {
  const best: number[] = [];
  const bestCpu: number[] = [];
  let bytes = 0;
  for (let round = 0; round < 3; round++) {
    let i = 0;
    for await (const page of pages()) {
      if (round === 0) bytes += page.html.length;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      readPage(page.html, page.url);
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      best[i] = Math.min(best[i] ?? Number.POSITIVE_INFINITY, ms);
      bestCpu[i] = Math.min(bestCpu[i] ?? Number.POSITIVE_INFINITY, (cpu.user + cpu.system) / 1000);
      i++;
    }
  }
  if (!best.length) return;
  const sorted = [...best].sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      set: name,
      pages: best.length,
      averageKb: bytes / best.length / 1024,
      medianMs: median(best),
      p90Ms: sorted[Math.floor(sorted.length * 0.9)],
      cpuMedianMs: median(bestCpu),
      // Peak so far: after the second set it covers both.
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

await measure("ScrapingHub", scrapinghub);
await measure("extract-web", extractWeb);
