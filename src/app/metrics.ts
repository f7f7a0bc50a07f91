import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { ExecuteHooks } from "../../commands/run.js";
import type { Logger } from "./logger.js";

/** Prometheus metrics of one running bot, on its own registry (no global state between tests). */
export interface Metrics {
  registry: Registry;
  commands: Counter<"command" | "outcome" | "platform">;
  latency: Histogram<"command" | "platform">;
  ackLatency: Histogram<"platform">;
  slackResponse: Histogram<string>;
  llmCalls: Counter<"outcome">;
  digestsPosted: Counter<"platform" | "outcome">;
  platformUp: Gauge<"platform">;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  return {
    registry,
    commands: new Counter({
      name: "newsdesk_commands_total",
      help: "Slash commands handled, by command and outcome (ok, user_error, denied, error)",
      labelNames: ["command", "outcome", "platform"],
      registers: [registry],
    }),
    latency: new Histogram({
      name: "newsdesk_command_duration_seconds",
      help: "Time from receiving a command to its reply being ready",
      labelNames: ["command", "platform"],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    ackLatency: new Histogram({
      name: "newsdesk_ack_duration_seconds",
      help: "Time from receiving a command to acknowledging it (Slack ack, Discord deferReply)",
      labelNames: ["platform"],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 3],
      registers: [registry],
    }),
    slackResponse: new Histogram({
      name: "newsdesk_slack_http_response_seconds",
      help: "Time from a Slack HTTP request arriving to its response (what Slack measures against 3 s)",
      buckets: [0.005, 0.01, 0.05, 0.1, 0.2, 0.5, 1, 2, 3, 5],
      registers: [registry],
    }),
    llmCalls: new Counter({
      name: "newsdesk_llm_calls_total",
      help: "Briefs asked of the LLM, by outcome (llm, cached, fallback_<reason>)",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    digestsPosted: new Counter({
      name: "newsdesk_digests_posted_total",
      help: "Digests handed to a platform, by outcome",
      labelNames: ["platform", "outcome"],
      registers: [registry],
    }),
    platformUp: new Gauge({
      name: "newsdesk_platform_connected",
      help: "1 when the platform connection is up",
      labelNames: ["platform"],
      registers: [registry],
    }),
  };
}

/** Executor hooks that count every command and log unexpected failures (never the arguments). */
export function commandHooks(metrics: Metrics, logger: Logger, platform: string): ExecuteHooks {
  return {
    onDone(command, outcome, ms) {
      metrics.commands.inc({ command, outcome, platform });
      metrics.latency.observe({ command, platform }, ms / 1000);
    },
    onError(err, invocation) {
      logger.error(
        { err, command: invocation.command, subcommand: invocation.subcommand, platform },
        "command failed unexpectedly",
      );
    },
  };
}
