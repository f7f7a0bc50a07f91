import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCommandText } from "../../commands/parse.js";
import { commandRegistry } from "../../commands/registry.js";
import { executeCommand } from "../../commands/run.js";
import { systemClock } from "../../src/digest/clock.js";
import { createFeedPoller } from "../../src/digest/feed-poller.js";
import { ingestPollFeed } from "../../src/digest/ingest-poll.js";
import { createRunComposer } from "../../src/digest/runner-compose.js";
import { createFetcher } from "../../src/ingest/fetch/fetcher.js";
import { renderText } from "../../src/render/text.js";
import { openSqlite, type Store } from "../../src/store/index.js";
import { openTestServices, type TestServices } from "../app/test-services.js";
import { newsItem, startNewsFeedServer } from "../digest/news-feed-server.js";
import { contextFor } from "./helpers.js";

const ITEMS = [
  newsItem(
    "g1",
    "Climate summit agrees coal phase-out",
    "Delegates in Lisbon signed the accord on coal plants.",
  ),
  newsItem(
    "g2",
    "Energy prices fall for a third month",
    "Wholesale gas contracts dropped as storage filled up.",
  ),
  newsItem(
    "g3",
    "Transfer window opens for football clubs",
    "Sports directors prepared bids for young strikers.",
  ),
  newsItem(
    "g4",
    "Local bakery wins national award",
    "The judges praised the rye loaf and the cinnamon buns.",
  ),
  newsItem("g5", "Café owners in Zürich raise prices", "Rents near the lake rose again this spring."),
];

const dir = mkdtempSync(join(tmpdir(), "newsdesk-feed-filters-"));
let store: Store;
let services: TestServices;
let site: Awaited<ReturnType<typeof startNewsFeedServer>>;
let poller: ReturnType<typeof createFeedPoller>;

