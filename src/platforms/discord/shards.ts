import { type Client, type ClientOptions, Status } from "discord.js";
import type { DiscordShards } from "../../config.js";

/**
 * discord.js's own sharding, inside this process (ADR 0058): `auto` runs every shard Discord
 * recommends (GET /gateway/bot); `{ids, count}` runs only those shards of `count`, so several
 * instances each hold their share of the gateway (Discord sends a guild's events to shard
 * `(guild_id >> 22) % count` only).
 */
export function shardOptions(
  shards: DiscordShards | undefined,
): Pick<ClientOptions, "shards" | "shardCount"> {
  if (shards === undefined || shards === "auto") return { shards: "auto" };
  return { shards: shards.ids, shardCount: shards.count };
}

/**
 * This process's part of the bot's global REST limit. Discord counts `requestsPerSecond` (50
 * unless it raised the bot's limit) per bot token, across every process using it, and answers
 * past it with global 429s (and, when they pile up, a temporary ban). discord.js limits each
 * process to its `globalRequestsPerSecond`, so instances that each kept the whole limit would
 * together send a multiple of it. Shares follow the shards each instance runs: `0/2` and `1/2`
 * get half each; `auto` (one process runs every shard) keeps it all.
 */
export function globalRequestShare(requestsPerSecond: number, shards: DiscordShards | undefined): number {
  if (shards === undefined || shards === "auto") return requestsPerSecond;
  return Math.max(1, Math.floor((requestsPerSecond * shards.ids.length) / shards.count));
}

export interface ShardHealth {
  id: number;
  /** discord.js's shard status: ready, connecting, resuming, disconnected, … */
  status: string;
  /** Heartbeat round trip in ms (-1 before the first). */
  ping: number;
}

/** Every shard this process runs, for /healthz; empty before login. */
export function shardHealth(client: Client): { shardCount: number; shards: ShardHealth[] } {
  const shards = [...client.ws.shards.values()]
    .map((s) => ({ id: s.id, status: statusName(s.status), ping: s.ping }))
    .sort((a, b) => a.id - b.id);
  return { shardCount: client.options.shardCount ?? shards.length, shards };
}

/** Ready when the client is and no shard of it is down or reconnecting. */
export function allShardsReady(client: Client): boolean {
  return client.isReady() && [...client.ws.shards.values()].every((s) => s.status === Status.Ready);
}

const statusName = (status: Status): string => {
  const name = Status[status] ?? String(status);
  return name.replace(/[A-Z]/g, (c, i: number) => (i ? "_" : "") + c.toLowerCase());
};
