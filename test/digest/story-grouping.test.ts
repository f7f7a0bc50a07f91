import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Article } from "../../src/core/types.js";
import { ManualClock } from "../../src/digest/clock.js";
import { createFeedPoller } from "../../src/digest/feed-poller.js";
import { openSqlite, type Store } from "../../src/store/index.js";
import { bridgeOutletA, bridgeOutletB, schoolsSamePeople } from "../core/story/fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "newsdesk-grouping-"));
let store: Store;
beforeAll(async () => {
  store = await openSqlite(join(dir, "newsdesk.db"));
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function report(
  outlet: string,
  slug: string,
  f: { title: string; text: string },
  published = "2026-03-03T09:00:00Z",
): Article {
  return {
    id: `${outlet}-${slug}`,
    title: f.title,
    text: f.text,
    contentHash: createHash("sha256").update(f.text).digest("hex"),
    source: "feed",
    url: `https://${outlet}.example/${slug}`,
    siteName: outlet,
    published,
  };
}

/**
 * A tenant with one feed per outlet and the real poller; `pollFeed` (the network edge) hands out
 * what the test queued for each outlet's feed.
 */
async function setup(name: string, outlets: string[]) {
  const clock = new ManualClock("2026-03-03T10:00:00Z");
  const tenant = await store.tenants.ensure({ platform: "discord", externalId: `G-${name}` });
  for (const o of outlets) await store.feeds.add(tenant.id, { url: `https://${o}.example/rss` }, clock.now());
  const queued = new Map<string, Article[]>();
  const poller = createFeedPoller({
    store,
    clock,
    intervalMs: 10 * 60_000,
    pollFeed: async (feed) => {
      const outlet = new URL(feed.url).hostname.split(".")[0];
      const articles = queued.get(outlet) ?? [];
      queued.delete(outlet);
      return { articles };
    },
  });
  /** Queues the articles and polls every feed once (the clock moves past the interval). */
  const poll = async (byOutlet: Record<string, Article[]>) => {
    for (const [o, list] of Object.entries(byOutlet)) queued.set(o, list);
    const r = await poller.tick();
    clock.advance(11 * 60_000);
    return r;
  };
  return { tenant, poll, stories: () => store.stories.list(tenant.id, { limit: 100 }) };
}

describe("feed poller groups articles about one event into one story", () => {
  it("joins two outlets' reports of the same event, citing both and deduplicating quotes", async () => {
    const { tenant, poll, stories } = await setup("same-event", ["alpha", "beta"]);
    await poll({ alpha: [report("alpha", "bridge", bridgeOutletA)] });
    const [first] = await stories();
    expect(first.version).toBe(1);

    await poll({ beta: [report("beta", "bridge-open", bridgeOutletB, "2026-03-03T11:30:00Z")] });
    const all = await stories();
    expect(all).toHaveLength(1);
    const story = all[0];
    expect(story.id).toBe(first.id);
    expect(story.articleCount).toBe(2);
    expect(story.version).toBe(2);

    const a = await store.articles.findByHash(tenant.id, report("alpha", "x", bridgeOutletA).contentHash);
    const b = await store.articles.findByHash(tenant.id, report("beta", "x", bridgeOutletB).contentHash);
    expect(a && b).toBeTruthy();
    const cited = new Set(story.brief.keyPoints.map((k) => k.article));
    expect(cited).toEqual(new Set([a?.id, b?.id]));
    // Both outlets quote the mayor with the same words: one quote, citing one of the articles.
    const proud = story.brief.quotes.filter((q) => q.quote.includes("proud of the crews"));
    expect(proud).toHaveLength(1);
    expect([a?.id, b?.id]).toContain(proud[0].article);
    // The first outlet's article again: no new version, no new link.
    await poll({ alpha: [report("alpha", "bridge", bridgeOutletA)] });
    expect((await stories()).map((s) => [s.version, s.articleCount])).toEqual([[2, 2]]);

    const links = (await store.stories.links(tenant.id, [story.id])).get(story.id) ?? [];
    expect(links.map((l) => l.url).sort()).toEqual([
      "https://alpha.example/bridge",
      "https://beta.example/bridge-open",
    ]);
  });

  it("keeps two different events about the same people as two stories", async () => {
    const { poll, stories } = await setup("same-people", ["alpha", "beta"]);
    await poll({
      alpha: [report("alpha", "bridge", bridgeOutletA)],
      beta: [report("beta", "schools", schoolsSamePeople, "2026-03-03T09:30:00Z")],
    });
    const all = await stories();
    expect(all).toHaveLength(2);
    expect(all.map((s) => s.articleCount)).toEqual([1, 1]);
  });

  it("does not start a second story for an identical article", async () => {
    const { poll, stories } = await setup("repeat", ["alpha", "beta"]);
    await poll({ alpha: [report("alpha", "bridge", bridgeOutletA)] });
    // The same article again from its feed, and the same text syndicated by another feed.
    await poll({ alpha: [report("alpha", "bridge", bridgeOutletA)] });
    await poll({ beta: [report("alpha", "bridge", bridgeOutletA)] });
    const all = await stories();
    expect(all).toHaveLength(1);
    expect(all[0].articleCount).toBe(1);
    expect(all[0].version).toBe(1);
  });

  it("keeps the same event apart outside the 48 h window and across tenants", async () => {
    const { poll, stories } = await setup("window", ["alpha", "beta"]);
    await poll({ alpha: [report("alpha", "bridge", bridgeOutletA)] });
    await poll({ beta: [report("beta", "bridge-open", bridgeOutletB, "2026-03-06T09:00:00Z")] });
    expect(await stories()).toHaveLength(2);

    // Another tenant's report of the event starts its own story (stories never cross tenants).
    const other = await setup("window-other", ["gamma"]);
    await other.poll({ gamma: [report("gamma", "bridge", bridgeOutletB)] });
    const theirs = await other.stories();
    expect(theirs).toHaveLength(1);
    expect(theirs[0].articleCount).toBe(1);
  });
});
