import { z } from "zod";

/**
 * Every environment variable Newsdesk reads, validated once at start-up.
 * `.env.example` must list exactly these keys (a test keeps them in sync).
 */

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const bool = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return fallback;
      const s = v.trim().toLowerCase();
      if (["1", "true", "yes", "on"].includes(s)) return true;
      if (["0", "false", "no", "off"].includes(s)) return false;
      ctx.addIssue({ code: "custom", message: `expected true or false, got "${v}"` });
      return z.NEVER;
    });

const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return fallback;
      const n = Number(v.trim());
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({
          code: "custom",
          message: `expected a whole number from ${min} to ${max}, got "${v}"`,
        });
        return z.NEVER;
      }
      return n;
    });

const url = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === "") return undefined;
    try {
      return new URL(v.trim()).toString().replace(/\/$/, "");
    } catch {
      ctx.addIssue({ code: "custom", message: `expected a URL, got "${v}"` });
      return z.NEVER;
    }
  });

/** The LLM is on when a key is set, or a base URL for a local server that needs none. */
export function llmConfigured(config: Pick<Config, "OPENAI_API_KEY" | "OPENAI_BASE_URL">): boolean {
  return Boolean(config.OPENAI_API_KEY || config.OPENAI_BASE_URL);
}

/** An IANA timezone name this runtime knows ("Europe/Berlin"). */
export function isTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const timezone = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const tz = v?.trim() || "UTC";
    // The default needs no check: asking ICU is ~12 ms of every command line's start-up.
    if (tz === "UTC" || isTimezone(tz)) return tz;
    ctx.addIssue({ code: "custom", message: `unknown IANA timezone "${v}" (example: Europe/Berlin)` });
    return z.NEVER;
  });

/**
 * Which Discord gateway shards this process runs: `auto` (every shard Discord recommends, in this
 * process — discord.js's internal sharding) or `<ids>/<count>`, e.g. `0/2` and `1/2` for two
 * instances, `0-3/8` (ids as a list or ranges). See docs/deploy.md and ADR 0058.
 */
export type DiscordShards = "auto" | { ids: number[]; count: number };

const discordShards = z
  .string()
  .optional()
  .transform((v, ctx): DiscordShards => {
    const s = v?.trim().toLowerCase() ?? "";
    if (s === "" || s === "auto") return "auto";
    const problem = (why: string) => {
      ctx.addIssue({
        code: "custom",
        message: `${why} in "${v}" (examples: auto, 0/2 and 1/2 for two instances, 0-3/8)`,
      });
      return z.NEVER;
    };
    const m = /^([\d,\s-]+)\/(\d+)$/.exec(s);
    if (!m) return problem("expected auto or <shard ids>/<shard count>");
    const count = Number(m[2]);
    if (count < 1 || count > 4096) return problem("the shard count must be 1 to 4096");
    const ids = new Set<number>();
    for (const part of m[1]!.split(",").map((p) => p.trim())) {
      const range = /^(\d+)(?:-(\d+))?$/.exec(part);
      if (!range) return problem(`"${part}" is not a shard id or range`);
      const from = Number(range[1]);
      const to = Number(range[2] ?? range[1]);
      if (to < from || to >= count) return problem(`shard ids must be below the count (${count})`);
      for (let id = from; id <= to; id++) ids.add(id);
    }
    return { ids: [...ids].sort((a, b) => a - b), count };
  });

