import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "../../src/app/logger.js";
import { startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";
import { postSlashCommand, startSlackStandIn } from "../../test/platforms/slack-standin.js";
import {
  CONCURRENT,
  clientFloor,
  LLM_DELAY_MS,
  loadFromChildProcess,
  percentile,
  SECRET,
  startSlowLlm,
} from "./platforms-load.js";
import type { BenchSection } from "./types.js";

const root = new URL("../../", import.meta.url).pathname;

async function ackUnderLoad(log: (line: string) => void): Promise<void> {
  const slack = await startSlackStandIn();
  const llm = await startSlowLlm();
  const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-bench-"));
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${slack.url}/api`,
    PORT: "1",
    DATA_DIR: dataDir,
    OPENAI_API_KEY: "bench",
    OPENAI_BASE_URL: llm.url,
    LLM_TIMEOUT_MS: "30000",
    LOG_LEVEL: "silent",
  });
  const app = await startNewsdesk({
    config,
    stdin: process.stdin,
    stdout: process.stdout,
    interactive: false,
    logger: createLogger("silent"),
    http: { port: 0, host: "127.0.0.1" },
    onSlackResponse: (ms) => serverSide.push(ms),
  });
  const serverSide: number[] = [];
  const base = `http://127.0.0.1:${app.httpPort}`;
  try {
    // Warm up (JIT, lazily loaded modules, connection pools) as a bot in service would be.
    for (let i = 0; i < 20; i++) {
      await postSlashCommand(base, SECRET, {
        command: "/stories",
        text: "",
        trigger_id: `warm-${i}`,
        response_url: `${slack.url}/warm/${i}`,
      });
    }
    const started = performance.now();
    log(
      `slack acks: ${CONCURRENT} concurrent signed /add commands, LLM stand-in sleeping ${LLM_DELAY_MS / 1000} s` +
        ` (machine load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`,
    );
    // Three bursts: one per connection style, the second arriving while the first's replies still
    // wait for the model; the third just as the model answers the first, so its acks compete with
    // the replies being written (store, story grouping, response_url).
    const bursts = [
      { connections: "cold", prefix: "bench-cold-", how: "a new connection per request" },
      { connections: "warm", prefix: "bench-warm-", how: "keep-alive connections" },
      {
        connections: "cold",
        prefix: "bench-replying-",
        how: "a new connection per request, while the first burst's replies are written",
      },
    ] as const;
    for (const burst of bursts) {
      if (burst.prefix === "bench-replying-") {
        await slack.waitFor((c) => c.path.startsWith("/respond/bench-cold-"));
      }
      serverSide.length = 0;
      // The load comes from a separate process, so the client's own work does not delay the bot's acks.
      const acks = await loadFromChildProcess(base, slack.url, burst.connections, burst.prefix);
      const sorted = acks.map((a) => a.ms).sort((a, b) => a - b);
      const within = acks.filter((a) => a.status === 200 && a.ms <= 3000).length;
      log(
        `  ${burst.how}: acked within 3 s (client side, separate process): ${within}/${CONCURRENT}  (target: all)`,
      );
      log(
        `    client side (request written → response headers): p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms (target ≤ 200), max ${sorted.at(-1)!.toFixed(1)} ms`,
      );
      const server = [...serverSide].sort((a, b) => a - b);
      log(
        `    server side (arrival → ack sent): p50 ${percentile(server, 50).toFixed(1)} ms, p99 ${percentile(server, 99).toFixed(1)} ms, max ${server.at(-1)!.toFixed(1)} ms`,
      );
    }
    const deadline = Date.now() + 90_000;
    while (
      Date.now() < deadline &&
      slack.calls.filter((c) => c.path.startsWith("/respond/")).length < bursts.length * CONCURRENT
    ) {
      await new Promise((r) => setTimeout(r, 250));
    }
    const replies = slack.calls.filter((c) => c.path.startsWith("/respond/")).length;
    log(
      `  replies delivered via response_url: ${replies}/${bursts.length * CONCURRENT} after ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await app.stop();
    await llm.close();
    await slack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * RSS of `newsdesk start` (Slack HTTP mode) as its own process, after it has settled: through tsx
 * as in development, and compiled (as the Docker image runs it) when `npm run build` has made dist/.
 */
async function idleRss(log: (line: string) => void, compiled: boolean): Promise<void> {
  const slack = await startSlackStandIn();
  const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-bench-"));
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const env = {
    ...process.env,
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${slack.url}/api`,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    DISCORD_TOKEN: "",
    SLACK_APP_TOKEN: "",
    OPENAI_API_KEY: "",
    NEWSDESK_USE_DIST: compiled ? "1" : "0",
  };
  const child = spawn(process.execPath, [join(root, "bin/newsdesk.js"), "start"], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const up = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline) throw new Error("the bot did not become ready within 60 s");
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, 5_000));
    const rssMb = () =>
      Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
    const how = compiled ? "compiled dist/, as in Docker" : "run through tsx";
    log(
      `idle RSS of the running bot (Slack HTTP mode, SQLite, ${how}): ${rssMb().toFixed(1)} MB (target ≤ 150)`,
    );
    // And once it has done some work (a brief made, stored and replied): the steady state, for the record.
    const article = readFileSync(join(root, "test/fixtures/biden-netanyahu-cnn.txt"), "utf8").slice(0, 5_000);
    await postSlashCommand(`http://127.0.0.1:${port}`, SECRET, {
      command: "/add",
      text: article,
      trigger_id: "rss-add",
      response_url: `${slack.url}/respond/rss-add`,
    });
    await slack.waitFor((c) => c.path === "/respond/rss-add");
    await new Promise((r) => setTimeout(r, 3_000));
    log(`  after answering its first /add (${how}): ${rssMb().toFixed(1)} MB`);
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    await slack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const platformsBench: BenchSection = {
  name: "platforms",
  async run(ctx) {
    await ackUnderLoad(ctx.log);
    await clientFloor(ctx.log);
    await idleRss(ctx.log, false);
    if (existsSync(join(root, "dist/src/cli.js"))) await idleRss(ctx.log, true);
    else ctx.log("(run `npm run build` first to also measure the compiled bot's RSS)");
  },
};
