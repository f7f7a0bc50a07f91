/**
 * The full crash sweep (ADR 0024): kills a real digest worker with SIGKILL before and after every
 * post position in turn over CHANNELS × DAYS daily digests posted to the Slack stand-in (through
 * Bolt's WebClient), restarting it each time, then counts duplicates and lost digests. The test
 * suite runs a handful of positions (test/digest/crash-sweep.test.ts); this runs them all.
 *
 *   npx tsx scripts/crash-sweep.ts [sqlite|postgres] [--channels 41] [--days 3] [--every 1]
 *
 * Two process starts per position: 41 × 3 with --every 1 is 247 sweeps (about 20 minutes on 2 cores).
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
// One sweep per position, each on a fresh store: the n-th post, killed before or after it.
const kills: Kill[][] = [];
for (let n = 1; n <= channels * days; n += every) kills.push([{ n, when: "before" }], [{ n, when: "after" }]);
kills.push([{ n: "last", when: "after" }]);

const started = performance.now();
const total = { sweeps: 0, duplicates: 0, lost: 0, wrongIds: 0, short: 0 };
for (const k of kills) {
  const r = await runSweep({
    backend: await sweepBackend(backend),
    poster: "slack",
    channels,
    days,
    kills: k,
  });
  total.sweeps++;
  total.duplicates += r.duplicates;
  total.lost += r.lost;
  total.wrongIds += r.wrongIds;
  if (r.posted !== r.expected) total.short++;
  if (r.duplicates || r.lost || r.wrongIds) console.log(`kill ${JSON.stringify(k)}: ${JSON.stringify(r)}`);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `crash sweep slack/${backend}: ${channels} channels × ${days} days, ${total.sweeps} kill positions in ${seconds} s: ` +
    `${total.duplicates} duplicates, ${total.lost} lost, ${total.wrongIds} wrong message ids, ${total.short} sweeps short of posts`,
);
process.exit(total.duplicates || total.lost || total.wrongIds || total.short ? 1 : 0);
