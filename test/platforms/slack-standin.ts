import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SlackChannels } from "./slack-history.js";

/** One request the stand-in received: a Web API method call or a response_url post. */
export interface Recorded {
  path: string;
  body: Record<string, unknown>;
  at: number;
  /** The token the call carried (Authorization: Bearer, or a `token` form field); none on response_url. */
  token?: string;
  /** Which bot process sent it, when its SLACK_API_URL was `${url}/via-<name>`. */
  via?: string;
}

/** What the stand-in knows about the app for OAuth: its credentials and the codes it will exchange. */
export interface OAuthStandIn {
  clientId: string;
  clientSecret: string;
  /** Authorization code → the oauth.v2.access answer (see `oauthV2Access`); each code works once. */
  codes: Record<string, OAuthV2AccessResponse>;
}

/** The shape of a successful oauth.v2.access answer for a bot install (docs.slack.dev/reference/methods/oauth.v2.access). */
export interface OAuthV2AccessResponse {
  ok: true;
  app_id: string;
  authed_user: { id: string };
  scope: string;
  token_type: "bot";
  access_token: string;
  bot_user_id: string;
  team: { id: string; name: string };
  enterprise: null;
  is_enterprise_install: false;
}

/** A realistic oauth.v2.access answer: a bot token for `teamId`, installed by `userId`. */
export function oauthV2Access(
  teamId: string,
  botToken: string,
  scopes: string[],
  userId = "U1",
): OAuthV2AccessResponse {
  return {
    ok: true,
    app_id: "A1",
    authed_user: { id: userId },
    scope: scopes.join(","),
    token_type: "bot",
    access_token: botToken,
    bot_user_id: `UBOT${teamId}`,
    team: { id: teamId, name: `Workspace ${teamId}` },
    enterprise: null,
    is_enterprise_install: false,
  };
}

/**
 * A loopback stand-in for slack.com: answers Web API methods (/api/<method>) like Slack does
 * for a healthy workspace and records them, and records response_url posts (/respond/<id>).
 */