export const configSchema = z.object({
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_FORMAT: z.enum(["auto", "json", "pretty"]).default("auto"),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: optionalString,
  PORT: int(0, 0, 65535),
  MAX_TEXT_BYTES: int(2 * 1024 * 1024, 1024, 100 * 1024 * 1024),
  DEFAULT_TIMEZONE: timezone,
  FETCH_ALLOW_HOSTS: optionalString,
  FETCH_TIMEOUT_MS: int(15_000, 100, 300_000),
  FETCH_CONNECT_TIMEOUT_MS: int(5_000, 100, 60_000),
  FETCH_MAX_BYTES: int(5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
  FETCH_PER_HOST_CONCURRENCY: int(2, 1, 32),
  FEED_INTERVAL_MINUTES: int(15, 1, 24 * 60),
  EXTRACT_TIMEOUT_MS: int(5_000, 1, 120_000),
  DIGEST_MAX_STORIES: int(8, 1, 25),
  DIGEST_POST_EMPTY: bool(false),
  DIGEST_TICK_SECONDS: int(20, 1, 300),
  WORK_LEASE_SECONDS: int(60, 5, 3600),
  /** Flood control of alert-mode feeds: alerts and updates per channel per rolling hour; the rest fold into one message. */
  ALERTS_PER_HOUR: int(6, 1, 60),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: url,
  OPENAI_MODEL: z.string().default("gpt-4o-mini"),
  LLM_TIMEOUT_MS: int(20_000, 500, 600_000),
  LLM_DAILY_TOKEN_BUDGET: int(500_000, 0, 1_000_000_000),
  DISCORD_TOKEN: optionalString,
  DISCORD_APP_ID: optionalString,
  DISCORD_API_URL: url,
  DISCORD_DEV_GUILD_ID: optionalString,
  DISCORD_SHARDS: discordShards,
  DISCORD_REQUESTS_PER_SECOND: int(50, 1, 10_000),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString,
  SLACK_API_URL: url,
  SLACK_COMMAND_ALIASES: bool(false),
  ADMIN_ROLE: optionalString,
  AUTOLINKS_PER_HOUR: int(10, 1, 1000),
  DISCORD_MESSAGE_CONTENT: bool(false),
});

export type Config = z.infer<typeof configSchema>;

/** The keys of the schema, for the `.env.example` sync test. */
export const configKeys = Object.keys(configSchema.shape) as (keyof Config)[];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Validates the environment, listing every problem at once rather than the first. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked: Record<string, string | undefined> = {};
  for (const key of configKeys) picked[key] = env[key];
  const result = configSchema.safeParse(picked);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".") || "config"}: ${i.message}`));
  }
  const cfg = result.data;
  const problems: string[] = [];
  if (cfg.DISCORD_TOKEN && !cfg.DISCORD_APP_ID)
    problems.push("DISCORD_APP_ID: required when DISCORD_TOKEN is set");
  if (cfg.SLACK_BOT_TOKEN && !cfg.SLACK_APP_TOKEN && !cfg.SLACK_SIGNING_SECRET) {
    problems.push("SLACK_APP_TOKEN or SLACK_SIGNING_SECRET: one is required when SLACK_BOT_TOKEN is set");
  }
  if (cfg.SLACK_SIGNING_SECRET && !cfg.SLACK_APP_TOKEN && !cfg.PORT) {
    problems.push("PORT: required for Slack HTTP mode (SLACK_SIGNING_SECRET without SLACK_APP_TOKEN)");
  }
  // Multi-workspace installs: Bolt needs all three OAuth settings (without the state secret it skips
  // OAuth and fails later with a generic error), and a way to receive events.
  if (cfg.SLACK_CLIENT_ID || cfg.SLACK_CLIENT_SECRET) {
    for (const key of ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const)
      if (!cfg[key]) problems.push(`${key}: required for Slack multi-workspace installs (OAuth)`);
    if (!cfg.SLACK_APP_TOKEN && !cfg.SLACK_SIGNING_SECRET)
      problems.push("SLACK_APP_TOKEN or SLACK_SIGNING_SECRET: one is required for Slack OAuth");
  }
  if (cfg.DATABASE_URL && !/^(postgres|postgresql):\/\//.test(cfg.DATABASE_URL)) {
    problems.push("DATABASE_URL: only postgres:// URLs are supported (leave it empty for the SQLite file)");
  }
  if (problems.length) throw new ConfigError(problems);
  return cfg;
}
