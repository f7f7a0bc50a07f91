import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCommandText } from "../../commands/parse.js";
import { commandRegistry } from "../../commands/registry.js";
import { executeCommand } from "../../commands/run.js";
import { createStoreServices } from "../../src/app/services/index.js";
import type { Services } from "../../src/app/services.js";
import { buildExtractiveBrief } from "../../src/core/analyse.js";
import type { Article } from "../../src/core/types.js";
import { ManualClock } from "../../src/digest/clock.js";
import { createFeedPoller, type FeedPoller } from "../../src/digest/feed-poller.js";
import { createStoryGrouper } from "../../src/digest/story-grouper.js";
import { openSqlite, type Store } from "../../src/store/index.js";
import { bridgeOutletA, bridgeOutletB, schoolsSamePeople } from "../core/story/fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "newsdesk-add-grouping-"));
const clock = new ManualClock("2026-03-03T10:00:00Z");
let store: Store;
let services: Services;
let poller: FeedPoller;
/** What the next poll of each feed URL returns (the network edge). */
const queued = new Map<string, Article[]>();
/** The summariser /add uses: counted, to show an added article is briefed once. */
let summarised = 0;

beforeAll(async () => {
  store = await openSqlite(join(dir, "newsdesk.db"));
  // Wired as src/app/wiring.ts does: one grouper for the feed poller and /add.
  const grouper = createStoryGrouper({ store });
  services = createStoreServices({
    store,
    grouper,
    summarise: async (input) => {
      summarised++;
      return buildExtractiveBrief(input);
    },
    defaultTimezone: "UTC",
    now: () => clock.now(),
  });
  poller = createFeedPoller({
    store,
    clock,
    grouper,
    intervalMs: 10 * 60_000,
    pollFeed: async (feed) => {
      const articles = queued.get(feed.url) ?? [];
      queued.delete(feed.url);
      return { articles };
    },
  });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function feedItem(f: { title: string; text: string }, url: string): Article {
  return {
    id: url,
    title: f.title,
    text: f.text,
    contentHash: createHash("sha256").update(f.text).digest("hex"),
    source: "feed",
    url,
    published: "2026-03-03T09:00:00Z",
  };
}

/** Polls `feedUrl` once with `articles` queued (the clock moves past the interval). */
async function poll(feedUrl: string, articles: Article[]): Promise<void> {
  queued.set(feedUrl, articles);
  await poller.tick();
  clock.advance(11 * 60_000);
}

describe("/add files articles into the same stories as feeds", () => {
  it("joins an added article to the feed story of the same event, and keeps another event apart", async () => {
    const tenant = "slack:TJOIN";
    const feedUrl = "https://alpha.example/rss";
    await services.feeds.add(tenant, "C1", feedUrl);
    await poll(feedUrl, [feedItem(bridgeOutletA, "https://alpha.example/bridge")]);
    const [fromFeed] = await services.stories.list(tenant, 10);
    expect(fromFeed?.articleCount).toBe(1);

    const added = await services.stories.addText(
      tenant,
      { text: bridgeOutletB.text, title: bridgeOutletB.title, source: "paste" },
      "C1",
    );
    expect(added.id).toBe(fromFeed!.id);
    expect(added.articleCount).toBe(2);
    // The merged brief keeps the mayor's quote once, though both reports carry it.
    const proud = added.brief.quotes.filter((q) => q.quote.includes("We are proud of the crews"));
    expect(proud).toHaveLength(1);

    // Same people, another event: a story of its own.
    const other = await services.stories.addText(
      tenant,
      { text: schoolsSamePeople.text, title: schoolsSamePeople.title, source: "paste" },
      "C1",
    );
    expect(other.id).not.toBe(fromFeed!.id);
    expect(other.articleCount).toBe(1);
    expect(await services.stories.list(tenant, 10)).toHaveLength(2);

    // The same text again, through the command: nothing changes, nothing is briefed again, and the
    // reply says which story it is in.
    const before = summarised;
    const ctx = {
      platform: "slack" as const,
      tenant,
      channelId: "C2",
      userId: "U1",
      isAdmin: false,
      services,
      allowLocalFiles: false,
      maxTextBytes: 1_000_000,
    };
    const reply = await executeCommand(
      ctx,
      commandRegistry,
      parseCommandText(commandRegistry, "add", bridgeOutletB.text.replace(/\n+/g, " ")),
    );
    expect(reply.intro).toBe(`Already in story ${fromFeed!.id}: nothing was added again.`);
    expect(summarised).toBe(before);
  });

  it("lets a later feed article join the story an /add started", async () => {
    const tenant = "slack:TLATER";
    const feedUrl = "https://beta.example/rss";
    await services.feeds.add(tenant, "C1", feedUrl);
    const added = await services.stories.addText(
      tenant,
      { text: bridgeOutletA.text, title: bridgeOutletA.title, source: "paste" },
      "C1",
    );
    expect(added.articleCount).toBe(1);
    await poll(feedUrl, [feedItem(bridgeOutletB, "https://beta.example/bridge-open")]);
    const stories = await services.stories.list(tenant, 10);
    expect(stories.map((s) => [s.id, s.articleCount])).toEqual([[added.id, 2]]);
  });
});
