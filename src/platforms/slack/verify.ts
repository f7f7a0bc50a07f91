import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { parse } from "node:querystring";
import type { Clock } from "../../digest/clock.js";
import { systemClock } from "../../digest/clock.js";

/** Slack's rule: a signed request is good for five minutes either side of the receiver's clock. */
export const SLACK_TIMESTAMP_TOLERANCE_S = 5 * 60;

/**
 * Why a request's `X-Slack-Request-Timestamp` is refused, or undefined when it is within the window.
 * Bolt 4.7.2's verifySlackRequest only refuses timestamps older than five minutes: one from the
 * future passes, so a request signed "an hour ahead" (a leaked or forged-ahead signature) could be
 * replayed for an hour. The HMAC itself stays Bolt's (timing-safe), over the same header.
 */
export function timestampProblem(header: string | string[] | undefined, nowMs: number): string | undefined {
  if (header === undefined) return "no x-slack-request-timestamp header";
  // Repeated headers arrive joined ("1, 2") or as an array: either way not one timestamp.
  if (typeof header !== "string" || !/^\d{1,15}$/.test(header)) return "garbled x-slack-request-timestamp";
  const skew = Number(header) - Math.floor(nowMs / 1000);
  if (skew > SLACK_TIMESTAMP_TOLERANCE_S) return "x-slack-request-timestamp is in the future";
  if (skew < -SLACK_TIMESTAMP_TOLERANCE_S) return "x-slack-request-timestamp is stale";
  return undefined;
}

export interface TimestampCheckOptions {
  /** The paths Bolt takes signed POSTs on (HTTPReceiver `endpoints`). */
  endpoints: readonly string[];
  clock?: Clock;
  /** Told why a request was refused (no header values, no body). */
  onRefused?(reason: string): void;
}

/**
 * Wraps Bolt's HTTP listener: a POST to a signed endpoint whose timestamp is outside ±5 minutes is
 * answered 401 before Bolt sees it. Every other request (the OAuth install and callback are browser
 * GETs protected by their state cookie, not signed by Slack) goes to Bolt untouched.
 *
 * The body is read first, as Bolt does, and handed on as `rawBody` (Bolt's bufferIncomingMessage
 * reuses it): a refusal never comes before the request has fully arrived, so the HTTP server's
 * AckGate counts it exactly as before. Slack's `ssl_check=1` probe is not signed and passes on to
 * Bolt, which answers it without dispatching anything.
 */
export function refuseOutOfWindowTimestamps(
  listener: RequestListener,
  options: TimestampCheckOptions,
): RequestListener {
  const clock = options.clock ?? systemClock;
  return (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (req.method?.toUpperCase() !== "POST" || !options.endpoints.includes(path)) {
      listener(req, res);
      return;
    }
    readBody(req).then(
      (body) => {
        const problem = isSslCheck(req, body)
          ? undefined
          : timestampProblem(req.headers["x-slack-request-timestamp"], clock.now().getTime());
        if (problem) {
          options.onRefused?.(problem);
          refuse(res);
          return;
        }
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
        listener(req, res);
      },
      () => refuse(res),
    );
  };
}

function refuse(res: ServerResponse): void {
  if (!res.headersSent) res.writeHead(401);
  res.end();
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Exactly the test Bolt applies before skipping verification for Slack's SSL probe (same parser:
 * `ssl_check=1&ssl_check=1` is an array to both, so it cannot pass here and be dispatched there).
 */
function isSslCheck(req: IncomingMessage, body: Buffer): boolean {
  if (req.headers["content-type"] !== "application/x-www-form-urlencoded") return false;
  return parse(body.toString()).ssl_check === "1";
}
