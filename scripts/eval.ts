import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { extractEval } from "./eval/extract.js";
import { llmEval, llmStandInEval } from "./eval/llm.js";
import { qaEval } from "./eval/qa.js";
import { quotesEval } from "./eval/quotes.js";
import { summEval } from "./eval/summ.js";
import type { EvalSection } from "./eval/types.js";
import { whoEval } from "./eval/who.js";

/**
 * `npm run eval`: measures the engines on the public sets in ../shared/eval (read in place, never
 * copied into the repository). Each section lives in scripts/eval/<name>.ts.
 */
const sections: EvalSection[] = [quotesEval, summEval, extractEval, llmStandInEval, llmEval, qaEval, whoEval];

const { values } = parseArgs({
  options: {
    limit: { type: "string" },
    llm: { type: "boolean", default: false },
    only: { type: "string" },
    "eval-dir": { type: "string" },
  },
});

const evalDir = resolve(values["eval-dir"] ?? new URL("../../shared/eval", import.meta.url).pathname);
if (!existsSync(evalDir)) {
  console.log(`eval: ${evalDir} not found — skipping (the evaluation sets live in ../shared/eval)`);
  process.exit(0);
}
const ctx = {
  evalDir,
  limit: values.limit ? Number(values.limit) : undefined,
  llm: values.llm ?? false,
  only: values.only,
  log: (line: string) => console.log(line),
};
for (const section of sections) {
  if (ctx.only && !section.name.includes(ctx.only)) continue;
  console.log(`\n## ${section.name}`);
  await section.run(ctx);
}
