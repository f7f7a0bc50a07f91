import type { Config } from "../config.js";
import { StoreOpenError } from "../store/open.js";

/** A platform adapter that could not start; names the platform so the message can name its setting. */
export class PlatformStartError extends Error {
  constructor(
    readonly platform: string,
    cause: unknown,
  ) {
    super(`${platform}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "PlatformStartError";
  }
}

/** Errors a network call fails with when the host is unknown, unreachable or refuses. */
const NETWORK_CODES = new Set([
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
]);

/** Slack's answers to a token that is wrong, revoked or belongs to a deleted app. */
const SLACK_TOKEN_ERRORS = new Set([
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "token_expired",
  "account_inactive",
  "invalid_token",
]);

/**
 * The error and its causes, outermost first: fetch wraps the socket error in `cause`, Slack's Web
 * API client in `original`.
 */
function chain(err: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = err; e && out.length < 8; ) {
    out.push(e);
    const next = e as { cause?: unknown; original?: unknown };
    e = next.cause ?? next.original;
  }
  return out;
}

function networkProblem(err: unknown): { code: string; host?: string } | undefined {
  for (const e of chain(err)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) {
      const host =
        (e as { hostname?: string; address?: string }).hostname ?? (e as { address?: string }).address;
      return { code, host };
    }
    // AggregateError (happy eyeballs: every address refused) carries the codes in `errors`.
    const inner = (e as { errors?: unknown[] }).errors;
    if (Array.isArray(inner)) for (const i of inner) if (networkProblem(i)) return networkProblem(i);
  }
  return undefined;
}

/** Slack's `error` field (WebAPIPlatformError.data.error), or a token error named in a message. */
function slackError(err: unknown): string | undefined {
  for (const e of chain(err)) {
    const data = (e as { data?: { error?: unknown } }).data;
    if (typeof data?.error === "string") return data.error;
    const m = /\b(invalid_auth|not_authed|token_revoked|token_expired|account_inactive|invalid_token)\b/.exec(
      e instanceof Error ? e.message : "",
    );
    if (m) return m[1];
  }
  return undefined;
}

function discordUnauthorized(err: unknown): boolean {
  return chain(err).some((e) => {
    const { code, status } = e as { code?: unknown; status?: unknown };
    return code === "TokenInvalid" || status === 401;
  });
}

/**
 * One line for the operator — what is wrong and what to set — for the ways a start commonly fails:
 * no network, a rejected token, a database that is down. Undefined for anything else (a bug: the
 * caller shows it with its stack).
 */
export function explainStartFailure(err: unknown, config: Config): string | undefined {
  if (err instanceof StoreOpenError) {
    return config.DATABASE_URL && /cannot connect/.test(err.message)
      ? `${err.message} — start PostgreSQL or fix DATABASE_URL (leave it empty for the SQLite file in DATA_DIR)`
      : err.message;
  }
  if (!(err instanceof PlatformStartError)) return undefined;
  const net = networkProblem(err);
  if (err.platform === "discord") {
    if (discordUnauthorized(err))
      return "Discord rejected DISCORD_TOKEN (401 Unauthorized): set it to the bot token from the Developer Portal (Bot → Reset Token)";
    if (net)
      return `cannot reach Discord${net.host ? ` at ${net.host}` : ""} (${net.code}): check the network and DNS${config.DISCORD_API_URL ? `, or DISCORD_API_URL (${config.DISCORD_API_URL})` : ""}`;
  }
  if (err.platform === "slack") {
    const code = slackError(err);
    if (code && SLACK_TOKEN_ERRORS.has(code)) {
      const appToken = /apps\.connections\.open/.test(String((err.cause as Error)?.message));
      return appToken
        ? `Slack rejected SLACK_APP_TOKEN (${code}): set it to an app-level token (xapp-…) with connections:write`
        : `Slack rejected SLACK_BOT_TOKEN (${code}): set it to the app's Bot User OAuth Token (xoxb-…) from OAuth & Permissions, reinstalling the app if it was revoked`;
    }
    if (net)
      return `cannot reach Slack${net.host ? ` at ${net.host}` : ""} (${net.code}): check the network and DNS${config.SLACK_API_URL ? `, or SLACK_API_URL (${config.SLACK_API_URL})` : ""}`;
  }
  return undefined;
}
