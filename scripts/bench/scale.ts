import { availableParallelism, loadavg } from "node:os";
import pg from "pg";
import { ManualClock } from "../../src/digest/clock.js";
import { createFeedPoller } from "../../src/digest/feed-poller.js";
import { createDigestRunner } from "../../src/digest/runner.js";
import type { DigestPoster } from "../../src/digest/types.js";
import { openPostgres, type Store } from "../../src/store/index.js";
import { sampleArticle, sampleBrief } from "../../test/store/samples.js";
import { PG_URL } from "./digest-data.js";
import { loadScale, SCALE, SLOT } from "./scale-data.js";
import type { BenchSection } from "./types.js";

/**
 * `npm run bench -- --only scale`: a simulated deployment — 1,000 workspaces, 100,000 channels,
 * 20,000 feeds, a day of stories — in a PostgreSQL database of its own, driven through the store's
 * real queries (the feed poller, the digest runner, article and story saves) with stand-ins only
 * for the network (feeds answer "not modified", the poster records). It measures one minute of
 * each kind of work and what PostgreSQL saw (pg_stat_database: transactions and rows), and prints
 * the per-minute load at 1×, 10× and 100×. Numbers for docs/scaling.md.
 */
export const scaleBench: BenchSection = {
  name: "scale",
  async run(ctx) {
    const admin = new pg.Client({ connectionString: PG_URL });
    try {
      await admin.connect();
    } catch {
      ctx.log(`PostgreSQL not reachable at ${PG_URL}: skipped`);
      return;
    }
    const dbName = `nd_scale_${process.pid}`;
    await admin.query(`CREATE DATABASE ${dbName}`);
    const url = new URL(PG_URL);
    url.pathname = `/${dbName}`;
    let store: Store | undefined;
    try {
      ctx.log(`machine: ${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(2)}`);
      store = await openPostgres(url.toString(), { poolSize: 10 });
      const loader = new pg.Client({ connectionString: url.toString() });
      // Dropping the database at the end ends this connection: not an error.
      loader.on("error", () => {});
      await loader.connect();
      const seedStart = performance.now();
      await loadScale(loader);
      const size = await loader.query<{ bytes: string }>(
        "SELECT pg_database_size(current_database()) AS bytes",
      );
      ctx.log(
        `deployment: ${SCALE.tenants} workspaces, ${SCALE.channels} channels, ${SCALE.feeds} feeds, ` +
          `${Math.round(SCALE.feeds * SCALE.storiesPerFeedDay)} stories in the last day; database ` +
          `${Math.round(Number(size.rows[0]!.bytes) / 1048576)} MB (loaded in ${((performance.now() - seedStart) / 1000).toFixed(0)} s)`,
      );
      const stats = () => pgStats(loader, dbName);

      // 1. Feed polls: one minute's share at a 15-min interval, every feed "not modified" except
      // the day's new stories' share, which bring one article each.
      const pollsPerMinute = Math.round(SCALE.feeds / SCALE.feedIntervalMinutes);
      const articlesPerMinute = Math.max(1, Math.round((SCALE.feeds * SCALE.storiesPerFeedDay) / 1440));
      await loader.query(`UPDATE feeds SET next_poll_at = $1 WHERE substr(id, 2)::int < $2`, [
        new Date(SLOT.getTime() - 1000).toISOString(),
        pollsPerMinute,
      ]);
      const clock = new ManualClock(SLOT.toISOString());
      let fresh = 0;
      const poller = createFeedPoller({
        store,
        clock,
        intervalMs: SCALE.feedIntervalMinutes * 60_000,
        pollFeed: async (feed) => {
          if (fresh >= articlesPerMinute) return { articles: [], etag: feed.etag };
          const n = fresh++;
          return {
            articles: [
              sampleArticle(1_000_000 + n, {
                url: `https://news.example/new/${n}`,
                text: `New story ${n} text.`,
              }),
            ],
            etag: "e2",
          };
        },
        storyFor: async (a) => ({ storyKey: a.url!, brief: sampleBrief(`New ${a.url}`) }),
      });
      const feedsRun = await measure(stats, () => poller.tick());
      ctx.log(
        line(
          `feed polls (1 min at a ${SCALE.feedIntervalMinutes}-min interval)`,
          pollsPerMinute,
          feedsRun,
          `, ${fresh} new articles with their stories`,
        ),
      );

      // 2. The busiest minute: the peak share of channels due at SLOT, composed and posted by one
      // instance's runner (poster recording).
      const peak = Math.round(SCALE.channels * SCALE.peakShare);
      let posted = 0;
      const poster: DigestPoster = {
        async post(digest, { nonce }) {
          posted++;
          JSON.stringify(digest);
          return { messageId: `m-${nonce}` };
        },
      };
      const runner = createDigestRunner({ store, poster, clock, maxStories: 8, postEmpty: false });
      const digestRun = await measure(stats, () => runner.tick());
      ctx.log(line("digests due in the same minute (one instance)", posted, digestRun, ` of ${peak} due`));

      // 3. Briefs' store side: an article and its story saved (what /add and a feed item cost the
      // store; the brief itself is the CPU pool's, see `--only brief`).
      const tenant = await store.tenants.ensure({ platform: "slack", externalId: "T0" });
      const adds = 300;
      const addRun = await measure(stats, async () => {
        for (let i = 0; i < adds; i++) {
          const article = sampleArticle(2_000_000 + i, {
            url: `https://news.example/add/${i}`,
            text: `Added ${i}.`,
          });
          const saved = await store!.articles.save(tenant.id, article, { channelId: "c0" }, clock.now());
          await store!.stories.save(
            tenant.id,
            {
              storyKey: article.url!,
              title: `Added ${i}`,
              brief: sampleBrief(`Added ${i}`),
              articleIds: [saved.id],
            },
            clock.now(),
          );
        }
      });
      ctx.log(line("articles + stories saved (/add, feed items)", adds, addRun, ""));

      // Per minute: the average minute (feeds at their interval, digests spread over the day, new
      // articles) and the busiest one (the peak share of digests at once), at 1×, 10× and 100×.
      const per = (r: Measured, n: number) => ({ xact: r.xact / n, rows: r.rows / n, ms: r.ms / n });
      const poll = per(feedsRun, pollsPerMinute);
      const digest = per(digestRun, Math.max(1, posted));
      const add = per(addRun, adds);
      const avgDigests = (SCALE.channels * (1 - SCALE.peakShare)) / 1440;
      ctx.log(
        `cost per unit: feed poll ${poll.ms.toFixed(2)} ms, ${poll.xact.toFixed(1)} xact, ${poll.rows.toFixed(0)} rows; ` +
          `digest ${digest.ms.toFixed(2)} ms, ${digest.xact.toFixed(1)} xact, ${digest.rows.toFixed(0)} rows; ` +
          `article+story ${add.ms.toFixed(2)} ms, ${add.xact.toFixed(1)} xact, ${add.rows.toFixed(0)} rows`,
      );
      for (const k of [1, 10, 100]) {
        const avg = {
          xact: k * (pollsPerMinute * poll.xact + avgDigests * digest.xact + articlesPerMinute * add.xact),
          rows: k * (pollsPerMinute * poll.rows + avgDigests * digest.rows + articlesPerMinute * add.rows),
          ms: k * (pollsPerMinute * poll.ms + avgDigests * digest.ms + articlesPerMinute * add.ms),
        };
        const peakMin = {
          xact: avg.xact + k * peak * digest.xact,
          rows: avg.rows + k * peak * digest.rows,
          ms: avg.ms + k * peak * digest.ms,
        };
        ctx.log(
          `${k}×: average minute ${fmt(avg.xact)} xact/min (${fmt(avg.xact / 60)}/s), ${fmt(avg.rows)} rows/min, ` +
            `${(avg.ms / 1000).toFixed(1)} s of store time; busiest minute ${fmt(peakMin.xact)} xact/min ` +
            `(${fmt(peakMin.xact / 60)}/s), ${fmt(peakMin.rows)} rows/min, ${(peakMin.ms / 1000).toFixed(0)} s of store time`,
        );
      }
      await loader.end();
    } finally {
      await store?.close();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  },
};

interface Measured {
  ms: number;
  xact: number;
  rows: number;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

function line(what: string, n: number, r: Measured, extra: string): string {
  return (
    `${what}: ${n}${extra} in ${(r.ms / 1000).toFixed(2)} s → ${(r.ms / Math.max(1, n)).toFixed(2)} ms each; ` +
    `PostgreSQL saw ${fmt(r.xact)} transactions, ${fmt(r.rows)} rows read or written`
  );
}

/** Runs `fn` and returns its wall time and what pg_stat_database counted meanwhile. */
async function measure(stats: () => Promise<{ xact: number; rows: number }>, fn: () => Promise<unknown>) {
  const before = await stats();
  const start = performance.now();
  await fn();
  const ms = performance.now() - start;
  const after = await stats();
  // Our own two stats queries are counted too: one transaction each, a handful of rows.
  return { ms, xact: after.xact - before.xact - 1, rows: after.rows - before.rows };
}

/** Database-wide counters (this database is the simulation's alone). */
async function pgStats(client: pg.Client, db: string): Promise<{ xact: number; rows: number }> {
  // A backend flushes its counters when idle, at most once a second and else after 10 s: wait that out.
  await new Promise((r) => setTimeout(r, 11_000));
  await client.query("SELECT pg_stat_clear_snapshot()");
  const r = await client.query<{ xact: string; rows: string }>(
    `SELECT xact_commit + xact_rollback AS xact,
       tup_fetched + tup_inserted + tup_updated + tup_deleted AS rows
     FROM pg_stat_database WHERE datname = $1`,
    [db],
  );
  return { xact: Number(r.rows[0]!.xact), rows: Number(r.rows[0]!.rows) };
}