beforeAll(async () => {
  site = await startNewsFeedServer();
  store = await openSqlite(join(dir, "newsdesk.db"));
  const fetcher = createFetcher({
    allowHosts: "127.0.0.1",
    timeoutMs: 5000,
    connectTimeoutMs: 2000,
    maxBytes: 1_000_000,
    perHostConcurrency: 2,
  });
  poller = createFeedPoller({
    store,
    clock: systemClock,
    intervalMs: 15 * 60_000,
    pollFeed: ingestPollFeed({ fetcher, now: () => new Date(), intervalMinutes: 15, random: () => 0.5 }),
  });
  services = await openTestServices({
    store,
    pollFeedNow: async (tenantId, feedId) => (await poller.pollNow(tenantId, feedId))?.articles ?? 0,
  });
});
afterAll(async () => {
  await services.close();
  await store.close();
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a command as typed in `channel` of the console tenant, as an admin unless told otherwise. */
async function run(channel: string, text: string, isAdmin = true) {
  const ctx = await contextFor({ services, channelId: channel, isAdmin });
  const [command, ...rest] = text.replace(/^\//, "").split(" ");
  const reply = await executeCommand(
    ctx,
    commandRegistry,
    parseCommandText(commandRegistry, command!, rest.join(" ")),
  );
  return renderText(reply);
}

/** The titles the channel's next digest would show. */
async function digestTitles(channel: string): Promise<string[]> {
  const tid = (await store.tenants.find("t1", "local"))!.id;
  const ch = (await store.channels.findByExternalId(tid, channel))!;
  const compose = createRunComposer({ store, maxStories: 10, postEmpty: true, lookbackMs: 7 * 86_400_000 });
  const digest = await compose({ tenantId: tid, channelId: ch.id, slot: new Date().toISOString() }, 1);
  return (digest?.items ?? []).map((i) => i.title).sort();
}

const titles = (...n: number[]) => n.map((i) => ITEMS[i - 1]!.title).sort();

describe("filters per subscription, stored and applied", () => {
  it("files a new feed's items at once and keeps each channel to its own filter", async () => {
    const url = site.set("mixed", ITEMS);
    // Channel B follows everything; its /feeds add files the five items before replying.
    const added = await run("B", `/feeds add ${url}`);
    expect(added).toContain("5 of its current items are in /stories now");
    expect(await run("B", "/stories")).toContain(ITEMS[3]!.title);

    // Channel A follows the same feed with a filter: words, OR, an accent-free "cafe", an exclude.
    const filtered = await run("A", `/feeds add ${url} include:"climate OR energy OR cafe" exclude:sports`);
    expect(filtered).toContain("Filter: include: climate OR energy OR cafe; exclude: sports");
    expect(await digestTitles("A")).toEqual(titles(1, 2, 5));
    expect(await digestTitles("B")).toEqual(titles(1, 2, 3, 4, 5));
    // The loopback feed's links are http://: shown as they are, never rewritten to https://.
    expect(await run("B", "/summary Energy prices")).toContain(`${site.base}/story/g2`);

    // /feeds lists the filter and the status of the feed.
    const list = await run("A", "/feeds list");
    expect(list).toContain("include: climate OR energy OR cafe; exclude: sports");
    expect(list).toMatch(/ok · last read \d{4}-\d\d-\d\d/);
  });

  it("drops a new item per channel as it is polled, and a filter change applies to recent items", async () => {
    const url = site.set("mixed", [
      newsItem("g6", "Coal miners strike over pensions", "Unions called the walkout after talks broke down."),
      ...ITEMS,
    ]);
    const feed = (await store.feeds.list((await store.tenants.find("t1", "local"))!.id)).find(
      (f) => f.url === url,
    )!;
    expect((await poller.pollNow(feed.tenantId, feed.id))?.articles).toBe(1);
    expect(await digestTitles("A")).not.toContain("Coal miners strike over pensions");
    expect(await digestTitles("B")).toContain("Coal miners strike over pensions");

    // By part of its URL; an include of "coal" now keeps items 1 and 6 only.
    expect(await run("A", `/feeds filter mixed.xml include:coal`)).toContain("Filter set");
    expect(await digestTitles("A")).toEqual(["Coal miners strike over pensions", ...titles(1)].sort());
    // Clearing both: everything comes again.
    expect(await run("A", "/feeds filter mixed include:none exclude:none")).toContain("Filter cleared");
    expect((await digestTitles("A")).length).toBe(6);
  });

  it("mutes words for everything a channel gets, lists and clears the list", async () => {
    expect(await run("A", '/digest mute Coal "wholesale gas"')).toContain("Coal, wholesale gas");
    const muted = await digestTitles("A");
    expect(muted).not.toContain("Coal miners strike over pensions");
    expect(muted).not.toContain(ITEMS[0]!.title);
    expect(muted).not.toContain(ITEMS[1]!.title);
    expect(muted).toContain(ITEMS[3]!.title);
    // Other channels are not muted.
    expect((await digestTitles("B")).length).toBe(6);
    expect(await run("A", "/digest mute")).toContain("Coal, wholesale gas");
    expect(await run("A", "/digest unmute coal")).toContain("Still muted: wholesale gas");
    expect(await run("A", "/digest unmute")).toContain("Nothing is muted now");
    expect((await digestTitles("A")).length).toBe(6);
  });

  it("does not file an item no follower keeps", async () => {
    const before = (await store.stories.list((await store.tenants.find("t1", "local"))!.id)).length;
    const url = site.set("zoo", [newsItem("z1", "Harbour crane collapses", "Nobody was hurt at the docks.")]);
    const reply = await run("C", `/feeds add ${url} include:zebra`);
    expect(reply).toContain("None of its current items is new here or passes the filter");
    expect((await store.stories.list((await store.tenants.find("t1", "local"))!.id)).length).toBe(before);
  });

  it("explains bad filters and limits before anything is fetched", async () => {
    const requests = site.state.requests.length;
    const many = Array.from({ length: 51 }, (_, i) => `w${i}`).join(" ");
    expect(await run("A", `/feeds add ${site.base}/mixed.xml include:"${many}"`)).toMatch(
      /51 terms; a subscription may have at most 50/,
    );
    expect(await run("A", `/feeds filter mixed include:${"x".repeat(101)}`)).toMatch(/at most 100/);
    expect(await run("A", '/feeds filter mixed include:"OR energy"')).toMatch(
      /"OR" needs a term on each side/,
    );
    expect(await run("A", "/feeds filter nowhere include:x")).toMatch(/follows no feed matching "nowhere"/);
    expect(await run("A", "/feeds filter mixed")).toMatch(/Give include:… and\/or exclude:…/);
    expect(await run("A", "/digest mute sports", false)).toMatch(/only admins/);
    expect(site.state.requests.length).toBe(requests);
  });
});
