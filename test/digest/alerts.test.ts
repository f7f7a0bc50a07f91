import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAlertRunner } from "../../src/digest/alert-runner.js";
import { ManualClock } from "../../src/digest/clock.js";
import { availableBackends } from "../store/backends.js";
import { itemText, RecordingAlertPoster, range, realPoller, startFeedSite } from "./alert-helpers.js";

const backends = await availableBackends();
const MINUTE = 60_000;
const titles = (from: number, to: number) => range(from, to).map((i) => `Project ${i.n} opens`);
let site: Awaited<ReturnType<typeof startFeedSite>>;
beforeAll(async () => {
  site = await startFeedSite();
});
afterAll(async () => {
  await site.close();
});

describe.each(backends)("alert mode on $name", (backend) => {
  let opened: Awaited<ReturnType<typeof backend.open>>;
  beforeAll(async () => {
    opened = await backend.open();
  });
  afterAll(async () => {
    await opened.cleanup();
  });

  /** A channel following a feed of the site in alert mode, never polled yet. */
  async function alertChannel(name: string, clock: ManualClock, backfill = 0) {
    const { store } = opened;
    const tenant = await store.tenants.ensure({ platform: "slack", externalId: `T-${name}-${backend.name}` });
    const channel = await store.channels.ensure(tenant.id, { externalId: `C-${name}` });
    const feed = await store.feeds.add(tenant.id, { url: `${site.base}/${name}.xml` }, clock.now());
    await store.feeds.subscribe(tenant.id, channel.id, feed.id);
    const set = await store.alerts.setMode(
      tenant.id,
      channel.id,
      feed.id,
      { mode: "alert", backfill },
      clock.now(),
    );
    expect(set).toBe(true);
    return { tenant, channel, feed };
  }

  it("never floods on a feed's first read, then posts each new story once, oldest first", async () => {
    const { store } = opened;
    const clock = new ManualClock("2026-03-02T09:00:00Z");
    site.set("/first.xml", range(1, 12));
    const { channel } = await alertChannel("first", clock);
    const poller = realPoller(store, clock);
    const poster = new RecordingAlertPoster();
    const runner = createAlertRunner({ store, poster, clock, maxPerHour: 6 });

    expect(await poller.tick()).toMatchObject({ articles: 12, errors: 0 });
    await runner.tick();
    expect(poster.to("C-first")).toHaveLength(0);

    site.set("/first.xml", range(1, 14));
    clock.advance(2 * MINUTE);
    expect(await poller.tick()).toMatchObject({ articles: 2 });
    expect(await runner.tick()).toMatchObject({ alerts: 2, folds: 0 });
    const posted = poster.to("C-first");
    expect(posted.map((p) => p.alert.title)).toEqual(titles(13, 14));
    const first = posted[0]!.alert;
    expect(first.lines).toHaveLength(2);
    expect(first.url).toBe(`${site.base}/story/13`);
    expect(first.topQuote?.speaker).toBe("Maria Lopez");
    const rows = await store.alerts.list(channel.tenantId, channel.id);
    expect(rows.map((r) => r.messageId).sort()).toEqual(["m1", "m2"]);
    // Recorded as shown: the channel's digest does not repeat them.
    const digestCandidates = await store.digests.candidates(channel.tenantId, channel.id, new Date(0));
    expect(digestCandidates).toEqual([]);

    // Nothing new: nothing posted again.
    clock.advance(2 * MINUTE);
    await poller.tick();
    expect(await runner.tick()).toMatchObject({ alerts: 0 });
    expect(poster.to("C-first")).toHaveLength(2);
  });

  it("backfill:3 posts the three newest items of the first read, once", async () => {
    const { store } = opened;
    const clock = new ManualClock("2026-03-02T09:00:00Z");
    site.set("/backfill.xml", range(1, 9));
    await alertChannel("backfill", clock, 3);
    const poster = new RecordingAlertPoster();
    await realPoller(store, clock).tick();
    await createAlertRunner({ store, poster, clock, maxPerHour: 6 }).tick();
    expect(poster.to("C-backfill").map((p) => p.alert.title)).toEqual(titles(7, 9));
    await createAlertRunner({ store, poster, clock, maxPerHour: 6 }).tick();
    expect(poster.to("C-backfill")).toHaveLength(3);
  });

  it("holds the hourly limit: the newest six, one fold for the rest, later ones wait for the next hour", async () => {
    const { store } = opened;
    const clock = new ManualClock("2026-03-02T09:00:00Z");
    site.set("/flood.xml", range(1, 2));
    await alertChannel("flood", clock);
    const poller = realPoller(store, clock);
    const poster = new RecordingAlertPoster();
    const runner = createAlertRunner({ store, poster, clock, maxPerHour: 6 });
    await poller.tick();
    await runner.tick();

    site.set("/flood.xml", range(1, 12)); // ten new stories at once
    clock.advance(2 * MINUTE);
    await poller.tick();
    expect(await runner.tick()).toMatchObject({ alerts: 6, folds: 1, folded: 4 });
    const posted = poster.to("C-flood");
    expect(posted.slice(0, 6).map((p) => p.alert.title)).toEqual(titles(7, 12));
    const fold = posted[6]!.alert;
    expect(fold.kind).toBe("fold");
    expect(fold.title).toBe("And 4 more stories");
    expect(fold.lines).toEqual(titles(3, 6).reverse());
    expect(fold.footer).toContain("/stories");

    // Three more in the same hour: the limit is spent and this hour's fold is out; they wait.
    site.set("/flood.xml", range(1, 15));
    clock.advance(10 * MINUTE);
    await poller.tick();
    expect(await runner.tick()).toMatchObject({ alerts: 0, folds: 0 });
    expect(poster.to("C-flood")).toHaveLength(7);

    // An hour after the burst the limit has room again.
    clock.advance(55 * MINUTE);
    await poller.tick();
    expect(await runner.tick()).toMatchObject({ alerts: 3, folds: 0 });
    expect(
      poster
        .to("C-flood")
        .slice(7)
        .map((p) => p.alert.title),
    ).toEqual(titles(13, 15));
  });

  it("posts once with two instances at the same time, and after a post that may have gone out", async () => {
    const { store } = opened;
    const clock = new ManualClock("2026-03-02T09:00:00Z");
    site.set("/twice.xml", range(1, 1));
    const { channel } = await alertChannel("twice", clock);
    const poller = realPoller(store, clock);
    const poster = new RecordingAlertPoster();
    const a = createAlertRunner({ store, poster, clock, maxPerHour: 6, owner: "a" });
    const b = createAlertRunner({ store, poster, clock, maxPerHour: 6, owner: "b" });
    await poller.tick();
    site.set("/twice.xml", range(1, 5));
    clock.advance(2 * MINUTE);
    await poller.tick();
    // The first post lands and then fails (a timeout): the row stays "posting", the rest wait.
    poster.deliverThenFail = 1;
    await Promise.all([a.tick(), b.tick()]);
    const rows = await store.alerts.list(channel.tenantId, channel.id);
    expect(rows.filter((r) => r.status === "posting")).toHaveLength(1);

    // After its backoff the retry looks before posting again (resumedSince) and finds it.
    clock.advance(MINUTE);
    await Promise.all([a.tick(), b.tick()]);
    expect(poster.to("C-twice").map((p) => p.alert.title)).toEqual(titles(2, 5));
    expect(poster.attempts.filter((c) => c.resumedSince)).toHaveLength(1);
    const after = await store.alerts.list(channel.tenantId, channel.id);
    expect(after.map((r) => r.status)).toEqual(["posted", "posted", "posted", "posted"]);
  });

  it("does not alert an item its subscription's exclude: dropped", async () => {
    const { store } = opened;
    const clock = new ManualClock("2026-03-02T09:00:00Z");
    site.set("/exclude.xml", range(1, 2));
    const { tenant, channel, feed } = await alertChannel("exclude", clock);
    // Item 3 is about the stadium, item 4 about the market (itemText's places).
    expect(
      await store.filters.setFilter(tenant.id, channel.id, feed.id, { include: null, exclude: "stadium" }),
    ).toBe(true);
    const poller = realPoller(store, clock);
    const poster = new RecordingAlertPoster();
    const runner = createAlertRunner({ store, poster, clock, maxPerHour: 6 });
    await poller.tick();
    await runner.tick();
    site.set("/exclude.xml", range(1, 4));
    clock.advance(2 * MINUTE);
    await poller.tick();
    expect(await runner.tick()).toMatchObject({ alerts: 1 });
    expect(poster.to("C-exclude").map((p) => p.alert.title)).toEqual(titles(4, 4));
  });

  it("does not alert a story whose brief has a word muted in the channel, even muted after it was filed", async () => {
    const { store } = opened;
    const clock = new ManualClock("2026-03-02T09:00:00Z");
    site.set("/mute.xml", range(1, 2));
    const { tenant, channel } = await alertChannel("mute", clock);
    const poller = realPoller(store, clock);
    const poster = new RecordingAlertPoster();
    const runner = createAlertRunner({ store, poster, clock, maxPerHour: 6 });
    await poller.tick();
    await runner.tick();
    site.set("/mute.xml", range(1, 4));
    clock.advance(2 * MINUTE);
    await poller.tick();
    // Muted between the poll (which kept the item) and the alert run.
    expect(await store.filters.setMute(tenant.id, channel.id, ["stadium"])).toBe(true);
    expect(await runner.tick()).toMatchObject({ alerts: 1 });
    expect(poster.to("C-mute").map((p) => p.alert.title)).toEqual(titles(4, 4));
    // Still held back on the next tick.
    clock.advance(2 * MINUTE);
    await runner.tick();
    expect(poster.to("C-mute")).toHaveLength(1);
  });

  it("never alerts or updates a removed story, even one claimed before it was removed", async () => {
    const { store } = opened;
    const clock = new ManualClock("2026-03-02T09:00:00Z");
    site.set("/removed.xml", range(1, 1));
    const { tenant, channel } = await alertChannel("removed", clock);
    const poller = realPoller(store, clock);
    const poster = new RecordingAlertPoster();
    const runner = createAlertRunner({ store, poster, clock, maxPerHour: 6, backoffMs: 1000 });
    await poller.tick();
    await runner.tick();

    // Story 2 is removed before the run; story 3 is claimed, fails to send, and is removed then.
    site.set("/removed.xml", range(1, 3));
    clock.advance(2 * MINUTE);
    await poller.tick();
    const storyOf = async (n: number) =>
      (await store.stories.findByKey(tenant.id, `${site.base}/story/${n}`))!.id;
    expect(await store.filters.removeStory(tenant.id, await storyOf(2), clock.now())).toBe(true);
    poster.failBeforeSend = 1;
    expect(await runner.tick()).toMatchObject({ alerts: 0, retried: 1 });
    expect(await store.filters.removeStory(tenant.id, await storyOf(3), clock.now())).toBe(true);
    clock.advance(MINUTE);
    await runner.tick();
    expect(poster.to("C-removed")).toHaveLength(0);
    const rows = await store.alerts.list(channel.tenantId, channel.id);
    expect(rows.map((r) => [r.status, r.lastError])).toEqual([["done", "not posted: the story was removed"]]);

    // A changed source of a removed story brings no update either.
    site.set("/removed.xml", [
      ...range(1, 1),
      { n: 2, text: itemText(2, "The council added a second stage.") },
    ]);
    clock.advance(2 * MINUTE);
    await poller.tick();
    await runner.tick();
    expect(poster.to("C-removed")).toHaveLength(0);
  });
});
