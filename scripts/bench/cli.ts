import { execFileSync, spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import type { BenchSection } from "./types.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = `${root}bin/newsdesk.js`;
const fixture = `${root}test/fixtures/biden-netanyahu-cnn.txt`;
const RUNS = 9;

// Preloaded into each measured process: it reports the process's own CPU time (all threads) at
// exit, which a loaded machine disturbs far less than the wall time.
const reportCpu =
  'data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("\\ncpu-us "+(u.user+u.system)+"\\n")})';

interface Timing {
  wall: number[];
  cpu: number[];
}

/** Whole `newsdesk …` processes, wall and CPU ms, sorted (one untimed run first warms the disk cache). */
function measure(args: string[], env: Record<string, string> = {}, runs = RUNS): Timing {
  const once = () => {
    const started = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ["--import", reportCpu, bin, ...args], {
      env: { ...process.env, LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
    });
    const wall = Number(process.hrtime.bigint() - started) / 1e6;
    if (r.status !== 0) throw new Error(`newsdesk ${args.join(" ")} failed: ${r.stderr}`);
    const cpu = Number(/cpu-us (\d+)/.exec(r.stderr)?.[1] ?? Number.NaN) / 1000;
    return { wall, cpu };
  };
  once();
  const all = Array.from({ length: runs }, once);
  const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
  return { wall: sorted(all.map((t) => t.wall)), cpu: sorted(all.map((t) => t.cpu)) };
}

const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${Math.round(x)} ms`;

/**
 * How long the command line takes as a whole process (ADR 54), from the transpiled dist/ that
 * `npm install` leaves (the default in a checkout). Targets: `--help` ≤ 300 ms, the fixture's
 * summary ≤ 700 ms. The second line is context: CPU time, the fastest run, tsx (what runs while
 * dist/ is stale) and node's own start.
 */
export const cliBench: BenchSection = {
  name: "cli start-up (command line)",
  async run(ctx) {
    // Bring dist/ up to date, as `npm install` would have: otherwise this would measure tsx.
    execFileSync(process.execPath, [`${root}scripts/transpile.mjs`, "--quiet"]);
    const help = measure(["--help"]);
    const summary = measure(["summary", fixture]);
    ctx.log(
      `newsdesk (dist, whole process, median of ${RUNS}): --help ${ms(median(help.wall))} (target ≤ 300 ms), summary <fixture> ${ms(median(summary.wall))} (target ≤ 700 ms)`,
    );
    const source = { NEWSDESK_USE_SOURCE: "1" };
    const tsxHelp = measure(["--help"], source, 3);
    const tsxSummary = measure(["summary", fixture], source, 3);
    ctx.log(
      `  CPU median --help ${ms(median(help.cpu))}, summary ${ms(median(summary.cpu))}; fastest ${ms(help.wall[0]!)} / ${ms(summary.wall[0]!)}; through tsx (dist stale) ${ms(median(tsxHelp.wall))} / ${ms(median(tsxSummary.wall))}; node -e 0 ${ms(nodeStartMs())}; load ${loadAverage()}`,
    );
  },
};

function nodeStartMs(): number {
  const times = Array.from({ length: RUNS }, () => {
    const started = process.hrtime.bigint();
    spawnSync(process.execPath, ["-e", "0"]);
    return Number(process.hrtime.bigint() - started) / 1e6;
  });
  return median(times.sort((a, b) => a - b));
}

function loadAverage(): string {
  // os.loadavg() is [0, 0, 0] where the platform has none (Windows); say so rather than print 0.
  const [one] = loadavg();
  return one ? one.toFixed(1) : "n/a";
}
