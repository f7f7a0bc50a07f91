import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/digest/clock.js";
import { createFeedPoller } from "../../src/digest/feed-poller.js";
import { ingestPollFeed } from "../../src/digest/ingest-poll.js";
import { createFetcher } from "../../src/ingest/fetch/fetcher.js";
import { openSqlite, type Store } from "../../src/store/index.js";

// Two different events: the poller groups reports of one event into one story.
const EVENTS = [
  "The city council approved the new harbour plan on Tuesday after a long debate. ",
  "Firefighters put out a warehouse blaze near the railway station overnight; nobody was hurt. ",
];
const body = (n: number) => EVENTS[n - 1].repeat(12);

let server: Server;
let base = "";
let status = 200;
const dir = mkdtempSync(join(tmpdir(), "newsdesk-ingest-poll-"));
let store: Store;

beforeAll(async () => {
  server = createServer((_req, res) => {
    if (status !== 200) return res.writeHead(status).end();
    const items = [1, 2]
      .map(
        (n) =>
          `<item><title>Harbour plan ${n}</title><link>${base}/story/${n}</link><guid>g${n}</guid><description>${body(n)}</description></item>`,
      )
      .join("");
    res
      .writeHead(200, { "content-type": "application/rss+xml" })
      .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>${items}</channel></rss>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  store = await openSqlite(join(dir, "newsdesk.db"));
});
afterAll(async () => {
  await store.close();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe("feed poller with ingest's pollFeed", () => {
  it("stores new items once, keeps ingest's state, and records failures", async () => {
    const clock = new ManualClock("2026-02-01T10:00:00Z");
    const tenant = await store.tenants.ensure({ platform: "slack", externalId: "T-ingest" });
    const feed = await store.feeds.add(tenant.id, { url: `${base}/rss.xml` }, clock.now());
    const fetcher = createFetcher({
      allowHosts: "127.0.0.1",
      timeoutMs: 5000,
      connectTimeoutMs: 2000,
      maxBytes: 1_000_000,
      perHostConcurrency: 2,
    });
    const poller = createFeedPoller({
      store,
      clock,
      intervalMs: 15 * 60_000,
      pollFeed: ingestPollFeed({ fetcher, now: () => clock.now(), intervalMinutes: 15, random: () => 0.5 }),
    });
    expect(await poller.tick()).toMatchObject({ polled: 1, articles: 2, filtered: 0, errors: 0 });
    expect((await store.stories.list(tenant.id)).map((s) => s.title).sort()).toEqual([
      "Harbour plan 1",
      "Harbour plan 2",
    ]);
    const after = await store.feeds.get(tenant.id, feed.id);
    expect((after!.state as { seen: string[] }).seen.sort()).toEqual(["guid:g1", "guid:g2"]);
    expect(Date.parse(after!.nextPollAt)).toBe(Date.parse("2026-02-01T10:15:00Z"));

    // The same items again: nothing new is stored.
    clock.set("2026-02-01T10:16:00Z");
    expect(await poller.tick()).toMatchObject({ polled: 1, articles: 0, filtered: 0, errors: 0 });

    // The server fails: the error is kept for the user and the feed backs off.
    status = 503;
    clock.set("2026-02-01T10:32:00Z");
    expect(await poller.tick()).toMatchObject({ polled: 0, errors: 1 });
    const failed = await store.feeds.get(tenant.id, feed.id);
    expect(failed?.lastError).toMatch(/503/);
    expect(Date.parse(failed!.nextPollAt)).toBeGreaterThan(Date.parse("2026-02-01T10:32:00Z"));
  });
});
