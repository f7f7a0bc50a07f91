import { readFileSync } from "node:fs";
import stockModel from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";
import { buildExtractiveBrief } from "../../src/core/analyse.js";

/**
 * Runs in its own process (so peak RSS is the engine's alone) and prints one JSON line of figures:
 * fixture latency, throughput over summ-dev ×10, cost growth on concatenated articles, peak RSS.
 */
const fixture = readFileSync(new URL("../../test/fixtures/biden-netanyahu-cnn.txt", import.meta.url), "utf8");
const evalDir = process.argv[2];
const words = (t: string) => t.split(/\s+/).filter(Boolean).length;

for (let i = 0; i < 20; i++) buildExtractiveBrief({ text: fixture });
const times: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  buildExtractiveBrief({ text: fixture });
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);

// wink-nlp's own tokenise + tag of the same text with its stock model (sentences, tokens and their
// part of speech read out): the floor the whole brief is compared with (issue 12: within 4×).
const wink = winkNLP(stockModel, ["sbd", "pos"]);
const winkTimes: number[] = [];
for (let i = 0; i < 220; i++) {
  const t = performance.now();
  const doc = wink.readDoc(fixture);
  doc.tokens().out(wink.its.pos);
  doc.sentences().out();
  if (i >= 20) winkTimes.push(performance.now() - t);
}
winkTimes.sort((a, b) => a - b);

let throughput: { words: number; seconds: number } | null = null;
if (evalDir) {
  const texts = readFileSync(`${evalDir}/summ-dev.jsonl`, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { text: string }).text);
  let total = 0;
  const t = performance.now();
  for (let r = 0; r < 10; r++)
    for (const text of texts) {
      buildExtractiveBrief({ text });
      total += words(text);
    }
  throughput = { words: total, seconds: (performance.now() - t) / 1000 };
}

// Peak RSS of the normal workload (fixture + summ-dev), before the huge concatenated inputs.
const peakRssMbNormal = process.resourceUsage().maxRSS / 1024;
const growth: Array<{ copies: number; ms: number }> = [];
for (const copies of [1, 10, 100]) {
  const text = Array.from({ length: copies }, () => fixture).join("\n\n");
  const runs = copies === 100 ? 2 : 5;
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    buildExtractiveBrief({ text });
    best = Math.min(best, performance.now() - t);
  }
  growth.push({ copies, ms: best });
}

console.log(
  JSON.stringify({
    medianMs: times[times.length >> 1],
    p95Ms: times[Math.floor(times.length * 0.95)],
    winkMedianMs: winkTimes[winkTimes.length >> 1],
    fixtureWords: words(fixture),
    throughput,
    growth,
    peakRssMbNormal,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
