import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchSection } from "./types.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = `${root}bin/newsdesk.js`;
const fixture = `${root}test/fixtures/biden-netanyahu-cnn.txt`;
const RUNS = 7;

/** Median wall time of a whole `newsdesk …` process, in ms (one untimed run first warms the disk cache). */
function medianMs(args: string[], env: Record<string, string> = {}): number {
  const once = () => {
    const started = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [bin, ...args], {
      env: { ...process.env, LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    if (r.status !== 0) throw new Error(`newsdesk ${args.join(" ")} failed: ${r.stderr}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  once();
  const times = Array.from({ length: RUNS }, once).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * How long the command line takes as a whole process (ADR 54): from the transpiled dist/ that
 * `npm install` leaves (the default in a checkout) and from the sources through tsx (what runs
 * while dist/ is stale). Targets: `--help` ≤ 300 ms, the fixture's summary ≤ 700 ms.
 */
export const cliBench: BenchSection = {
  name: "command line start-up",
  async run(ctx) {
    // Bring dist/ up to date, as `npm install` would have: otherwise "dist" would measure tsx.
    execFileSync(process.execPath, [`${root}scripts/transpile.mjs`, "--quiet"]);
    const fmt = (ms: number) => `${Math.round(ms)} ms`;
    const help = medianMs(["--help"]);
    const summary = medianMs(["summary", fixture]);
    ctx.log(`newsdesk --help (dist): median ${fmt(help)} of ${RUNS} (target ≤ 300 ms)`);
    ctx.log(`newsdesk summary <fixture> (dist): median ${fmt(summary)} of ${RUNS} (target ≤ 700 ms)`);
    const source = { NEWSDESK_USE_SOURCE: "1" };
    ctx.log(
      `through tsx (dist stale): --help ${fmt(medianMs(["--help"], source))}, summary ${fmt(medianMs(["summary", fixture], source))}`,
    );
    const bare = medianMs(["--help"], { NEWSDESK_USE_DIST: "1" });
    ctx.log(
      `for scale: node itself starts in ${fmt(nodeStartMs())}; --help with NEWSDESK_USE_DIST=1 ${fmt(bare)}`,
    );
  },
};

function nodeStartMs(): number {
  const times = Array.from({ length: RUNS }, () => {
    const started = process.hrtime.bigint();
    spawnSync(process.execPath, ["-e", "0"]);
    return Number(process.hrtime.bigint() - started) / 1e6;
  }).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
