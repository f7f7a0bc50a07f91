import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { postsBy, postsPerChannel, startFleet } from "../../test/instances/fleet.js";
import { bringSlotForward, seedStorm } from "../../test/instances/storm.js";
import { postgresReachable, TEST_PG_URL } from "../../test/store/backends.js";
import type { BenchSection } from "./types.js";

/**
 * `npm run bench -- --only instances`: whole bot processes (`node bin/newsdesk.js start`, Slack
 * HTTP + Discord on the stand-ins, one PostgreSQL schema) and a storm of digests due in the same
 * minute (BENCH_STORM_CHANNELS, default 2,000: half Slack, half Discord) — once with one
 * instance, once with two — printing digests per minute; plus start-up to /readyz and idle RSS.
 * Targets: two instances ≥ 1.8× one; start-up ≤ 2 s; idle RSS ≤ 150 MB.
 */
export const instancesBench: BenchSection = {
  name: "instances",
  async run(ctx) {
    if (!(await postgresReachable())) {
      ctx.log(`PostgreSQL not reachable at ${TEST_PG_URL}: skipped`);
      return;
    }
    const channels = Number(process.env.BENCH_STORM_CHANNELS ?? 2000);
    ctx.log(`machine: ${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(2)}`);
    const rates: { all: number; slack: number; discord: number }[] = [];
    for (const instances of [1, 2]) {
      const fleet = await startFleet({ shards: instances, leaseSeconds: 60, tickSeconds: 1 });
      try {
        const layout = await seedStorm(fleet.store, { channels, feeds: 0, feedBase: fleet.feeds.base });
        const all = { slack: layout.slack.channels, discord: layout.discord.channels };
        const bots = [];
        // What the image runs: the compiled dist/ (NEWSDESK_USE_DIST), in production mode.
        for (let i = 0; i < instances; i++)
          bots.push(
            await fleet.start(`i${i}`, `${i}/${instances}`, {
              NEWSDESK_USE_DIST: "1",
              NODE_ENV: "production",
            }),
          );
        const startup = await Promise.all(bots.map((b) => b.ready(60_000)));
        // CPU seconds spent up to ready: what start-up costs whatever else the machine is doing.
        const startCpu = bots.map((b) => cpuSeconds(b.child.pid!));
        // Idle: ready, nothing due; the resident set a deployment pays per instance.
        await new Promise((r) => setTimeout(r, 3000));
        const rss = bots.map((b) => rssMb(b.child.pid!));
        const due = new Date(Date.now() + 1000);
        const cpuBefore = bots.map((b) => cpuSeconds(b.child.pid!));
        const standInBefore = process.cpuUsage();
        const pgBefore = postgresCpu();
        await bringSlotForward(TEST_PG_URL, fleet.schema, due);
        const first = await waitAll(fleet, all, channels, due.getTime());
        // CPU the bot processes spent on the storm: if a second instance only took its share (and
        // composed nothing twice), the total stays that of one; the rate then adds up per core.
        const stormCpu = bots.map((b, i) => cpuSeconds(b.child.pid!) - cpuBefore[i]!);
        const totalCpu = stormCpu.reduce((a, b) => a + b, 0);
        const standIn = process.cpuUsage(standInBefore);
        const pgCpu = postgresCpu() - pgBefore;
        const rate = (channels / first.lastMs) * 60_000;
        const perMinute = (n: number, ms: number | undefined) => (ms ? (n / ms) * 60_000 : Number.NaN);
        rates.push({
          all: rate,
          slack: perMinute(all.slack.length, first.done.slack),
          discord: perMinute(all.discord.length, first.done.discord),
        });
        ctx.log(
          `${instances} instance${instances > 1 ? "s" : ""}: ${channels} digests, last posted ${(first.lastMs / 1000).toFixed(1)} s after the slot` +
            ` → ${Math.round(rate)} digests/min; duplicates ${first.duplicates}, lost ${first.lost}; by ${JSON.stringify(postsBy(fleet))}` +
            `; last Slack post ${((first.done.slack ?? Number.NaN) / 1000).toFixed(1)} s, last Discord post ${((first.done.discord ?? Number.NaN) / 1000).toFixed(1)} s`,
        );
        ctx.log(
          `  bot CPU on the storm: ${stormCpu.map((c) => `${c.toFixed(1)} s`).join(" + ")} = ${totalCpu.toFixed(1)} s` +
            ` → ${((totalCpu / channels) * 1000).toFixed(1)} ms CPU per digest (${Math.round((60 / totalCpu) * channels)} digests/min per free core);` +
            ` meanwhile PostgreSQL ${pgCpu.toFixed(1)} s, the stand-ins (this process) ${((standIn.user + standIn.system) / 1e6).toFixed(1)} s`,
        );
        ctx.log(
          `  start-up to /readyz (dist, Slack HTTP + Discord): ${startup.map((ms, i) => `${Math.round(ms)} ms wall / ${startCpu[i]!.toFixed(2)} s CPU`).join(", ")}; idle RSS: ${rss.map((mb) => `${mb} MB`).join(", ")}`,
        );
      } finally {
        await fleet.close();
      }
    }
    const ratio = (k: "all" | "slack" | "discord") => (rates[1]![k] / rates[0]![k]).toFixed(2);
    ctx.log(
      `two instances / one: ${ratio("all")}× in all (target ≥ 1.8×); Slack digests ${ratio("slack")}×,` +
        ` Discord digests ${ratio("discord")}× (Discord allows the bot 50 requests/s per token, the bots' DISCORD_REQUESTS_PER_SECOND,` +
        " whatever the number of instances: each instance posts at its shards' share)",
    );
  },
};

async function waitAll(
  fleet: Awaited<ReturnType<typeof startFleet>>,
  all: { slack: string[]; discord: string[] },
  total: number,
  slotMs: number,
) {
  const deadline = Date.now() + 10 * 60_000;
  const done: Record<"slack" | "discord", number | undefined> = { slack: undefined, discord: undefined };
  for (;;) {
    const perChannel = postsPerChannel(fleet, all);
    for (const platform of ["slack", "discord"] as const)
      if (done[platform] === undefined && all[platform].every((c) => (perChannel.get(c) ?? 0) > 0))
        done[platform] = Date.now() - slotMs;
    const counts = [...perChannel.values()];
    if (counts.filter((c) => c > 0).length >= total || Date.now() > deadline) {
      const lastMs = Date.now() - slotMs;
      await new Promise((r) => setTimeout(r, 2000));
      const settled = [...postsPerChannel(fleet, all).values()];
      return {
        lastMs,
        duplicates: settled.reduce((n, c) => n + Math.max(0, c - 1), 0),
        lost: settled.filter((c) => c === 0).length,
        done,
      };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** User + system CPU of a process so far (/proc/<pid>/stat, clock ticks of 10 ms). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds of every PostgreSQL server process on this machine (the test database is local). */
function postgresCpu(): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (!stat.includes("(postgres)")) continue;
      const fields = stat.split(") ")[1]!.split(" ");
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}
