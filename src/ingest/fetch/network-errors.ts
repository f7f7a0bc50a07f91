import { describeSeconds, FetchError } from "./errors.js";

const TLS_CODES =
  /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_|ERR_SSL_|EPROTO|HOSTNAME_MISMATCH)/;

/** Walks `cause` chains: undici wraps the socket error that says what really happened. */
function codes(err: unknown): string[] {
  const out: string[] = [];
  let e = err as { code?: string; cause?: unknown } | undefined;
  for (let i = 0; e && i < 5; i++) {
    if (typeof e.code === "string") out.push(e.code);
    e = e.cause as typeof e;
  }
  return out;
}

function findFetchError(err: unknown): FetchError | undefined {
  let e = err as { cause?: unknown } | undefined;
  for (let i = 0; e && i < 5; i++) {
    if (e instanceof FetchError) return e;
    e = e.cause as typeof e;
  }
  return undefined;
}

/** Turns socket/undici errors into FetchErrors with messages for people. */
export function mapNetworkError(
  err: unknown,
  url: URL,
  timedOut: boolean,
  limits: { timeoutMs: number; connectTimeoutMs: number },
): FetchError {
  const inner = findFetchError(err);
  if (inner) return inner;
  const d = { url: url.toString() };
  const all = codes(err);
  const has = (re: RegExp) => all.some((c) => re.test(c));
  if (timedOut || has(/^(UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT|ABORT_ERR)$/)) {
    return new FetchError(
      "timeout",
      `${url.hostname} did not send the page within ${describeSeconds(limits.timeoutMs)} (FETCH_TIMEOUT_MS)`,
      d,
    );
  }
  if (has(/^(UND_ERR_CONNECT_TIMEOUT|ETIMEDOUT)$/)) {
    return new FetchError(
      "connect_timeout",
      `could not connect to ${url.hostname} within ${describeSeconds(limits.connectTimeoutMs)} (FETCH_CONNECT_TIMEOUT_MS)`,
      d,
    );
  }
  if (has(TLS_CODES)) {
    return new FetchError(
      "tls",
      `the secure connection to ${url.hostname} failed: its certificate could not be verified (${all.find((c) => TLS_CODES.test(c))})`,
      d,
    );
  }
  if (has(/^ECONNREFUSED$/))
    return new FetchError(
      "connection_refused",
      `${url.host} refused the connection (nothing is listening there)`,
      d,
    );
  if (has(/^(ENOTFOUND|EAI_AGAIN)$/))
    return new FetchError("dns", `the host ${url.hostname} does not exist (DNS found no address for it)`, d);
  if (has(/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)$/)) {
    return new FetchError("network", `the connection to ${url.hostname} was cut before the page arrived`, d);
  }
  const message = err instanceof Error ? err.message : String(err);
  if (/ssl|tls|certificate/i.test(message))
    return new FetchError("tls", `the secure connection to ${url.hostname} failed (${message})`, d);
  return new FetchError("network", `could not fetch ${url.toString()}: ${message}`, d);
}
