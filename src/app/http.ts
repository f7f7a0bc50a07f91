import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { AckGate } from "../platforms/types.js";
import type { Metrics } from "./metrics.js";

/** What /readyz answers: 200 when everything is ready, else 503 naming what is not. */
export interface HealthReport {
  ok: boolean;
  store: boolean;
  platforms: Record<string, boolean>;
  /** "store" and/or the platforms not connected, e.g. ["discord"]; empty when ready. */
  notReady: string[];
}

export function readinessReport(store: boolean, platforms: Record<string, boolean>): HealthReport {
  const notReady = [...(store ? [] : ["store"]), ...Object.keys(platforms).filter((p) => !platforms[p])];
  return { ok: notReady.length === 0, store, platforms, notReady };
}

export interface HttpServerOptions {
  port: number;
  host?: string;
  metrics: Metrics;
  /** What /healthz adds to `ok` (e.g. every Discord shard's state); never changes its 200. */
  liveness?(): Record<string, unknown>;
  /** Readiness: store reachable, platforms connected (/readyz). */
  health(): Promise<HealthReport>;
  /** Bolt's request listener in Slack HTTP mode, mounted at /slack/events (and its OAuth paths). */
  slack?: RequestListener;
  /** Counts Slack requests until their ack is sent, so command work can let acks go first. */
  ackGate?: AckGate;
  /** Milliseconds from a Slack request's arrival to its response (the ack Slack sees); for the bench. */
  onSlackResponse?(ms: number): void;
}

export interface RunningHttpServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * One HTTP server for everything on PORT: /healthz, /readyz, /metrics and, in Slack HTTP mode,
 * Bolt's endpoints — so a load balancer needs a single port.
 *
 * /healthz is liveness: 200 whenever the process answers at all, so a Discord outage or a database
 * restart never makes an orchestrator kill a bot that would recover by itself. /readyz is
 * readiness: the store answers and every platform is connected (503 with what is not).
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const server = createServer((req, res) => {
    handle(options, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  // Slack retries when it gets no answer within 3 s; our acks are immediate, so keep-alive
  // connections from its side must not pin the process at shutdown.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

async function handle(options: HttpServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? "/").split("?")[0];
  if (req.method === "GET" && path === "/healthz") {
    let extra: Record<string, unknown> = {};
    try {
      extra = options.liveness?.() ?? {};
    } catch {
      // Liveness must answer whatever a platform's state says.
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, ...extra }));
    return;
  }
  if (req.method === "GET" && path === "/readyz") {
    const report = await options.health();
    res.writeHead(report.ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify(report));
    return;
  }
  if (req.method === "GET" && path === "/metrics") {
    const body = await options.metrics.registry.metrics();
    res.writeHead(200, { "content-type": options.metrics.registry.contentType }).end(body);
    return;
  }
  if (options.slack && path?.startsWith("/slack/")) {
    options.ackGate?.track(res);
    const arrived = performance.now();
    res.once("finish", () => {
      const seconds = (performance.now() - arrived) / 1000;
      options.metrics.slackResponse.observe(seconds);
      options.onSlackResponse?.(seconds * 1000);
    });
    options.slack(req, res);
    return;
  }
  res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
}
