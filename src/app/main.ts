import { join } from "node:path";
import type { Readable, Writable } from "node:stream";
import { commandRegistry } from "../../commands/registry.js";
import type { Config } from "../config.js";
import { runConsole } from "../platforms/console/console.js";
import { fileReceipts, receiptsFile } from "../platforms/console/receipts.js";
import type { DiscordAdapter } from "../platforms/discord/discord.js";
import type { SlackAdapter } from "../platforms/slack/slack.js";
import { AckGate, type PlatformAdapter } from "../platforms/types.js";
import { type HealthReport, type RunningHttpServer, readinessReport, startHttpServer } from "./http.js";
import { createLogger, type Logger } from "./logger.js";
import { commandHooks, createMetrics, type Metrics } from "./metrics.js";
import type { Services } from "./services.js";
import { PlatformStartError } from "./start-errors.js";
import { createServices } from "./wiring.js";
import { pauseRemovedWorkspace, resumeReinstalledWorkspace, type Workspace } from "./workspace-removal.js";

export interface StartOptions {
  config: Config;
  stdin: Readable;
  stdout: Writable;
  /** Prompt on the console (stdin is a terminal). */
  interactive: boolean;
  /** Named in the interactive console's greeting: where its logs go instead of the terminal. */
  consoleLogFile?: string;
  /** Tests and the bench pass their own; by default built from the config. */
  services?: Services;
  logger?: Logger;
  /** Overrides PORT (0 = any free port), so tests and the bench can listen on loopback. */
  http?: { port: number; host?: string };
  /** Called with each Slack request's arrival-to-response time in ms (the bench's server-side view). */
  onSlackResponse?(ms: number): void;
}

export interface RunningNewsdesk {
  mode: "console" | "platforms";
  metrics: Metrics;
  httpPort?: number;
  /** The running platform adapters (digest posting goes through them). */
  discord?: DiscordAdapter;
  slack?: SlackAdapter;
  /** Resolves when the bot has stopped (console: at end of input). */
  done: Promise<void>;
  /** Graceful shutdown: stop taking commands, finish in-flight replies, close the store. */
  stop(): Promise<void>;
}

/** No platform is configured: the bot runs the console on stdin/stdout. */
export function consoleMode(config: Config): boolean {
  return !config.DISCORD_TOKEN && !config.SLACK_BOT_TOKEN && !config.SLACK_CLIENT_ID;
}

/** Wiring: config → services → platforms (or the console when no platform token is set). */
export async function startNewsdesk(options: StartOptions): Promise<RunningNewsdesk> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const metrics = createMetrics();
  // Shared by the HTTP server (it counts Slack requests awaiting their ack), the Discord adapter
  // (interactions awaiting theirs) and the work that must let those acks go first.
  const ackGate = new AckGate();
  const wiring = options.services
    ? undefined
    : await createServices(config, logger, metrics, () => ackGate.pause());
  const services = options.services ?? wiring!.services;
  const adapters: PlatformAdapter[] = [];
  let discord: DiscordAdapter | undefined;
  // Platform libraries load only when configured: each costs start-up time and resident memory.
  if (config.DISCORD_TOKEN) {
    const { createDiscordAdapter } = await import("../platforms/discord/discord.js");
    const server = (externalId: string): Workspace => ({
      platform: "discord",
      externalId,
      kind: "Discord server",
    });
    discord = createDiscordAdapter({
      config,
      services,
      registry: commandRegistry,
      metrics,
      logger,
      ackGate,
      guilds: wiring && {
        removed: (id) => pauseRemovedWorkspace(wiring.store.tenants, server(id)),
        added: (id) => resumeReinstalledWorkspace(wiring.store.tenants, server(id)),
      },
      claimOnce: wiring && ((key, ttlMs) => wiring.store.deliveries.claim(key, ttlMs)),
    });
    adapters.push(discord);
  }
  let slack: SlackAdapter | undefined;
  if (config.SLACK_BOT_TOKEN || config.SLACK_CLIENT_ID) {
    const { createSlackAdapter, DELIVERY_TTL_MS } = await import("../platforms/slack/slack.js");
    const { boltInstallationStore } = await import("../platforms/slack/installations.js");
    const installationStore =
      wiring && config.SLACK_CLIENT_ID ? boltInstallationStore(wiring.store.slackInstallations) : undefined;
    slack = createSlackAdapter({
      config,
      services,
      registry: commandRegistry,
      metrics,
      logger,
      installationStore,
      ackGate,
      deliveries: wiring && {
        claim: (key: string) => wiring.store.deliveries.claim(key, DELIVERY_TTL_MS),
      },
    });
    adapters.push(slack);
  }

  let http: RunningHttpServer | undefined;
  const health = async (): Promise<HealthReport> => {
    const store = await services.healthy().catch(() => false);
    const platforms = Object.fromEntries(adapters.map((a) => [a.name, a.connected()]));
    return readinessReport(store, platforms);
  };
  const listen = options.http ?? (config.PORT ? { port: config.PORT } : undefined);
  if (listen) {
    http = await startHttpServer({
      ...listen,
      metrics,
      health,
      liveness: () => (discord ? { discord: discord.shards() } : {}),
      slack: slack?.requestListener,
      ackGate,
      onSlackResponse: options.onSlackResponse,
    });
    logger.info(
      { port: http.port, slackEvents: !!slack?.requestListener },
      "http: /healthz, /readyz and /metrics",
    );
  }

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      // The scheduler first: it finishes the post in progress and takes no new claims.
      await wiring?.background.stop();
      await Promise.allSettled(adapters.map((a) => a.stop()));
      await http?.close();
      await services.close();
      logger.info("stopped");
    })();
    return stopped;
  };

  if (adapters.length === 0) {
    wiring?.poster.attach({
      console: (text) => options.stdout.write(text),
      consoleReceipts: fileReceipts(receiptsFile(config.DATA_DIR)),
    });
    wiring?.background.start();
    const reading = new AbortController();
    const done = runConsole({
      input: options.stdin,
      output: options.stdout,
      interactive: options.interactive,
      registry: commandRegistry,
      services,
      maxTextBytes: config.MAX_TEXT_BYTES,
      hooks: commandHooks(metrics, logger, "console"),
      signal: reading.signal,
      historyFile: options.interactive ? join(config.DATA_DIR, "console_history") : undefined,
      logFile: options.consoleLogFile,
    }).then(stop);
    // A signal stops reading stdin; the console loop then ends and runs the shutdown itself.
    const stopConsole = () => {
      reading.abort();
      return done;
    };
    return { mode: "console", metrics, httpPort: http?.port, done, stop: stopConsole };
  }

  for (const adapter of adapters) {
    try {
      await adapter.start();
    } catch (err) {
      // Close what did start (store, HTTP server, the other platform) so the process can exit
      // with the one-line explanation start.ts derives from this error.
      await stop().catch(() => {});
      throw new PlatformStartError(adapter.name, err);
    }
    metrics.platformUp.set({ platform: adapter.name }, 1);
  }
  wiring?.poster.attach({ discord, slack });
  wiring?.background.start();
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  return {
    mode: "platforms",
    metrics,
    discord,
    slack,
    httpPort: http?.port,
    done,
    stop: () => stop().then(resolveDone),
  };
}
