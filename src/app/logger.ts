import { type DestinationStream, type Logger, pino } from "pino";

/**
 * Structured JSON logs on stderr (stdout belongs to the console platform's replies). Any field
 * that could hold a secret is redacted by path, so a token can never reach a log line even when
 * a whole config or client object is logged by mistake.
 */
export const REDACTED_PATHS = [
  "token",
  "botToken",
  "appToken",
  "signingSecret",
  "clientSecret",
  "stateSecret",
  "apiKey",
  "authorization",
  "*.token",
  "*.botToken",
  "*.appToken",
  "*.signingSecret",
  "*.clientSecret",
  "*.apiKey",
  "*.authorization",
  "*.headers.authorization",
  "config.DISCORD_TOKEN",
  "config.SLACK_BOT_TOKEN",
  "config.SLACK_APP_TOKEN",
  "config.SLACK_SIGNING_SECRET",
  "config.SLACK_CLIENT_SECRET",
  "config.SLACK_STATE_SECRET",
  "config.OPENAI_API_KEY",
  "config.DATABASE_URL",
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    { level, base: { app: "newsdesk" }, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } },
    destination ?? pino.destination(2),
  );
}

export type { Logger };
