import { Agent, request } from "undici";
import { classifyAddress, parseIp } from "./address.js";
import { parseAllowList } from "./allow-list.js";
import { discardBody, readLimitedBody } from "./body.js";
import { checkContentType, type ExpectedContent } from "./content-type.js";
import { decodeBody } from "./decode.js";
import { describeSeconds, FetchError } from "./errors.js";
import { HostLimiter, parseRetryAfter } from "./host-limit.js";
import { mapNetworkError } from "./network-errors.js";
import { blockedError, createSafeLookup, type Resolver, systemResolver } from "./safe-lookup.js";

export const DEFAULT_USER_AGENT =
  "NewsdeskBot/0.1 (+https://github.com/newsdesk/newsdesk; news summaries for chat teams)";

/** Settings of the fetcher: the FETCH_* variables of src/config.ts plus test seams. */
export interface FetcherOptions {
  /** FETCH_ALLOW_HOSTS: comma-separated host names, IPs or CIDR ranges allowed despite SSRF rules. */
  allowHosts?: string;
  /** FETCH_TIMEOUT_MS: the whole request including redirects and body. */
  timeoutMs: number;
  /** FETCH_CONNECT_TIMEOUT_MS. */
  connectTimeoutMs: number;
  /** FETCH_MAX_BYTES: decompressed body limit. */
  maxBytes: number;
  /** FETCH_PER_HOST_CONCURRENCY. */
  perHostConcurrency: number;
  maxRedirects?: number;
  /** The longest Retry-After we wait for ourselves; longer ones fail as rate_limited. */
  maxRetryAfterMs?: number;
  userAgent?: string;
  /** Name resolution (tests pass a stand-in to map names to chosen addresses). */
  resolver?: Resolver;
  /** Extra TLS trust, for tests against a loopback HTTPS server with its own CA. */
  ca?: string | Buffer;
}

export interface FetchRequest {
  expect?: ExpectedContent;
  /** Conditional GET validators from the previous fetch. */
  etag?: string;
  lastModified?: string;
}

export interface FetchedResource {
  /** The URL asked for and the one the body came from after redirects. */
  requestedUrl: string;
  url: string;
  status: number;
  /** True on 304 Not Modified (conditional GET): no body. */
  notModified: boolean;
  mediaType: string;
  charset: string;
  body: Buffer;
  text: string;
  etag?: string;
  lastModified?: string;
}

export interface Fetcher {
  fetch(url: string, req?: FetchRequest): Promise<FetchedResource>;
  close(): Promise<void>;
}

/** Settings from the validated config (src/config.ts). */
export function fetcherOptionsFromConfig(config: {
  FETCH_ALLOW_HOSTS?: string;
  FETCH_TIMEOUT_MS: number;
  FETCH_CONNECT_TIMEOUT_MS: number;
  FETCH_MAX_BYTES: number;
  FETCH_PER_HOST_CONCURRENCY: number;
}): FetcherOptions {
  return {
    allowHosts: config.FETCH_ALLOW_HOSTS,
    timeoutMs: config.FETCH_TIMEOUT_MS,
    connectTimeoutMs: config.FETCH_CONNECT_TIMEOUT_MS,
    maxBytes: config.FETCH_MAX_BYTES,
    perHostConcurrency: config.FETCH_PER_HOST_CONCURRENCY,
  };
}

