import { compileFilter } from "../../src/digest/filter.js";
import type { BenchSection } from "./types.js";

/**
 * Feed filters (`npm run bench -- --only filters`): a subscription at the limit of 50 terms
 * (words, phrases, OR groups, excludes) decides 2,000 items of about 1,500 words each, the size of
 * a long article with its title and summary. Target ≤ 1 ms per item (CPU time: the machine is shared).
 */
const ITEMS = 2000;
const VOCAB =
  "river council budget school energy market climate vote police court rail port hospital café".split(" ");

function itemText(i: number): { title: string; summary: string; text: string } {
  const words: string[] = [];
  for (let w = 0; w < 1500; w++)
    words.push(VOCAB[(i * 7 + w * 13) % VOCAB.length]! + (w % 11 === 0 ? "," : ""));
  return {
    title: `Item ${i} ${VOCAB[i % VOCAB.length]}`,
    summary: words.slice(0, 40).join(" "),
    text: words.join(" "),
  };
}

export const filtersBench: BenchSection = {
  name: "filters",
  async run({ log }) {
    const include = Array.from(
      { length: 20 },
      (_, i) => `term${i} OR "${VOCAB[i % VOCAB.length]} w${i}"`,
    ).join(" ");
    const exclude = Array.from({ length: 10 }, (_, i) => `"sports ${i}"`).join(" ");
    const filter = compileFilter({ include, exclude });
    const items = Array.from({ length: ITEMS }, (_, i) => itemText(i));
    let kept = 0;
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    for (const item of items) if (filter.decide(item).keep) kept++;
    const wall = performance.now() - t0;
    const { user, system } = process.cpuUsage(cpu);
    const perItem = (user + system) / 1000 / ITEMS;
    log(
      `filters: 50 terms × ${ITEMS} items of ~1,500 words: ${perItem.toFixed(3)} ms CPU per item (${(wall / ITEMS).toFixed(3)} ms wall; ${kept} kept) — target ≤ 1 ms: ${perItem <= 1 ? "OK" : "MISSED"}`,
    );
  },
};