export async function startSlackStandIn(
  admins: string[] = [],
  methods: Record<string, object> = {},
  oauth?: OAuthStandIn,
) {
  const calls: Recorded[] = [];
  const usedCodes = new Set<string>();
  /** Bot tokens issued through oauth.v2.access → their install, so auth.test can answer for them. */
  const issued = new Map<string, OAuthV2AccessResponse>();
  const waiters: { match: (r: Recorded) => boolean; resolve: (r: Recorded) => void }[] = [];
  // Channels keep what was posted, so conversations.history can answer with it.
  const history = new SlackChannels();
  /** Downloadable files by path, e.g. "/files-pri/T1-F01/feeds.opml". */
  const files = new Map<string, string>();
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const raw = (req.url ?? "").split("?")[0]!;
    // Several bot processes on one stand-in each use SLACK_API_URL = `${url}/via-<name>`.
    const via = /^\/via-([\w-]+)\//.exec(raw)?.[1];
    const path = raw.replace(/^\/via-[\w-]+/, "");
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const token = bearer ?? (typeof body.token === "string" ? body.token : undefined);
    const record: Recorded = {
      path,
      body,
      at: performance.now(),
      ...(token ? { token } : {}),
      ...(via ? { via } : {}),
    };
    calls.push(record);
    for (const w of [...waiters]) {
      if (w.match(record)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(record);
      }
    }
    // Files' private download addresses (files.info hands them out; the bot fetches them with its token).
    const file = files.get(path);
    if (file !== undefined) {
      res
        .writeHead(bearer ? 200 : 403, { "content-type": "application/octet-stream" })
        .end(bearer ? file : "");
      return;
    }
    res.setHeader("content-type", "application/json");
    const method = path.replace(/^\/api\//, "");
    if (methods[method]) {
      res.end(JSON.stringify(methods[method]));
    } else if (path === "/api/oauth.v2.access" && oauth) {
      res.end(JSON.stringify(exchangeCode(oauth, body, usedCodes, issued)));
    } else if (path === "/api/auth.test" && token && issued.has(token)) {
      const install = issued.get(token)!;
      res.end(
        JSON.stringify({
          ok: true,
          user_id: install.bot_user_id,
          bot_id: `B${install.team.id}`,
          team_id: install.team.id,
        }),
      );
    } else if (path === "/api/auth.test") {
      res.end(JSON.stringify({ ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1" }));
    } else if (path === "/api/users.info") {
      const user = String(body.user);
      res.end(JSON.stringify({ ok: true, user: { id: user, is_admin: admins.includes(user) } }));
    } else if (path === "/api/chat.postMessage") {
      res.end(JSON.stringify(await history.post(body)));
    } else if (path === "/api/conversations.history") {
      res.end(JSON.stringify(history.list(body)));
    } else {
      res.end(JSON.stringify({ ok: true }));
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    files,
    /** Canned answers by Web API method, set or changed by a test. */
    methods,
    /** The posted messages by channel, and the hook a test uses to crash the poster mid-post. */
    history,
    /** Resolves with the first (past or future) request matching. */
    waitFor(match: (r: Recorded) => boolean): Promise<Recorded> {
      const done = calls.find(match);
      if (done) return Promise.resolve(done);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** oauth.v2.access as Slack answers it: checks the app's credentials, and a code works once. */
function exchangeCode(
  oauth: OAuthStandIn,
  body: Record<string, unknown>,
  usedCodes: Set<string>,
  issued: Map<string, OAuthV2AccessResponse>,
): object {
  if (body.client_id !== oauth.clientId) return { ok: false, error: "invalid_client_id" };
  if (body.client_secret !== oauth.clientSecret) return { ok: false, error: "bad_client_secret" };
  const code = String(body.code ?? "");
  const answer = oauth.codes[code];
  if (!answer) return { ok: false, error: "invalid_code" };
  if (usedCodes.has(code)) return { ok: false, error: "code_already_used" };
  usedCodes.add(code);
  issued.set(answer.access_token, answer);
  return answer;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  try {
    for await (const c of req) chunks.push(c as Buffer);
  } catch {
    // The client went away mid-request (a bot process killed with SIGKILL): nothing to answer.
    return {};
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  if ((req.headers["content-type"] ?? "").includes("json")) return JSON.parse(text);
  const form = Object.fromEntries(new URLSearchParams(text));
  // The Web API client sends arrays and objects as JSON strings inside the form.
  for (const [k, v] of Object.entries(form)) {
    if (/^[[{]/.test(v)) {
      try {
        form[k] = JSON.parse(v);
      } catch {}
    }
  }
  return form;
}

/** Signs a request body the way Slack does (v0 HMAC-SHA256 over "v0:timestamp:body"). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SlashCommandFields {
  /** The workspace the command comes from; "T1" when omitted. */
  team_id?: string;
  /** The channel it is typed in; "C1" when omitted. */
  channel_id?: string;
  command: string;
  text: string;
  user_id?: string;
  trigger_id: string;
  response_url: string;
}

/** POSTs a signed slash command to /slack/events; returns the status and body. */
export async function postSlashCommand(
  baseUrl: string,
  secret: string,
  fields: SlashCommandFields,
  options: { timestamp?: number; badSignature?: boolean; retryNum?: number } = {},
): Promise<{ status: number; body: string }> {
  const body = new URLSearchParams({
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
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = options.badSignature
    ? slackSignature("wrong-secret", timestamp, body)
    : slackSignature(secret, timestamp, body);
  const res = await fetch(`${baseUrl}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signature,
      ...(options.retryNum
        ? { "x-slack-retry-num": String(options.retryNum), "x-slack-retry-reason": "http_timeout" }
        : {}),
    },
    body,
  });
  return { status: res.status, body: await res.text() };
}

/** POSTs a signed interactivity payload (modal submission, button) to /slack/events. */
export async function postInteraction(
  baseUrl: string,
  secret: string,
  payload: Record<string, unknown>,
): Promise<{ status: number; body: string }> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(`${baseUrl}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": slackSignature(secret, timestamp, body),
    },
    body,
  });
  return { status: res.status, body: await res.text() };
}

let eventSeq = 0;

/**
 * POSTs a signed Events API delivery (`event_callback`) to /slack/events, shaped as Slack sends it
 * to an app installed in `teamId` (authorizations name the installing workspace and its bot).
 */
export async function postEvent(
  baseUrl: string,
  secret: string,
  teamId: string,
  event: Record<string, unknown>,
  /** `eventId`: send an earlier delivery again (Slack's retries keep the event_id); `retryNum` sets its headers. */
  options: { eventId?: string; retryNum?: number } = {},
): Promise<{ status: number; body: string; eventId: string }> {
  eventSeq++;
  const eventId = options.eventId ?? `Ev${eventSeq}`;
  const body = JSON.stringify({
    token: "legacy",
    team_id: teamId,
    api_app_id: "A1",
    event: { event_ts: `1700000000.00${eventSeq}`, ...event },
    type: "event_callback",
    event_id: eventId,
    event_time: 1700000000 + eventSeq,
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
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(`${baseUrl}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": slackSignature(secret, timestamp, body),
      ...(options.retryNum
        ? { "x-slack-retry-num": String(options.retryNum), "x-slack-retry-reason": "http_timeout" }
        : {}),
    },
    body,
  });
  return { status: res.status, body: await res.text(), eventId };
}
