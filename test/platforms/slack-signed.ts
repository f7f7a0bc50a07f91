import { slackSignature } from "./slack-standin.js";

/** A request as Slack would send it: the body, its content type, and the signed headers. */
export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Signs `body` once, at `timestamp` (now by default). Sending the returned request twice is a
 * replay: the very same bytes and signature, as someone who captured it would send it again.
 */
export function signRequest(
  secret: string,
  body: string,
  contentType: "application/json" | "application/x-www-form-urlencoded",
  timestamp: number | string = nowSeconds(),
): SignedRequest {
  return {
    body,
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": slackSignature(secret, Number(timestamp), body),
    },
  };
}

/** POSTs a signed request to /slack/events; `retryNum` adds Slack's retry headers. */
export async function send(
  baseUrl: string,
  request: SignedRequest,
  options: { retryNum?: number } = {},
): Promise<{ status: number; body: string }> {
  const res = await fetch(`${baseUrl}/slack/events`, {
    method: "POST",
    headers: {
      ...request.headers,
      ...(options.retryNum
        ? { "x-slack-retry-num": String(options.retryNum), "x-slack-retry-reason": "http_timeout" }
        : {}),
    },
    body: request.body,
  });
  return { status: res.status, body: await res.text() };
}

/** A slash command's form body, as Slack posts it. */
export function slashCommandBody(fields: {
  command: string;
  text: string;
  trigger_id: string;
  response_url: string;
  team_id?: string;
}): string {
  return new URLSearchParams({
    token: "legacy",
    team_id: "T1",
    team_domain: "news",
    channel_id: "C1",
    channel_name: "general",
    user_id: "U1",
    user_name: "reader",
    api_app_id: "A1",
    ...fields,
  }).toString();
}

/** The `/add` form's `view_submission`, as Slack posts it (form-encoded `payload`). */
export function addSubmissionBody(opts: {
  channelId: string;
  text: string;
  triggerId: string;
  team?: string;
}) {
  const team = opts.team ?? "T1";
  const payload = {
    type: "view_submission",
    team: { id: team, domain: "news" },
    user: { id: "U1", username: "reader", team_id: team },
    api_app_id: "A1",
    token: "legacy",
    trigger_id: opts.triggerId,
    view: {
      id: `V-${opts.triggerId}`,
      type: "modal",
      callback_id: "newsdesk_add",
      private_metadata: JSON.stringify({ channelId: opts.channelId }),
      state: { values: { article: { text: { type: "plain_text_input", value: opts.text } } } },
      hash: "1700000000.abcdef",
      team_id: team,
      app_id: "A1",
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** An Events API delivery (`event_callback`) for `teamId`, with a fixed `event_id`. */
export function eventBody(teamId: string, eventId: string, event: Record<string, unknown>): string {
  return JSON.stringify({
    token: "legacy",
    team_id: teamId,
    api_app_id: "A1",
    event: { event_ts: "1700000000.000100", ...event },
    type: "event_callback",
    event_id: eventId,
    event_time: 1700000000,
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: `UBOT${teamId}`,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  });
}
