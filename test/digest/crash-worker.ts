/**
 * A real Newsdesk digest worker for the crash sweep (crash-sweep.test.ts), run with tsx and killed
 * with SIGKILL by the test at chosen posts. It runs the real runner on a virtual clock — one tick
 * per day from CLOCK_START, so a few days of daily digests take seconds and a restart can start
 * past the dead process's leases — and exits 0 once past LAST_SLOT with nothing left to do.
 *
 * POSTER=slack: the real platform poster and Slack adapter (Bolt's WebClient) against the Slack
 * stand-in at SLACK_API_URL, which kills this process before or after it accepts the N-th post.
 * POSTER=console: the console poster (print receipts in RECEIPTS_FILE); every print is also a line `PRINTED <channel> <slot>` on
 * stdout, so the test can kill the process right after the N-th print and count prints.
 * Prints `TICK <iso>` before each tick (the test restarts after the last one it saw).
 */
import { createLogger } from "../../src/app/logger.js";
import { createMetrics } from "../../src/app/metrics.js";
import { createPlatformPoster } from "../../src/app/poster.js";
import { loadConfig } from "../../src/config.js";
import { ManualClock } from "../../src/digest/clock.js";
import { createConsolePoster } from "../../src/digest/reply.js";
import { createDigestRunner } from "../../src/digest/runner.js";
import type { DigestPoster } from "../../src/digest/types.js";
import { fileReceipts } from "../../src/platforms/console/receipts.js";
import { createSlackAdapter } from "../../src/platforms/slack/slack.js";
import { openPostgres, openSqlite } from "../../src/store/index.js";
import { openTestServices } from "../app/test-services.js";

const env = process.env;
const say = (line: string) => process.stdout.write(`${line}\n`);
const store = env.PG_URL
  ? await openPostgres(env.PG_URL, { pgSchema: env.PG_SCHEMA, poolSize: 3 })
  : await openSqlite(env.SQLITE_FILE!);
const logger = createLogger("silent");

async function slackPoster(): Promise<DigestPoster> {
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-crash",
    SLACK_SIGNING_SECRET: "crash-secret",
    PORT: "1",
    SLACK_API_URL: env.SLACK_API_URL!,
  });
  const slack = createSlackAdapter({
    config,
    services: await openTestServices({ store }),
    registry: [],
    metrics: createMetrics(),
    logger,
  });
  const poster = createPlatformPoster(store, logger);
  poster.attach({ slack });
  return poster;
}

const receipts = env.RECEIPTS_FILE ? fileReceipts(env.RECEIPTS_FILE) : undefined;
/** The console poster, its output tagged with the digest it printed (the text alone does not say). */
const consolePoster: DigestPoster = {
  post: (digest, context) => {
    const print = () => say(`PRINTED ${digest.channelExternalId} ${digest.slot}`);
    return createConsolePoster(print, receipts).post(digest, context);
  },
};

const clock = new ManualClock(env.CLOCK_START!);
const runner = createDigestRunner({
  store,
  poster: env.POSTER === "slack" ? await slackPoster() : consolePoster,
  clock,
  owner: env.WORKER_NAME,
  maxStories: 3,
  postEmpty: true,
  leaseMs: 10 * 60_000,
  // The runner's default: eight posts in flight, so a kill finds several runs mid-post.
  concurrency: 8,
});

// Schedules go on for ever: the clock steps a day at a time up to the last slot's day, then a
// minute at a time (retries' backoff) until a tick finds nothing to do.
const lastSlot = Date.parse(env.LAST_SLOT!);
let now = clock.now().getTime();
for (let ticks = 0; ; ticks++) {
  if (ticks > 100) process.exit(3);
  clock.set(new Date(now));
  say(`TICK ${clock.now().toISOString()}`);
  const r = await runner.tick();
  const busy = r.claimed + r.posted + r.skipped + r.retried + r.failed;
  if (now >= lastSlot && busy === 0) break;
  now += now + 86_400_000 < lastSlot + 43_200_000 ? 86_400_000 : 60_000;
}
await store.close();
say("DONE");
