import { join } from "node:path";
import { parseArgs } from "node:util";
import { config as loadDotenv } from "dotenv";
import { logDestination } from "../app/log-format.js";
import { createLogger } from "../app/logger.js";
import { consoleMode, type RunningNewsdesk, startNewsdesk } from "../app/main.js";
import { explainStartFailure } from "../app/start-errors.js";
import { type Config, ConfigError, loadConfig } from "../config.js";
import type { CliCommand } from "./types.js";
import { UserError } from "./types.js";
import { usages } from "./usage.js";

const usage = usages.start;

/** The interactive console's log file: log lines on the terminal would break into the prompt. */
export const consoleLogFile = (config: Pick<Config, "DATA_DIR">) => join(config.DATA_DIR, "console.log");

export const startCommand: CliCommand = {
  name: "start",
  summary: "run the bot (Discord, Slack, or the console when no token is set)",
  usage,
  async run(args, io) {
    parseArgs({ args, options: {} });
    // Only the real process environment gets .env merged in; tests pass their own env object.
    if (io.env === process.env) loadDotenv({ quiet: true });
    let config: Config;
    try {
      config = loadConfig(io.env);
    } catch (err) {
      if (err instanceof ConfigError) throw new UserError(err.message);
      throw err;
    }
    const stdin = io.stdin as NodeJS.ReadStream;
    const interactive = !!stdin.isTTY;
    const logFile = interactive && consoleMode(config) ? consoleLogFile(config) : undefined;
    const logger = createLogger(
      config.LOG_LEVEL,
      logDestination({ format: config.LOG_FORMAT, stderr: io.stderr, file: logFile }),
    );
    let app: RunningNewsdesk;
    try {
      app = await startNewsdesk({
        config,
        logger,
        stdin: io.stdin,
        stdout: io.stdout,
        interactive,
        consoleLogFile: logFile,
      });
    } catch (err) {
      // No network, a rejected token, a database that is down: one line saying what to set, the
      // stack only in the debug log. Anything else is a bug and keeps its stack (cli.ts).
      const line = explainStartFailure(err, config);
      if (!line) throw err;
      logger.debug({ err }, "start failed");
      throw new UserError(line);
    }
    const shutdown = (signal: string) => {
      io.stderr.write(`newsdesk: ${signal}, finishing replies in flight…\n`);
      void app.stop();
    };
    process.once("SIGTERM", () => shutdown("SIGTERM"));
    process.once("SIGINT", () => shutdown("SIGINT"));
    await app.done;
    return 0;
  },
};
