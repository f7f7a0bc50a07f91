/**
 * The full crash sweep (ADR 0024): kills a real digest worker with SIGKILL before and after every
 * post position in turn over CHANNELS × DAYS daily digests posted to the Slack stand-in (through
 * Bolt's WebClient), restarting it each time, then counts duplicates and lost digests. The test
 * suite runs a handful of positions (test/digest/crash-sweep.test.ts); this runs them all.
 *
 *   npx tsx scripts/crash-sweep.ts [sqlite|postgres] [--channels 41] [--days 3] [--every 1]
 *
 * One process start per kill: 41 × 3 with --every 1 is about 250 processes (several minutes).
 */
import { parseArgs } from "node:util";
import { type Kill, runSweep, sweepBackend } from "../test/digest/crash-sweep.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    channels: { type: "string", default: "41" },
    days: { type: "string", default: "3" },
    every: { type: "string", default: "1" },
  },
});
const backend = (positionals[0] ?? "sqlite") as "sqlite" | "postgres";
const channels = Number(values.channels);
const days = Number(values.days);
const every = Math.max(1, Number(values.every));
const kills: Kill[] = [];
// Positions count arrivals at the platform; a kill "before" adds one re-post, so the n-th arrival
// stays within the run as long as positions stay below the digests expected.
for (let n = 1; n <= channels * days; n += every) kills.push({ n, when: "before" }, { n, when: "after" });
kills.push({ n: "last", when: "after" });

const started = performance.now();
const result = await runSweep({
  backend: await sweepBackend(backend),
  poster: "slack",
  channels,
  days,
  kills,
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `crash sweep slack/${backend}: ${channels} channels × ${days} days, ${result.kills} kills (${result.processes} processes) in ${seconds} s: ` +
    `${result.posted}/${result.expected} posted, ${result.duplicates} duplicates, ${result.lost} lost, ${result.wrongIds} wrong message ids`,
);
process.exit(
  result.duplicates || result.lost || result.wrongIds || result.posted !== result.expected ? 1 : 0,
);
