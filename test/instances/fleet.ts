import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPostgres, type Store } from "../../src/store/index.js";
import { startDiscordStandIn } from "../platforms/discord-standin.js";
import { startSlackStandIn } from "../platforms/slack-standin.js";
import { dropSchema, TEST_PG_URL, uniqueSchema } from "../store/backends.js";
import { type BotProcess, startBotProcess, stopBotProcess } from "./bot-process.js";
import { SLACK_SECRET, startFeedServer } from "./storm.js";

/**
 * Everything several whole bot processes share: one PostgreSQL schema, the Slack and Discord
 * stand-ins (Discord with `shards` gateway shards), a feed server. `start(name, shards)` runs one
 * more `newsdesk start` against them; its REST calls are recorded with `via: name`.
 */
export async function startFleet(opts: { shards: number; leaseSeconds: number; tickSeconds: number }) {
  const schema = uniqueSchema();
  const store: Store = await openPostgres(TEST_PG_URL, { pgSchema: schema, poolSize: 4 });
  const slack = await startSlackStandIn();
  const discord = await startDiscordStandIn({ shards: opts.shards });
  const feeds = await startFeedServer();
  const dir = mkdtempSync(join(tmpdir(), "newsdesk-fleet-"));
  const url = new URL(TEST_PG_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const bots: BotProcess[] = [];

  return {
    schema,
    store,
    slack,
    discord,
    feeds,
    bots,
    databaseUrl: url.toString(),
    /** `shards`: DISCORD_SHARDS for this process, e.g. "0/2". */
    async start(
      name: string,
      shards: string,
      extra: Record<string, string> = {},
      nodeArgs: string[] = [],
    ): Promise<BotProcess> {
      const bot = await startBotProcess(
        name,
        {
          DATABASE_URL: url.toString(),
          DATA_DIR: join(dir, name),
          LOG_LEVEL: "warn",
          LOG_FORMAT: "json",
          SLACK_BOT_TOKEN: "xoxb-storm",
          SLACK_SIGNING_SECRET: SLACK_SECRET,
          SLACK_API_URL: `${slack.url}/via-${name}/api`,
          DISCORD_TOKEN: "storm-token",
          DISCORD_APP_ID: "200",
          DISCORD_API_URL: discord.apiUrlFor(name),
          DISCORD_SHARDS: shards,
          FETCH_ALLOW_HOSTS: "127.0.0.1",
          DIGEST_TICK_SECONDS: String(opts.tickSeconds),
          WORK_LEASE_SECONDS: String(opts.leaseSeconds),
          ...extra,
        },
        nodeArgs,
      );
      bots.push(bot);
      return bot;
    },
    async close() {
      await Promise.all(bots.map((b) => stopBotProcess(b)));
      await store.close();
      await Promise.all([slack.close(), discord.close(), feeds.close()]);
      await dropSchema(schema);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Fleet = Awaited<ReturnType<typeof startFleet>>;

/** Digest messages each storm channel holds on the stand-ins (what its members see). */
export function postsPerChannel(fleet: Fleet, channels: { slack: string[]; discord: string[] }) {
  const counts = new Map<string, number>();
  for (const c of channels.slack) counts.set(c, fleet.slack.history.byChannel.get(c)?.length ?? 0);
  for (const c of channels.discord) counts.set(c, fleet.discord.channels.byChannel.get(c)?.length ?? 0);
  return counts;
}

/** Who sent the digest posts: REST calls per bot process. */
export function postsBy(fleet: Fleet): Record<string, number> {
  const by: Record<string, number> = {};
  for (const c of fleet.slack.calls)
    if (c.path === "/api/chat.postMessage" && c.via) by[c.via] = (by[c.via] ?? 0) + 1;
  for (const c of fleet.discord.calls)
    if (c.method === "POST" && /^\/channels\/\d+\/messages$/.test(c.path) && c.via)
      by[c.via] = (by[c.via] ?? 0) + 1;
  return by;
}