export function createFetcher(options: FetcherOptions): Fetcher {
  const allow = parseAllowList(options.allowHosts);
  const maxRedirects = options.maxRedirects ?? 5;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;
  const limiter = new HostLimiter(options.perHostConcurrency);
  const agent = new Agent({
    connect: {
      timeout: options.connectTimeoutMs,
      lookup: createSafeLookup(allow, options.resolver ?? systemResolver) as never,
      ...(options.ca ? { ca: options.ca } : {}),
    },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    maxRedirections: 0,
  });

  /** Checks scheme and literal-IP hosts (the lookup never runs for those). */
  function checkTarget(raw: string, base?: string): URL {
    let url: URL;
    try {
      url = new URL(raw, base);
    } catch {
      throw new FetchError("invalid_url", `"${raw}" is not a valid URL`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new FetchError(
        base ? "bad_redirect" : "unsupported_scheme",
        `${base ? "the site redirected to" : "cannot fetch"} ${url.protocol.replace(":", "")}: URLs — only http and https are supported`,
      );
    }
    if (url.username || url.password)
      throw new FetchError("invalid_url", "URLs with a user name or password are not fetched");
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (parseIp(host)) {
      const cls = classifyAddress(host);
      if (cls !== "public" && !allow.allowsAddress(host) && !allow.allowsHost(host))
        throw blockedError(host, host, cls);
    }
    return url;
  }

  async function once(url: URL, req: FetchRequest, signal: AbortSignal) {
    const headers: Record<string, string> = {
      "user-agent": options.userAgent ?? DEFAULT_USER_AGENT,
      accept:
        req.expect === "feed"
          ? "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
          : "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.8, */*;q=0.5",
      "accept-encoding": "gzip, deflate, br",
      "accept-language": "en;q=1, *;q=0.5",
    };
    if (req.etag) headers["if-none-match"] = req.etag;
    if (req.lastModified) headers["if-modified-since"] = req.lastModified;
    return request(url, { method: "GET", headers, dispatcher: agent, signal });
  }

  async function fetchResource(requestedUrl: string, req: FetchRequest = {}): Promise<FetchedResource> {
    let url = checkTarget(requestedUrl);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    let rateLimitRetries = 0;
    try {
      for (let hop = 0; ; ) {
        const host = url.host;
        const wait = limiter.pausedFor(host);
        if (wait > maxRetryAfterMs) {
          throw new FetchError(
            "rate_limited",
            `${url.hostname} asked us to slow down; try again in ${describeSeconds(Math.ceil(wait / 1000) * 1000)}`,
            {
              url: url.toString(),
              retryAfterMs: wait,
            },
          );
        }
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const release = await limiter.acquire(host);
        try {
          const res = await once(url, req, controller.signal);
          const status = res.statusCode;
          const header = (name: string) => {
            const v = res.headers[name];
            return Array.isArray(v) ? v[0] : v;
          };
          if (status >= 300 && status < 400 && status !== 304) {
            discardBody(res.body);
            const location = header("location");
            if (!location)
              throw new FetchError(
                "bad_redirect",
                `the site answered HTTP ${status} without saying where to go`,
              );
            if (++hop > maxRedirects) {
              throw new FetchError(
                "too_many_redirects",
                `the site redirected more than ${maxRedirects} times (redirect limit)`,
                {
                  url: requestedUrl,
                },
              );
            }
            url = checkTarget(location, url.toString());
            continue;
          }
          if (status === 429) {
            discardBody(res.body);
            const retryAfter = parseRetryAfter(header("retry-after")) ?? 60_000;
            limiter.pause(host, retryAfter);
            if (retryAfter <= maxRetryAfterMs && rateLimitRetries++ < 1) continue;
            throw new FetchError(
              "rate_limited",
              `${url.hostname} asked us to slow down (HTTP 429); try again in ${describeSeconds(Math.ceil(retryAfter / 1000) * 1000)}`,
              {
                url: url.toString(),
                status,
                retryAfterMs: retryAfter,
              },
            );
          }
          if (status === 304) {
            discardBody(res.body);
            return {
              requestedUrl,
              url: url.toString(),
              status,
              notModified: true,
              mediaType: "",
              charset: "",
              body: Buffer.alloc(0),
              text: "",
              etag: header("etag") ?? req.etag,
              lastModified: header("last-modified") ?? req.lastModified,
            };
          }
          if (status < 200 || status >= 300) {
            discardBody(res.body);
            throw statusError(status, url.toString());
          }
          const declared = Number(header("content-length"));
          if (!header("content-encoding") && Number.isFinite(declared) && declared > options.maxBytes) {
            discardBody(res.body);
            throw new FetchError(
              "too_large",
              `the page is larger than the limit of ${formatMb(options.maxBytes)} (FETCH_MAX_BYTES)`,
              {
                url: url.toString(),
              },
            );
          }
          const body = await readLimitedBody(
            res.body,
            header("content-encoding"),
            options.maxBytes,
            url.toString(),
          );
          const contentType = header("content-type");
          const mediaType = checkContentType(contentType, body, req.expect ?? "page", url.toString());
          const { text, charset, unknownCharset } = decodeBody(body, contentType);
          if (unknownCharset)
            throw new FetchError(
              "decode",
              `${url.host} sent the page in a character set Newsdesk cannot read ("${unknownCharset}"); paste the article text instead`,
              { url: url.toString() },
            );
          return {
            requestedUrl,
            url: url.toString(),
            status,
            notModified: false,
            mediaType,
            charset,
            body,
            text,
            etag: header("etag"),
            lastModified: header("last-modified"),
          };
        } finally {
          release();
        }
      }
    } catch (err) {
      if (err instanceof FetchError) throw err;
      throw mapNetworkError(err, url, controller.signal.aborted, options);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    fetch: fetchResource,
    close: () => agent.close(),
  };
}

function formatMb(n: number): string {
  return n >= 1024 * 1024 ? `${+(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`;
}

export function statusError(status: number, url: string): FetchError {
  const d = { url, status };
  if (status === 404) return new FetchError("not_found", `the page was not found (HTTP 404): ${url}`, d);
  if (status === 410) return new FetchError("gone", `the page has been removed (HTTP 410): ${url}`, d);
  if (status === 401 || status === 403 || status === 402 || status === 451) {
    return new FetchError(
      "access_denied",
      `the site refused access (HTTP ${status}): the page may need a login or subscription, or block bots`,
      d,
    );
  }
  if (status >= 500)
    return new FetchError("server_error", `the site had an error (HTTP ${status}); try again later`, d);
  return new FetchError("http_status", `the site answered HTTP ${status} instead of the page`, d);
}
