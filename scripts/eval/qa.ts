import { readFileSync } from "node:fs";
import { join } from "node:path";
import { answerQuestion, rankSentences } from "../../src/core/qa/answer.js";
import { buildStoryIndex, type StoryIndex } from "../../src/core/qa/story-index.js";
import { foldText } from "../../src/core/qa/tokens.js";
import { prepareText } from "../../src/core/text/prepare.js";
import type { EvalContext, EvalSection } from "./types.js";

interface QaItem {
  id: string;
  context: string;
  question: string;
  answers: string[];
  title?: string;
}

const TARGET = 0.9;

/**
 * SQuAD v1.1 dev sample. Accuracy = the first returned sentence contains a gold answer string
 * (case-insensitive, quotes and dashes folded); a "not in the story" answer counts as wrong. Also
 * printed: the same with the engine forced to answer (its ranking alone), and how often it says
 * "not in the story" when asked a question about another article (should be almost always).
 */
export const qaEval: EvalSection = {
  name: "qa (free questions, SQuAD dev)",
  async run(ctx: EvalContext) {
    const lines = readFileSync(join(ctx.evalDir, "qa-dev.jsonl"), "utf8").split("\n").filter(Boolean);
    const items = lines.map((l) => JSON.parse(l) as QaItem).slice(0, ctx.limit ?? lines.length);
    const cache = new Map<string, StoryIndex>();
    let buildMs = 0;
    const indexOf = (item: QaItem) => {
      let index = cache.get(item.context);
      if (!index) {
        const t0 = performance.now();
        // The article's title is part of a story; SQuAD gives the Wikipedia page name.
        const title = (item.title ?? "").replace(/_/g, " ");
        index = buildStoryIndex(item.id, prepareText(item.context, { detectTitle: false }), { title });
        buildMs += performance.now() - t0;
        cache.set(item.context, index);
      }
      return index;
    };
    const contains = (text: string | undefined, item: QaItem) =>
      text !== undefined && item.answers.some((g) => foldText(text).includes(foldText(g)));
    let hit = 0;
    // Hits on the even- and odd-numbered items: a change that helps only one half is noise.
    const halfHit = [0, 0];
    let rankHit = 0;
    let abstained = 0;
    let spans = 0;
    let spanHit = 0;
    let otherAbstained = 0;
    const answerMs: number[] = [];
    for (const [i, item] of items.entries()) {
      const index = indexOf(item);
      const t0 = performance.now();
      const result = answerQuestion(index, item.question);
      answerMs.push(performance.now() - t0);
      const first = result.sentences[0]?.text;
      if (first === undefined) abstained++;
      else if (contains(first, item)) {
        hit++;
        halfHit[i % 2]!++;
      }
      const top = rankSentences(index, item.question)[0];
      if (top && contains(index.sentences.find((s) => s.id === top.id)?.text, item)) rankHit++;
      if (result.span) {
        spans++;
        const s = foldText(result.span.text);
        if (item.answers.some((g) => s.includes(foldText(g)) || foldText(g).includes(s))) spanHit++;
      }
      // The same question put to an article about something else (another Wikipedia page).
      let j = (i * 7919 + 13) % items.length;
      for (let guard = 0; guard < 50 && items[j]!.title === item.title; guard++) j = (j + 1) % items.length;
      if (answerQuestion(indexOf(items[j]!), item.question).answer === null) otherAbstained++;
    }
    const n = items.length;
    const acc = hit / n;
    const pct = (x: number) => `${((100 * x) / n).toFixed(1)} %`;
    answerMs.sort((a, b) => a - b);
    ctx.log(`questions: ${n}, stories: ${cache.size}`);
    ctx.log(
      `accuracy (first sentence contains a gold answer): ${acc.toFixed(3)} (target ≥ ${TARGET}) ${acc >= TARGET ? "OK" : "BELOW TARGET"}`,
    );
    ctx.log(
      `  on the even / odd items: ${(halfHit[0]! / Math.ceil(n / 2)).toFixed(3)} / ${(halfHit[1]! / Math.floor(n / 2)).toFixed(3)}`,
    );
    ctx.log(`  said "not in the story" (counted wrong above): ${abstained} (${pct(abstained)})`);
    ctx.log(`  ranking alone (always answering): ${(rankHit / n).toFixed(3)}`);
    ctx.log(`  asked of another article, said "not in the story": ${(otherAbstained / n).toFixed(3)}`);
    ctx.log(
      `  short answer spans given: ${spans} (${pct(spans)}), overlapping a gold answer: ${spans ? (spanHit / spans).toFixed(3) : "-"}`,
    );
    ctx.log(
      `  wall time (text preparation included in the index): index ${(buildMs / cache.size).toFixed(2)} ms per story, answer p50 ${answerMs[Math.floor(n / 2)]!.toFixed(2)} ms, p95 ${answerMs[Math.floor(n * 0.95)]!.toFixed(2)} ms`,
    );
  },
};
