import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export interface RestCall {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
  /** Which client sent it, when it used `apiUrlFor(name)` (several bot processes on one stand-in). */
  via?: string;
  /** When it arrived (ms since the epoch): Discord's global limit counts requests per second. */
  at: number;
}

/**
 * The most requests matching `match` that arrived within any `windowMs`: what Discord's global
 * limit (per bot token, whatever the number of processes) would have seen at its busiest.
 */
export function peakRequests(calls: RestCall[], windowMs: number, match: (c: RestCall) => boolean): number {
  const times = calls
    .filter(match)
    .map((c) => c.at)
    .sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= windowMs) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

/** The gateway shard Discord sends a guild's events to: `(guild_id >> 22) % shard_count`. */
export const shardOfGuild = (guildId: string, count: number): number =>
  Number((BigInt(guildId) >> 22n) % BigInt(count));

/**
 * A loopback stand-in for Discord: REST (`DISCORD_API_URL`, recording every call) and a gateway
 * WebSocket that speaks just enough of the protocol — HELLO, IDENTIFY, heartbeats, READY — and
 * lets a test dispatch events to the connected clients.
 *
 * `validToken`: like Discord, REST calls with any other bot token get 401 Unauthorized.
 * `holdReady`: READY is sent only when the test calls `sendReady()` (a bot still connecting).
 * `shards`: what GET /gateway/bot recommends (default 1). Each connection identifies as a shard
 * (`shard: [id, count]`, [0, 1] when absent); an id outside the count is closed with 4010
 * (Invalid shard), like Discord. A dispatch about a guild goes to the shard that owns it
 * (`shardOfGuild`), anything else to shard 0, as Discord does.
 */
