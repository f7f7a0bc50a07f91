import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "../../src/app/logger.js";
import { startNewsdesk } from "../../src/app/main.js";
import { loadConfig } from "../../src/config.js";
import { postSlashCommand, startSlackStandIn } from "../../test/platforms/slack-standin.js";
import type { BenchSection } from "./types.js";

const SECRET = "bench-signing-secret";
const CONCURRENT = 100;
const LLM_DELAY_MS = 10_000;
const root = new URL("../../", import.meta.url).pathname;

/** An OpenAI-compatible stand-in that takes 10 s per answer: the slow path behind every /add. */
async function startSlowLlm(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      setTimeout(() => {
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify({
            id: "chatcmpl-bench",
            object: "chat.completion",
            created: Math.floor(Date.now() / 1000),
            model: "bench",
            choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "{}" } }],
            usage: { prompt_tokens: 10, completion_tokens: 1, total_tokens: 11 },
          }),
        );
      }, LLM_DELAY_MS);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * The load generator: plain Node (no TypeScript) in its own process, so its work does not delay the
 * bot's acks. It uses node:http and prepares every signed body before the burst, so what it times
 * is the bot: from writing a request to reading its response headers. CONNECTIONS=cold opens a new
 * TCP connection per request (as each of Slack's deliveries may); warm sends the burst over
 * keep-alive connections opened beforehand (as a load balancer in front of the bot keeps them).
 * An earlier client (undici fetch, signing inside the burst) had a floor of 80–670 ms of its own.
 */
const LOAD_CLIENT = `
import http from "node:http";
import { createHmac } from "node:crypto";
const { BASE, SECRET, RESPOND, COUNT, CONNECTIONS, PREFIX } = process.env;
const n = Number(COUNT);
const warm = CONNECTIONS === "warm";
const { hostname, port } = new URL(BASE);
const agent = new http.Agent({ keepAlive: warm, maxSockets: n, maxFreeSockets: n, scheduling: "fifo" });
const sign = (ts, body) => "v0=" + createHmac("sha256", SECRET).update("v0:" + ts + ":" + body).digest("hex");
const send = (method, path, headers, body) => new Promise((resolve, reject) => {
  let t0 = 0;
  const req = http.request({ agent, hostname, port, method, path, headers }, (res) => {
    const ms = performance.now() - t0;
    res.resume();
    res.on("end", () => resolve({ ms, status: res.statusCode }));
  });
  req.on("error", reject);
  t0 = performance.now();
  req.end(body);
});
// Warm the client (and, for warm, open n keep-alive connections) before anything is timed.
const rounds = warm ? 3 : 1;
for (let r = 0; r < rounds; r++)
  await Promise.all(Array.from({ length: warm ? n : 5 }, () => send("GET", "/healthz", {}, undefined)));
const ts = Math.floor(Date.now() / 1000);
const prepared = Array.from({ length: n }, (_, i) => {
  const body = new URLSearchParams({
    command: "/add", team_id: "T1", channel_id: "C1", user_id: "U1", trigger_id: PREFIX + i,
    response_url: RESPOND + "/respond/" + PREFIX + i,
    text: "Story " + PREFIX + i + ": the council met on Monday and approved a new budget for " + i + " schools. Officials said work starts in March.",
  }).toString();
  return { body, headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body),
    "x-slack-request-timestamp": String(ts), "x-slack-signature": sign(ts, body) } };
});
const results = await Promise.all(prepared.map((p) => send("POST", "/slack/events", p.headers, p.body)));
process.stdout.write(JSON.stringify(results));
agent.destroy();
`;

type Connections = "cold" | "warm";

async function loadFromChildProcess(
  base: string,
  respondBase: string,
  connections: Connections,
  prefix = `bench-${connections}-`,
): Promise<{ ms: number; status: number }[]> {
  const child = spawn(process.execPath, ["--input-type=module", "-e", LOAD_CLIENT], {
    env: {
      ...process.env,
      BASE: base,
      SECRET,
      RESPOND: respondBase,
      COUNT: String(CONCURRENT),
      CONNECTIONS: connections,
      PREFIX: prefix,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  await new Promise((r) => child.once("exit", r));
  return JSON.parse(out) as { ms: number; status: number }[];
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/**
 * The same load against a bare HTTP server that answers at once: the floor that the client process
 * and the machine impose, to read the bot's client-side numbers against.
 */
async function clientFloor(log: (line: string) => void): Promise<void> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.end());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    for (const connections of ["cold", "warm"] as const) {
      const sorted = (await loadFromChildProcess(base, base, connections))
        .map((a) => a.ms)
        .sort((a, b) => a - b);
      log(
        `  floor (same client, ${connections} connections, against a bare server that answers at once): p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`,
      );
    }
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

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
      const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline) throw new Error("the bot did not become healthy within 60 s");
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
