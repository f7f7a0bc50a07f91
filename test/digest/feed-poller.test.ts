import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/digest/clock.js";
import { createFeedPoller, type FeedToPoll } from "../../src/digest/feed-poller.js";
import { openSqlite, type Store } from "../../src/store/index.js";
import { sampleArticle } from "../store/samples.js";

const dir = mkdtempSync(join(tmpdir(), "newsdesk-poller-"));
let store: Store;
beforeAll(async () => {
  store = await openSqlite(join(dir, "newsdesk.db"));
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("feed poller", () => {
  it("polls due feeds, stores articles as stories, and keeps the conditional-request state", async () => {
    const clock = new ManualClock("2026-01-10T10:00:00Z");
    const tenant = await store.tenants.ensure({ platform: "slack", externalId: "T-poll" });
    const good = await store.feeds.add(tenant.id, { url: "https://good.example/rss" }, clock.now());
    const bad = await store.feeds.add(tenant.id, { url: "https://bad.example/rss" }, clock.now());
    const calls: FeedToPoll[] = [];
    let revision = 1;
    const poller = createFeedPoller({
      store,
      clock,
      intervalMs: 15 * 60_000,
      pollFeed: async (feed) => {
        calls.push(feed);
        if (feed.url.includes("bad")) throw new Error("HTTP 500 from bad.example");
        if (feed.etag === `"r${revision}"`) return { articles: [], etag: feed.etag }; // 304
        const text = `Revision ${revision}. The bridge reopened on Monday after repairs.`;
        return {
          articles: [sampleArticle(revision, { text, url: "https://good.example/bridge", title: "Bridge" })],
          etag: `"r${revision}"`,
        };
      },
    });
    expect(await poller.tick()).toEqual({ polled: 1, articles: 1, filtered: 0, errors: 1 });
    const story = await store.stories.findByKey(tenant.id, "https://good.example/bridge");
    expect(story?.version).toBe(1);
    expect((await store.feeds.get(tenant.id, good.id))?.nextPollAt).toBe("2026-01-10T10:15:00.000Z");
    const failed = await store.feeds.get(tenant.id, bad.id);
    expect(failed?.lastError).toBe("HTTP 500 from bad.example");
    expect(failed?.errorCount).toBe(1);
    expect(failed?.nextPollAt).toBe("2026-01-10T10:30:00.000Z"); // backs off: twice the interval

    // Not due yet: nothing is polled.
    clock.set("2026-01-10T10:10:00Z");
    expect(await poller.tick()).toEqual({ polled: 0, articles: 0, filtered: 0, errors: 0 });

    // Due again: the etag goes back to the server; unchanged feed → no new article.
    clock.set("2026-01-10T10:15:00Z");
    await poller.tick();
    expect(calls.at(-1)).toEqual({
      url: "https://good.example/rss",
      etag: '"r1"',
      lastModified: null,
      state: null,
    });
    // The article is revised: same story, new version.
    revision = 2;
    clock.set("2026-01-10T10:30:00Z");
    expect(await poller.tick()).toEqual({ polled: 1, articles: 1, filtered: 0, errors: 1 });
    expect((await store.stories.findByKey(tenant.id, "https://good.example/bridge"))?.articleCount).toBe(2);
    expect((await store.feeds.get(tenant.id, bad.id))?.errorCount).toBe(2);
    expect((await store.feeds.get(tenant.id, bad.id))?.nextPollAt).toBe("2026-01-10T11:30:00.000Z");
  });
});
