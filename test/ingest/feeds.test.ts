import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFeedBody } from "../../src/ingest/feeds/parse.js";
import { itemKey, type PollDeps, pollFeed } from "../../src/ingest/feeds/poll.js";
import {
  type FeedState,
  isDue,
  MAX_PERMANENT_FAILURES,
  MAX_TRANSIENT_FAILURES,
  newFeedState,
  nextPollAfterFailure,
  reenableFeed,
} from "../../src/ingest/feeds/state.js";
import { createFetcher } from "../../src/ingest/fetch/fetcher.js";
import { articleHtml, startServer, type TestServer } from "./helpers/server.js";

const feedFixture = (name: string) =>
  readFileSync(new URL(`../fixtures/ingest/feeds/${name}`, import.meta.url), "utf8");

let server: TestServer;
let flaky = 0;
beforeAll(async () => {
  const serve = (name: string, type: string) => (_req: unknown, res: import("node:http").ServerResponse) =>
    res
      .writeHead(200, { "content-type": type })
      .end(feedFixture(name).replaceAll("{{BASE}}", server.url("").replace(/\/$/, "")));
  const manyItems = () => {
    const items = Array.from(
      { length: 10_000 },
      (_, i) =>
        `<item><title>Item ${i}</title><link>${server.url(`/item/${i}`)}</link><guid>g${i}</guid><description>${"Long enough text for a full item. ".repeat(20)}</description></item>`,
    ).join("");
    return `<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>${items}</channel></rss>`;
  };
  server = await startServer({
    "/rss.xml": serve("rss.xml", "application/rss+xml"),
    "/atom.xml": serve("atom.xml", "application/atom+xml"),
    "/rdf.xml": serve("rdf.xml", "application/rdf+xml"),
    "/feed.json": serve("feed.json", "application/feed+json"),
    "/library": (_req, res) =>
      res.writeHead(200, { "content-type": "text/html" }).end(articleHtml("Library opens late on Thursdays")),
    "/tram": (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(articleHtml("Tram")),
    "/etag.xml": (req, res) => {
      if (req.headers["if-none-match"] === '"e1"') res.writeHead(304).end();
      else serve("rss.xml", "application/rss+xml")(req, res.setHeader("etag", '"e1"'));
    },
    "/html-page": (_req, res) =>
      res
        .writeHead(200, { "content-type": "text/html" })
        .end(
          '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>Hi</body></html>',
        ),
    "/not-xml": (_req, res) =>
      res.writeHead(200, { "content-type": "application/xml" }).end("this is { not xml"),
    "/huge.xml": (_req, res) =>
      res.writeHead(200, { "content-type": "application/rss+xml" }).end(manyItems()),
    "/flaky.xml": (_req, res) => {
      flaky++;
      res.writeHead(503).end();
    },
    "/gone.xml": (_req, res) => res.writeHead(410).end(),
  });
});
afterAll(() => server.close());

const fetcher = createFetcher({
  allowHosts: "127.0.0.1",
  timeoutMs: 5000,
  connectTimeoutMs: 1000,
  maxBytes: 8 * 1024 * 1024,
  perHostConcurrency: 2,
});
afterAll(() => fetcher.close());
const now = new Date("2024-03-06T12:00:00Z");
const deps: PollDeps = { fetcher, now: () => now, random: () => 0.5, intervalMinutes: 15 };

describe("parseFeedBody", () => {
  it.each([
    ["rss.xml", "rss", 3],
    ["atom.xml", "atom", 1],
    ["rdf.xml", "rdf", 1],
    ["feed.json", "json", 1],
  ])("reads %s as %s", (name, format, count) => {
    const feed = parseFeedBody(
      feedFixture(name).replaceAll("{{BASE}}", "https://news.test"),
      "https://news.test/feed",
    );
    expect(feed.format).toBe(format);
    expect(feed.items).toHaveLength(count);
    const first = feed.items[0];
    expect(first.link).toMatch(/^https:\/\/news\.test\//);
    expect(first.title).toBeTruthy();
    expect(first.published).toMatch(/^2024-03-0\dT/);
  });
});

describe("pollFeed", () => {
  it("ingests full-text items from the feed and fetches teasers' pages; a broken item does not break the poll", async () => {
    const r = await pollFeed(newFeedState(server.url("/rss.xml")), deps);
    expect(r.status).toBe("ok");
    const byTitle = Object.fromEntries(r.items.map((i) => [i.item.title, i]));
    expect(byTitle["Council approves tram line"].textFrom).toBe("feed");
    expect(byTitle["Council approves tram line"].article.text).toMatch(/^The regional council approved/);
    expect(byTitle["Council approves tram line"].article.byline).toBe("Jane Doe");
    expect(byTitle["Library opens late on Thursdays"].textFrom).toBe("page");
    expect(byTitle["Library opens late on Thursdays"].article.text).toContain("Paragraph 1 of the story");
    expect(r.itemErrors).toEqual([
      expect.objectContaining({ key: "guid:example-missing-3", error: expect.stringMatching(/HTTP 404/) }),
    ]);
    expect(r.nextState.title).toBe("Example Regional News");
    expect(r.nextState.nextPollAt).toBe("2024-03-06T12:15:00.000Z");
    // The second poll finds nothing new: items are deduplicated by GUID.
    const again = await pollFeed(r.nextState, deps);
    expect(again.items).toHaveLength(0);
  });

  it.each(["atom.xml", "rdf.xml", "feed.json"])("polls %s", async (name) => {
    const r = await pollFeed(newFeedState(server.url(`/${name}`)), deps);
    expect(r.status).toBe("ok");
    expect(r.items).toHaveLength(1);
    expect(r.items[0].article.text.length).toBeGreaterThan(100);
  });

  it("keys items by GUID, else by canonical link (tracking parameters and fragments ignored)", () => {
    expect(itemKey({ guid: "abc", link: "https://news.test/a" })).toBe("guid:abc");
    expect(itemKey({ link: "https://www.news.test/a?utm_source=rss#top" })).toBe(
      itemKey({ link: "http://news.test/a" }),
    );
    expect(itemKey({ link: "https://news.test/a" })).not.toBe(itemKey({ link: "https://news.test/b" }));
  });

  it("skips items already seen", async () => {
    const state: FeedState = { ...newFeedState(server.url("/atom.xml")), seen: ["guid:urn:example:tram"] };
    expect((await pollFeed(state, deps)).items).toHaveLength(0);
  });

  it("uses conditional GET", async () => {
    const first = await pollFeed(newFeedState(server.url("/etag.xml")), deps);
    expect(first.nextState.etag).toBe('"e1"');
    const second = await pollFeed(first.nextState, deps);
    expect(second.status).toBe("not_modified");
    expect(second.nextState.seen).toEqual(first.nextState.seen);
  });

  it("finds the feed a web page links to, and keeps its URL", async () => {
    const r = await pollFeed(newFeedState(server.url("/html-page")), deps);
    expect(r.status).toBe("ok");
    expect(r.nextState.url).toBe(server.url("/rss.xml"));
    expect(r.items.length).toBeGreaterThan(0);
  });

  it("says where the feed is when a page that used to work turns into a web page", async () => {
    const state = { ...newFeedState(server.url("/html-page")), lastSuccessAt: "2024-03-01T00:00:00.000Z" };
    const r = await pollFeed(state, deps);
    expect(r.status).toBe("failed");
    expect(r.error).toMatch(
      /is a web page, not a feed; the page links to a feed at http:\/\/127\.0\.0\.1:\d+\/rss\.xml/,
    );
  });

  it.each([
    ["/not-xml", /is not a feed: the response is not XML or JSON/],
    ["/library", /is a web page, not a feed/],
  ])("%s fails with a clear reason", async (path, message) => {
    const r = await pollFeed(newFeedState(server.url(path)), deps);
    expect(r.status).toBe("failed");
    expect(r.error).toMatch(message);
    expect(r.nextState.failures).toBe(1);
  });

  it("reads only the newest items of a feed with 10,000 items, and says so", async () => {
    const r = await pollFeed(newFeedState(server.url("/huge.xml")), { ...deps, maxNewItems: 5 });
    expect(r.status).toBe("ok");
    expect(r.items).toHaveLength(5);
    expect(r.warnings[0]).toMatch(/lists 10000 items; only the newest 200 are read/);
  });

  it("backs off exponentially and disables a feed after repeated failures, keeping the reason", async () => {
    let state = newFeedState(server.url("/flaky.xml"));
    const delays: number[] = [];
    for (let i = 0; i < MAX_TRANSIENT_FAILURES; i++) {
      const r = await pollFeed(state, deps);
      state = r.nextState;
      if (r.status === "failed") delays.push(Date.parse(state.nextPollAt ?? "") - now.getTime());
    }
    expect(delays.slice(0, 3)).toEqual([16.5, 33, 66].map((m) => m * 60_000));
    expect(state.disabled?.reason).toMatch(
      /stopped after 10 failed attempts in a row; last error: .*HTTP 503/,
    );
    expect(isDue(state, now)).toBe(false);
    const before = flaky;
    expect((await pollFeed(state, deps)).status).toBe("disabled");
    expect(flaky).toBe(before);
    expect(isDue(reenableFeed(state), now)).toBe(true);
  });

  it("disables a removed feed (HTTP 410) at once", async () => {
    const r = await pollFeed(newFeedState(server.url("/gone.xml")), deps);
    expect(r.status).toBe("disabled");
    expect(r.error).toMatch(/removed/);
  });

  it("gives up sooner on lasting errors than on passing ones", () => {
    expect(MAX_PERMANENT_FAILURES).toBeLessThan(MAX_TRANSIENT_FAILURES);
    expect(nextPollAfterFailure(now, 1, deps, 3_600_000).getTime() - now.getTime()).toBe(3_600_000);
  });
});
