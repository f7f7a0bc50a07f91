import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export interface RestCall {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
}

/**
 * A loopback stand-in for Discord: REST (`DISCORD_API_URL`, recording every call) and a gateway
 * WebSocket that speaks just enough of the protocol — HELLO, IDENTIFY, heartbeats, READY — and
 * lets a test dispatch INTERACTION_CREATE events to the connected client.
 *
 * `validToken`: like Discord, REST calls with any other bot token get 401 Unauthorized.
 * `holdReady`: READY is sent only when the test calls `sendReady()` (a bot still connecting).
 */
export async function startDiscordStandIn(options: { validToken?: string; holdReady?: boolean } = {}) {
  const calls: RestCall[] = [];
  const waiters: { match: (c: RestCall) => boolean; resolve: (c: RestCall) => void }[] = [];
  let socket: WebSocket | undefined;
  let seq = 0;
  let identified!: (payload: Record<string, unknown>) => void;
  const identify = new Promise<Record<string, unknown>>((r) => {
    identified = r;
  });

  const http: Server = createServer(async (req, res) => {
    const body = await readJson(req);
    const path = decodeURIComponent((req.url ?? "").split("?")[0]!).replace(/^\/api\/v\d+/, "");
    const call = { method: req.method ?? "GET", path, body };
    calls.push(call);
    if (options.validToken && req.headers.authorization !== `Bot ${options.validToken}`) {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: "401: Unauthorized", code: 0 }));
      return;
    }
    for (const w of [...waiters]) {
      if (w.match(call)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(call);
      }
    }
    // Like Discord, 204 answers carry no body and no JSON content type.
    if (/\/callback$/.test(path) || req.method === "DELETE") {
      res.writeHead(204).end();
      return;
    }
    res.setHeader("content-type", "application/json");
    // Channel 999 was deleted: Discord answers 404 with its JSON error code 10003.
    if (path.startsWith("/channels/999/")) {
      res.writeHead(404).end(JSON.stringify({ message: "Unknown Channel", code: 10003 }));
      return;
    }
    if (path === "/gateway/bot") {
      res.end(
        JSON.stringify({
          url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        }),
      );
    } else if (/^\/guilds\/\d+\/roles$/.test(path)) {
      res.end(JSON.stringify([{ id: "777", name: "newsroom-admins" }]));
    } else {
      res.end(JSON.stringify(message(body)));
    }
  });
  const wss = new WebSocketServer({ server: http });
  wss.on("connection", (ws) => {
    socket = ws;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 }, s: null, t: null }));
    ws.on("message", (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> };
      if (payload.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (payload.op === 2) {
        identified(payload.d);
        if (options.holdReady) return;
        sendReady();
      }
    });
  });
  const sendReady = () =>
    dispatch("READY", {
      v: 10,
      user: { id: "100", username: "Newsdesk", discriminator: "0", bot: true, avatar: null },
      guilds: [],
      session_id: "session-1",
      resume_gateway_url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`,
      application: { id: "200", flags: 0 },
    });
  const dispatch = (t: string, d: unknown) => socket?.send(JSON.stringify({ op: 0, t, s: ++seq, d }));
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const port = (http.address() as AddressInfo).port;

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    calls,
    identify,
    dispatch,
    sendReady,
    waitFor(match: (c: RestCall) => boolean): Promise<RestCall> {
      const done = calls.find(match);
      if (done) return Promise.resolve(done);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}

let nextId = 1000;

/** The message object Discord returns for a create or edit. */
function message(body: Record<string, unknown> | undefined) {
  return {
    id: String(nextId++),
    channel_id: "300",
    type: 0,
    content: body?.content ?? "",
    author: { id: "100", username: "Newsdesk", discriminator: "0", avatar: null, bot: true },
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: body?.embeds ?? [],
    pinned: false,
    flags: body?.flags ?? 0,
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { raw: text };
  }
}

/** An INTERACTION_CREATE payload for a slash command typed in guild 400, channel 300. */
export function slashInteraction(
  id: string,
  name: string,
  options: unknown[] = [],
  permissions = "0",
  roles: string[] = [],
  type = 2,
) {
  return {
    id,
    application_id: "200",
    type,
    token: `token-${id}`,
    version: 1,
    guild_id: "400",
    channel_id: "300",
    channel: { id: "300", type: 0, guild_id: "400", name: "news" },
    member: {
      user: { id: "500", username: "reader", discriminator: "0", avatar: null },
      roles,
      permissions,
      joined_at: "2024-01-01T00:00:00.000Z",
      deaf: false,
      mute: false,
      flags: 0,
    },
    app_permissions: "19456",
    locale: "en-US",
    guild_locale: "en-US",
    entitlements: [],
    authorizing_integration_owners: { "0": "400" },
    context: 0,
    data: { id: `cmd-${name}`, name, type: 1, options },
  };
}
