import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { alertsBench } from "./bench/alerts.js";
import { briefBench } from "./bench/brief.js";
import { cliBench } from "./bench/cli.js";
import { digestBench } from "./bench/digest.js";
import { extractBench } from "./bench/extract.js";
import { filtersBench } from "./bench/filters.js";
import { hostileBench } from "./bench/hostile.js";
import { instancesBench } from "./bench/instances.js";
import { platformsBench } from "./bench/platforms.js";
import { qaBench } from "./bench/qa.js";
import { scaleBench } from "./bench/scale.js";
import type { BenchSection } from "./bench/types.js";

/** `npm run bench`: performance figures. Each section lives in scripts/bench/<name>.ts. */
const sections: BenchSection[] = [
  alertsBench,
  briefBench,
  cliBench,
  digestBench,
  extractBench,
  filtersBench,
  hostileBench,
  instancesBench,
  platformsBench,
  qaBench,
  scaleBench,
];

const { values } = parseArgs({ options: { only: { type: "string" } } });
const evalDir = resolve(new URL("../../shared/eval", import.meta.url).pathname);
const ctx = {
  evalDir: existsSync(evalDir) ? evalDir : undefined,
  only: values.only,
  log: (line: string) => console.log(line),
};
for (const section of sections) {
  if (ctx.only && !section.name.includes(ctx.only)) continue;
  console.log(`\n## ${section.name}`);
  await section.run(ctx);
}
