import { readFileSync } from "node:fs";
import { join } from "node:path";
import { askLineHandler } from "../../src/cli/ask.js";
import { indexLineArticle } from "../../src/cli/jsonl-article.js";
import { loadConfig } from "../../src/config.js";
import { rankSentences } from "../../src/core/qa/answer.js";
import { foldText } from "../../src/core/qa/tokens.js";
import { type Part, qaPart, ratio } from "./splits.js";
import type { EvalContext, EvalSection } from "./types.js";

interface QaItem {
  id: string;
  context: string;
  question: string;
  answers: string[];
  title?: string;
}

const TARGET_FIRST = 0.86;
const TARGET_TWO = 0.92;

/** The line a user of `newsdesk ask --jsonl` would send: the page's title as they would read it. */
const lineOf = (item: QaItem, question = item.question) => ({
  id: item.id,
  text: item.context,
  title: (item.title ?? "").replace(/_/g, " "),
  question,
});

interface Tally {
  n: number;
  first: number;
  two: number;
  abstained: number;
  rank: number;
}
const tally = (): Tally => ({ n: 0, first: 0, two: 0, abstained: 0, rank: 0 });

/**
 * SQuAD v1.1 dev sample, through the product path: each question goes through the very function
 * `newsdesk ask --jsonl` runs for a line `{"id","text","title","question"}`. Accuracy = the first
 * shown sentence contains a gold answer string (case-insensitive, quotes and dashes folded); also
 * the first two; "not in the story" counts as wrong. Reported on the whole set and on the tuned
 * and held-out parts (split by Wikipedia article, scripts/eval/splits.ts). Also: the ranking alone
 * (always answering), and how often a question put to another article is declined.
 */
export const qaEval: EvalSection = {
  name: "qa (free questions, SQuAD dev)",
  async run(ctx: EvalContext) {
    const lines = readFileSync(join(ctx.evalDir, "qa-dev.jsonl"), "utf8").split("\n").filter(Boolean);
    const items = lines.map((l) => JSON.parse(l) as QaItem).slice(0, ctx.limit ?? lines.length);
    const maxBytes = loadConfig({}).MAX_TEXT_BYTES;
    const ask = askLineHandler(maxBytes);
    const contains = (text: string | undefined, item: QaItem) =>
      text !== undefined && item.answers.some((g) => foldText(text).includes(foldText(g)));
    const parts: Record<"all" | Part, Tally> = { all: tally(), tuned: tally(), "held-out": tally() };
    let otherAbstained = 0;
    const answerMs: number[] = [];
    for (const [i, item] of items.entries()) {
      const t0 = performance.now();
      const result = ask(lineOf(item));
      answerMs.push(performance.now() - t0);
      // The ranking alone, on the same index the command builds (same text preparation and title).
      const index = indexLineArticle(lineOf(item), maxBytes);
      const top = rankSentences(index, item.question)[0];
      const rankHit = !!top && contains(index.sentences.find((s) => s.id === top.id)?.text, item);
      for (const t of [parts.all, parts[qaPart(item.title ?? "")]]) {
        t.n++;
        if (result.answer === null) t.abstained++;
        if (contains(result.sentences[0], item)) t.first++;
        if (result.sentences.slice(0, 2).some((s) => contains(s, item))) t.two++;
        if (rankHit) t.rank++;
      }
      // The same question put to an article about something else (another Wikipedia page).
      let j = (i * 7919 + 13) % items.length;
      for (let guard = 0; guard < 50 && items[j]!.title === item.title; guard++) j = (j + 1) % items.length;
      if (ask(lineOf(items[j]!, item.question)).answer === null) otherAbstained++;
    }
    const all = parts.all;
    const first = all.first / all.n;
    const two = all.two / all.n;
    answerMs.sort((a, b) => a - b);
    const articles = new Set(items.map((x) => x.title)).size;
    ctx.log(
      `questions: ${all.n} on ${articles} Wikipedia articles, through \`newsdesk ask --jsonl\` (title given)`,
    );
    ctx.log(
      `first shown sentence holds a gold answer: ${first.toFixed(3)} (target ≥ ${TARGET_FIRST}) ${first >= TARGET_FIRST ? "OK" : "BELOW TARGET"}`,
    );
    ctx.log(
      `first two shown sentences: ${two.toFixed(3)} (target ≥ ${TARGET_TWO}) ${two >= TARGET_TWO ? "OK" : "BELOW TARGET"}`,
    );
    for (const part of ["tuned", "held-out"] as const) {
      const t = parts[part];
      ctx.log(
        `  ${part.padEnd(8)} (${t.n} questions): first ${ratio(t.first, t.n)} · first two ${ratio(t.two, t.n)} · ranking alone ${ratio(t.rank, t.n)} · "not in the story" ${t.abstained}`,
      );
    }
    ctx.log(
      `  said "not in the story" (counted wrong above): ${all.abstained} (${ratio(all.abstained, all.n)})`,
    );
    ctx.log(`  ranking alone (always answering): ${ratio(all.rank, all.n)}`);
    ctx.log(`  asked of another article, said "not in the story": ${ratio(otherAbstained, all.n)}`);
    ctx.log(
      `  wall time per question, article indexed each time as the command does: p50 ${answerMs[Math.floor(all.n / 2)]!.toFixed(2)} ms, p95 ${answerMs[Math.floor(all.n * 0.95)]!.toFixed(2)} ms`,
    );
  },
};
