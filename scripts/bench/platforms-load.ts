import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The platforms bench's load side (platforms.ts): a slow model stand-in, the load generator in its
 * own process, and the floor that generator and the machine impose.
 */

export const SECRET = "bench-signing-secret";
export const CONCURRENT = 100;
export const LLM_DELAY_MS = 10_000;

/** An OpenAI-compatible stand-in that takes 10 s per answer: the slow path behind every /add. */
export async function startSlowLlm(): Promise<{ url: string; close(): Promise<void> }> {
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

export async function loadFromChildProcess(
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

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/**
 * The same load against a bare HTTP server that answers at once: the floor that the client process
 * and the machine impose, to read the bot's client-side numbers against.
 */
export async function clientFloor(log: (line: string) => void): Promise<void> {
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