export async function startDiscordStandIn(
  options: { validToken?: string; holdReady?: boolean; shards?: number } = {},
) {
  const calls: RestCall[] = [];
  const waiters: { match: (c: RestCall) => boolean; resolve: (c: RestCall) => void }[] = [];
  /** The latest connection of each shard id, with its own sequence number. */
  const sockets = new Map<number, { ws: WebSocket; seq: number; count: number }>();
  const identifies: { shard: [number, number]; d: Record<string, unknown> }[] = [];
  /** Every dispatch and the shard it went to. */
  const dispatched: { t: string; shard: number }[] = [];
  let identified!: (payload: Record<string, unknown>) => void;
  const identify = new Promise<Record<string, unknown>>((r) => {
    identified = r;
  });
  const shardWaiters: { n: number; resolve: () => void }[] = [];

  // Channels keep what was posted there, so GET …/messages can list it (with the nonce).
  const channels = new DiscordChannels();
  /** Files served at their path, e.g. "/attachments/300/9001/feeds.opml". */
  const cdn = new Map<string, string>();
  const http: Server = createServer(async (req, res) => {
    // The CDN: attachments a test put there (Discord hands bots their URL in the interaction).
    const file = cdn.get((req.url ?? "").split("?")[0]!);
    if (file !== undefined) {
      res.writeHead(200, { "content-type": "text/x-opml; charset=utf-8" }).end(file);
      return;
    }
    const body = await readJson(req);
    const raw = decodeURIComponent((req.url ?? "").split("?")[0]!);
    const via = /^\/via-([\w-]+)\//.exec(raw)?.[1];
    const path = raw.replace(/^\/via-[\w-]+/, "").replace(/^\/api\/v\d+/, "");
    const call: RestCall = {
      method: req.method ?? "GET",
      path,
      body,
      ...(via ? { via } : {}),
      at: Date.now(),
    };
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
          shards: options.shards ?? 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        }),
      );
    } else if (/^\/guilds\/\d+\/roles$/.test(path)) {
      res.end(JSON.stringify([{ id: "777", name: "newsroom-admins" }]));
    } else if (channelMessages.test(path)) {
      const channelId = channelMessages.exec(path)![1]!;
      const query = new URLSearchParams((req.url ?? "").split("?")[1] ?? "");
      res.end(
        JSON.stringify(
          req.method === "GET" ? channels.list(channelId, query) : channels.post(channelId, body),
        ),
      );
    } else {
      res.end(JSON.stringify(message(body)));
    }
  });
  const wss = new WebSocketServer({ server: http });
  wss.on("connection", (ws) => {
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 }, s: null, t: null }));
    ws.on("message", (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> };
      if (payload.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (payload.op === 2) {
        const shard = (payload.d.shard as [number, number] | undefined) ?? [0, 1];
        if (shard[0] >= shard[1]) {
          ws.close(4010, "Invalid shard");
          return;
        }
        sockets.set(shard[0], { ws, seq: 0, count: shard[1] });
        identifies.push({ shard, d: payload.d });
        identified(payload.d);
        for (const w of shardWaiters.filter((x) => sockets.size >= x.n)) w.resolve();
        if (options.holdReady) return;
        sendReady(shard[0]);
      }
    });
  });
  const sendReady = (shard?: number) => {
    for (const [id, s] of sockets) {
      if (shard !== undefined && id !== shard) continue;
      send(id, "READY", {
        v: 10,
        user: { id: "100", username: "Newsdesk", discriminator: "0", bot: true, avatar: null },
        guilds: [],
        session_id: `session-${id}`,
        resume_gateway_url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`,
        application: { id: "200", flags: 0 },
        shard: [id, s.count],
      });
    }
  };
  const send = (shard: number, t: string, d: unknown) => {
    const s = sockets.get(shard);
    if (!s) return;
    dispatched.push({ t, shard });
    s.ws.send(JSON.stringify({ op: 0, t, s: ++s.seq, d }));
  };
  /** Sends an event to the shard that owns its guild (`guild_id`, or `id` of a GUILD_* event). */
  const dispatch = (t: string, d: unknown) => {
    const data = d as { guild_id?: string; id?: string };
    const guildId = data.guild_id ?? (t.startsWith("GUILD_") ? data.id : undefined);
    const count = sockets.get(0)?.count ?? sockets.values().next().value?.count ?? 1;
    send(guildId ? shardOfGuild(guildId, count) : 0, t, d);
  };
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const port = (http.address() as AddressInfo).port;

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    /** The REST base for one of several clients: its calls are recorded with `via: name`. */
    apiUrlFor: (name: string) => `http://127.0.0.1:${port}/via-${name}/api`,
    /** Where `cdn` paths are served from. */
    cdnUrl: `http://127.0.0.1:${port}`,
    cdn,
    calls,
    channels,
    identify,
    identifies,
    dispatched,
    dispatch,
    sendReady,
    /** Resolves once `n` different shards have identified. */
    shardsIdentified: (n: number) =>
      sockets.size >= n
        ? Promise.resolve()
        : new Promise<void>((resolve) => shardWaiters.push({ n, resolve })),
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
const channelMessages = /^\/channels\/(\d+)\/messages$/;

/** Discord's epoch in Unix ms: message ids are snowflakes of their creation time. */
const DISCORD_EPOCH = 1_420_070_400_000n;
let snowflakeSeq = 0n;

/**
 * Channel messages as Discord keeps them: ids are snowflakes of the creation time; a create with
 * `enforce_nonce` whose nonce the channel saw within the last few minutes returns that message
 * instead of a new one (`forgetNonces()` lets a test step past that window); listings are newest
 * first, honour `after` and `limit`, and carry the nonce unless `listNonces` is off (a test of the
 * fallback that recognises a digest by its text).
 */
export class DiscordChannels {
  readonly byChannel = new Map<string, Record<string, unknown>[]>();
  listNonces = true;
  private recentNonces = new Map<string, Record<string, unknown>>();

  post(channelId: string, body: Record<string, unknown> | undefined): Record<string, unknown> {
    const key = `${channelId}|${String(body?.nonce ?? "")}`;
    if (body?.enforce_nonce && body.nonce && this.recentNonces.has(key)) return this.recentNonces.get(key)!;
    const id = ((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) + snowflakeSeq++;
    const created = { ...message(body), id: id.toString(), channel_id: channelId, nonce: body?.nonce };
    const list = this.byChannel.get(channelId) ?? [];
    list.push(created);
    this.byChannel.set(channelId, list);
    if (body?.nonce) this.recentNonces.set(key, created);
    return created;
  }

  list(channelId: string, query: URLSearchParams): Record<string, unknown>[] {
    const after = BigInt(query.get("after") ?? "0");
    const limit = Math.min(Number(query.get("limit") ?? 50), 100);
    return (this.byChannel.get(channelId) ?? [])
      .filter((m) => BigInt(String(m.id)) > after)
      .sort((a, b) => (BigInt(String(b.id)) > BigInt(String(a.id)) ? 1 : -1))
      .slice(0, limit)
      .map(({ nonce, ...m }) => (this.listNonces ? { ...m, nonce } : m));
  }

  forgetNonces(): void {
    this.recentNonces.clear();
  }
}

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
  try {
    for await (const c of req) chunks.push(c as Buffer);
  } catch {
    // The client went away mid-request (a bot process killed with SIGKILL): nothing to answer.
    return undefined;
  }
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

/** The GUILD_CREATE Discord sends for a server the bot is in, with text channels (the fields discord.js reads). */
export function guildCreatePayload(
  id: string,
  channelIds: string[] = ["300"],
  threads: { id: string; parentId: string }[] = [],
) {
  return {
    id,
    name: `Server ${id}`,
    icon: null,
    owner_id: "500",
    unavailable: false,
    member_count: 2,
    roles: [],
    emojis: [],
    stickers: [],
    features: [],
    channels: channelIds.map((c) => ({
      id: c,
      type: 0,
      guild_id: id,
      name: `channel-${c}`,
      position: 0,
      permission_overwrites: [],
    })),
    threads: threads.map((t) => ({
      id: t.id,
      type: 11,
      guild_id: id,
      parent_id: t.parentId,
      name: `thread-${t.id}`,
      owner_id: "500",
      thread_metadata: {
        archived: false,
        auto_archive_duration: 1440,
        archive_timestamp: new Date().toISOString(),
        locked: false,
      },
      message_count: 0,
      member_count: 1,
    })),
    members: [],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
  };
}

/**
 * A MESSAGE_CREATE payload: `content` by user 500 (or a bot) in guild 400's channel; `mentionsBot`
 * lists the bot (user 100) in `mentions`, as Discord does for `<@100>` and for a reply that pings
 * it; `replyTo` makes it a reply (message_reference). Without the Message Content intent Discord
 * sends "" as content for a message that does not mention the bot: pass `content: ""` for that.
 */
export function messageCreatePayload(
  id: string,
  content: string,
  options: {
    channelId?: string;
    mentionsBot?: boolean;
    replyTo?: string;
    bot?: boolean;
    authorId?: string;
  } = {},
) {
  const channelId = options.channelId ?? "300";
  const bot = { id: "100", username: "Newsdesk", discriminator: "0", avatar: null, bot: true };
  return {
    id,
    channel_id: channelId,
    guild_id: "400",
    type: options.replyTo ? 19 : 0,
    content,
    author: {
      id: options.authorId ?? (options.bot ? "600" : "500"),
      username: options.bot ? "otherbot" : "reader",
      discriminator: "0",
      avatar: null,
      ...(options.bot ? { bot: true } : {}),
    },
    member: { roles: [], joined_at: "2024-01-01T00:00:00.000Z", deaf: false, mute: false, flags: 0 },
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: options.mentionsBot ? [bot] : [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    flags: 0,
    ...(options.replyTo
      ? {
          message_reference: { type: 0, message_id: options.replyTo, channel_id: channelId, guild_id: "400" },
        }
      : {}),
  };
}
