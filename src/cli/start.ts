import { parseArgs } from "node:util";
import { config as loadDotenv } from "dotenv";
import { startNewsdesk } from "../app/main.js";
import { ConfigError, loadConfig } from "../config.js";
import type { CliCommand } from "./types.js";
import { UserError } from "./types.js";

const usage = `Usage: newsdesk start

Runs the bot. With DISCORD_TOKEN and/or SLACK_BOT_TOKEN set (see .env.example) it connects to those
platforms; with no platform token it starts the console: type /summary, /add <url|file>, /who …
(one command per line; piped input works too and exits at its end). Settings are read from the
environment and from a .env file in the current directory.`;

export const startCommand: CliCommand = {
  name: "start",
  summary: "run the bot (Discord, Slack, or the console when no token is set)",
  usage,
  async run(args, io) {
    parseArgs({ args, options: {} });
    // Only the real process environment gets .env merged in; tests pass their own env object.
    if (io.env === process.env) loadDotenv({ quiet: true });
    let config: ReturnType<typeof loadConfig>;
    try {
      config = loadConfig(io.env);
    } catch (err) {
      if (err instanceof ConfigError) throw new UserError(err.message);
      throw err;
    }
    const stdin = io.stdin as NodeJS.ReadStream;
    const app = await startNewsdesk({
      config,
      stdin: io.stdin,
      stdout: io.stdout,
      interactive: !!stdin.isTTY,
    });
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
