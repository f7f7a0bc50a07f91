/**
 * A real Newsdesk worker process for the multi-process and kill-and-restart tests (run with
 * tsx). Settings come from the environment; it prints one line per event on stdout:
 *   READY · POLL <url> · POST <channel> <nonce> · DONE
 * The poster stands in for the platform at the network edge: it records deliveries in
 * DELIVERY_FILE and, like Discord with enforce_nonce, never delivers the same nonce twice.
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { systemClock } from "../../src/digest/clock.js";
import { createFeedPoller } from "../../src/digest/feed-poller.js";
import { createDigestRunner } from "../../src/digest/runner.js";
import type { DigestPoster } from "../../src/digest/types.js";
import { openPostgres, openSqlite } from "../../src/store/index.js";
import { sampleArticle, sampleBrief } from "../store/samples.js";

const env = process.env;
const owner = env.WORKER_NAME ?? `w${process.pid}`;
const store = env.PG_URL
  ? await openPostgres(env.PG_URL, { pgSchema: env.PG_SCHEMA, poolSize: 3 })
  : await openSqlite(env.SQLITE_FILE!);
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const deliveries = env.DELIVERY_FILE!;

const poster: DigestPoster = {
  async post(digest, { nonce }) {
    const seen = existsSync(deliveries) ? readFileSync(deliveries, "utf8").split("\n") : [];
    const earlier = seen.find((l) => l.startsWith(`${nonce} `));
    if (earlier) return { messageId: earlier.split(" ")[1] };
    const messageId = `msg-${owner}-${digest.channelExternalId}`;
    appendFileSync(deliveries, `${nonce} ${messageId}\n`);
    say(`POST ${digest.channelExternalId} ${nonce}`);
    // "hang": the platform accepted the post, then this process dies before recording it.
    if (env.POSTER_MODE === "hang") await new Promise(() => {});
    return { messageId };
  },
};

const poller = createFeedPoller({
  store,
  clock: systemClock,
  owner,
  intervalMs: 3_600_000,
  batchSize: 2,
  concurrency: 1,
  pollFeed: async (feed) => {
    say(`POLL ${feed.url}`);
    await sleep(Number(env.POLL_DELAY_MS ?? 0));
    return {
      articles: [sampleArticle(0, { text: `Body of ${feed.url}`, url: `${feed.url}/item` })],
      etag: "e",
    };
  },
  storyFor: async (a) => ({ storyKey: a.url!, brief: sampleBrief(`About ${a.url}`) }),
});
const runner = createDigestRunner({
  store,
  poster,
  clock: systemClock,
  owner,
  maxStories: 5,
  postEmpty: false,
  leaseMs: Number(env.LEASE_MS ?? 120_000),
  batchSize: 3,
  concurrency: 1,
});

say("READY");
if (env.WAIT_FOR_GO) {
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) if (line.trim() === "GO") break;
  rl.close();
}
// Runs until RUN_MS, or earlier: EXIT_WHEN=posted after its first post, EXIT_WHEN=idle after
// two passes in a row with nothing to do.
const until = Date.now() + Number(env.RUN_MS ?? 3000);
let idle = 0;
while (Date.now() < until) {
  const polled = await poller.tick();
  const ran = await runner.tick();
  if (env.EXIT_WHEN === "posted" && ran.posted > 0) break;
  const busy =
    polled.polled + polled.errors + ran.claimed + ran.posted + ran.skipped + ran.retried + ran.failed;
  idle = busy ? 0 : idle + 1;
  if (env.EXIT_WHEN === "idle" && idle >= 2) break;
  await sleep(100);
}
await store.close();
say("DONE");
