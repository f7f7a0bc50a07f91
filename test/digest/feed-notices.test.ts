import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/digest/clock.js";
import type { FeedNotice } from "../../src/digest/feed-notices.js";
import { createFeedPoller } from "../../src/digest/feed-poller.js";
import { ingestPollFeed } from "../../src/digest/ingest-poll.js";
import { createFetcher } from "../../src/ingest/fetch/fetcher.js";
import { renderText } from "../../src/render/text.js";
import { openSqlite, type Store } from "../../src/store/index.js";
import { newsItem, startNewsFeedServer } from "./news-feed-server.js";

const dir = mkdtempSync(join(tmpdir(), "newsdesk-feed-notices-"));
let store: Store;
let site: Awaited<ReturnType<typeof startNewsFeedServer>>;
beforeAll(async () => {
  site = await startNewsFeedServer();
  store = await openSqlite(join(dir, "newsdesk.db"));
});
afterAll(async () => {
  await store.close();
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("feed failures are said in the channels that follow the feed", () => {
  it("tells each channel once when a feed fails, once when it is back, and when it is stopped", async () => {
    const clock = new ManualClock("2026-12-01T08:00:00Z");
    const url = site.set("health", [
      newsItem("h1", "Harbour plan approved", "The council voted on Tuesday."),
    ]);
    const tenant = await store.tenants.ensure({ platform: "slack", externalId: "T-health" });
    const feed = await store.feeds.add(tenant.id, { url }, clock.now());
    for (const c of ["C-one", "C-two"]) {
      const channel = await store.channels.ensure(tenant.id, { externalId: c });
      await store.feeds.subscribe(tenant.id, channel.id, feed.id);
    }
    const notices: FeedNotice[] = [];
    const fetcher = createFetcher({
      allowHosts: "127.0.0.1",
      timeoutMs: 5000,
      connectTimeoutMs: 2000,
      maxBytes: 1_000_000,
      perHostConcurrency: 2,
    });
    // Two instances on one store, as on PostgreSQL with several bots: each change is said once.
    const pollers = [1, 2].map(() =>
      createFeedPoller({
        store,
        clock,
        intervalMs: 60_000,
        pollFeed: ingestPollFeed({ fetcher, now: () => clock.now(), intervalMinutes: 1, random: () => 0.5 }),
        notices: { postNotice: async (n) => void notices.push(n) },
      }),
    );
    const pollBoth = async () => {
      clock.advance(2 * 86_400_000);
      await Promise.all(pollers.map((p) => p.pollNow(tenant.id, feed.id)));
    };
    const said = () => notices.map((n) => `${n.channelExternalId}: ${n.reply.title}`).sort();

    await pollBoth();
    expect(notices).toEqual([]);
    site.state.status = 503;
    await pollBoth(); // one failure is not news
    expect(notices).toEqual([]);
    await pollBoth();
    expect(said()).toEqual(["C-one: Feed failing", "C-two: Feed failing"]);
    const text = renderText(notices[0]!.reply);
    expect(text).toContain("failed 2 times in a row");
    expect(text).toContain(`/feeds remove ${url}`);
    await pollBoth();
    expect(notices).toHaveLength(2);
    // /feeds list shows the failure too.
    const [sub] = await store.filters.subscriptions(
      tenant.id,
      (await store.channels.findByExternalId(tenant.id, "C-one"))!.id,
    );
    expect(sub?.feed.lastError).toMatch(/503/);

    site.state.status = 200;
    notices.length = 0;
    await pollBoth();
    expect(said()).toEqual(["C-one: Feed back", "C-two: Feed back"]);

    // Gone for good (410): said at once, as stopped, with what to do.
    notices.length = 0;
    site.state.status = 410;
    await pollBoth();
    expect(said()).toEqual(["C-one: Feed stopped", "C-two: Feed stopped"]);
    expect(renderText(notices[0]!.reply)).toMatch(/stopped reading .*removed by its site.*\/feeds remove/s);
    site.state.status = 200;
  });
});
