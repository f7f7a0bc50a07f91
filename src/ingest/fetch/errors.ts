/**
 * Every way a fetch can fail, as one error type with a stable `code` (for logs, metrics and the
 * feed scheduler's backoff decisions) and a message written for the user who gave the link.
 */
export type FetchErrorCode =
  | "invalid_url"
  | "unsupported_scheme"
  | "blocked_address"
  | "dns"
  | "connection_refused"
  | "connect_timeout"
  | "timeout"
  | "tls"
  | "network"
  | "too_many_redirects"
  | "bad_redirect"
  | "too_large"
  | "not_found"
  | "gone"
  | "access_denied"
  | "rate_limited"
  | "server_error"
  | "http_status"
  | "not_article"
  | "not_feed"
  | "decode"
  | "no_article"
  | "paywall"
  | "too_complex";

export class FetchError extends Error {
  override name = "FetchError";
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly details: { url?: string; status?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
  }

  /** Whether trying again later may succeed (the feed scheduler backs off instead of disabling). */
  get transient(): boolean {
    return [
      "dns",
      "connection_refused",
      "connect_timeout",
      "timeout",
      "network",
      "rate_limited",
      "server_error",
    ].includes(this.code);
  }
}

export function describeSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
