import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { parseSchedule } from "../../src/digest/schedule.js";
import type { Store } from "../../src/store/index.js";
import { addStory } from "../digest/helpers.js";

export const SLACK_SECRET = "storm-signing-secret";
/** The Discord server every storm channel is in, and the two shards' worth of guilds for routing. */
export const STORM_GUILD = "400";

export interface StormLayout {
  slack: { tenantId: string; channels: string[] };
  discord: { tenantId: string; channels: string[] };
  /** Feed URL paths, each to be fetched once per interval in total. */
  feedPaths: string[];
}

/**
 * Seeds `channels` channels (half Slack workspace T1, half one Discord server), each subscribed to
 * its workspace's news feed (which has a few stories) and with a digest schedule whose slot is far
 * away until `bringSlotForward` makes it due; plus `feeds` extra feeds served by `feedBase`.
 */
export async function seedStorm(
  store: Store,
  opts: { channels: number; feeds: number; feedBase: string },
): Promise<StormLayout> {
  const far = new Date("2099-01-01T00:00:00Z");
  const spec = parseSchedule("cron 0 0 1 1 *", "UTC").spec;
  const layout: StormLayout = {
    slack: { tenantId: "", channels: [] },
    discord: { tenantId: "", channels: [] },
    feedPaths: [],
  };
  for (const platform of ["slack", "discord"] as const) {
    const tenant = await store.tenants.ensure({
      platform,
      externalId: platform === "slack" ? "T1" : STORM_GUILD,
    });
    layout[platform].tenantId = tenant.id;
    // The workspace's news: stories every channel's digest shows (not polled: its next poll is far off).
    const news = await store.feeds.add(tenant.id, { url: `https://news-${platform}.example/rss` }, far);
    for (let s = 0; s < 3; s++) await addStory(store, tenant.id, { feedId: news.id }, new Date());
    const count = platform === "slack" ? Math.ceil(opts.channels / 2) : Math.floor(opts.channels / 2);
    const ids = Array.from({ length: count }, (_, i) =>
      platform === "slack" ? `CSTORM${i}` : String(1_300_000_000_000_000_000n + BigInt(i)),
    );
    // A few at a time: seeding 2,000 channels one by one would take longer than the storm.
    for (let i = 0; i < ids.length; i += 25) {
      await Promise.all(
        ids.slice(i, i + 25).map(async (externalId) => {
          const channel = await store.channels.ensure(tenant.id, { externalId });
          await store.feeds.subscribe(tenant.id, channel.id, news.id);
          await store.schedules.set(tenant.id, channel.id, { spec, timezone: "UTC", nextSlotAt: far });
        }),
      );
    }
    layout[platform].channels = ids;
  }
  for (let f = 0; f < opts.feeds; f++) {
    const path = `/feed/${f}.xml`;
    layout.feedPaths.push(path);
    const tenantId = f % 2 ? layout.slack.tenantId : layout.discord.tenantId;
    await store.feeds.add(tenantId, { url: `${opts.feedBase}${path}` }, new Date(0));
  }
  return layout;
}

/** "The minute arrives": every storm schedule's slot becomes `at` (one statement, like a clock). */
export async function bringSlotForward(url: string, schema: string, at: Date): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`UPDATE ${schema}.schedules SET next_slot_at = $1`, [at.toISOString()]);
  } finally {
    await client.end();
  }
}

/** Digest runs by status, straight from the shared schema. */
export async function runStatuses(url: string, schema: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ status: string; n: string }>(
      `SELECT status, count(*) AS n FROM ${schema}.digest_runs GROUP BY status`,
    );
    return Object.fromEntries(r.rows.map((x) => [x.status, Number(x.n)]));
  } finally {
    await client.end();
  }
}

/** An RSS server on loopback that counts the requests for each path (an empty, valid feed). */
export async function startFeedServer() {
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    res.writeHead(200, { "content-type": "application/rss+xml" });
    res.end(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${path}</title>` +
        `<link>http://example.com/</link><description>Nothing new</description></channel></rss>`,
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
