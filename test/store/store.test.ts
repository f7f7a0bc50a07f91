import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/index.js";
import { postgresBackend, postgresReachable, sqliteBackend, TEST_PG_URL } from "./backends.js";
import { sampleArticle, sampleBrief } from "./samples.js";

const pgUp = await postgresReachable();
if (!pgUp) console.warn(`PostgreSQL not reachable at ${TEST_PG_URL}: PostgreSQL store tests are SKIPPED`);

for (const backend of [sqliteBackend, postgresBackend]) {
  describe.skipIf(backend.name === "postgres" && !pgUp)(`store on ${backend.name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ store, cleanup } = await backend.open());
    });
    afterAll(async () => cleanup?.());

    it("creates tenants and channels once per platform id", async () => {
      const t1 = await store.tenants.ensure({ platform: "slack", externalId: "T1", name: "Acme" });
      const again = await store.tenants.ensure({ platform: "slack", externalId: "T1" });
      const other = await store.tenants.ensure({ platform: "discord", externalId: "T1" });
      expect(again.id).toBe(t1.id);
      expect(other.id).not.toBe(t1.id);
      const c = await store.channels.ensure(t1.id, { externalId: "C1", name: "news" });
      expect((await store.channels.ensure(t1.id, { externalId: "C1" })).id).toBe(c.id);
      expect(await store.channels.setTimezone(t1.id, c.id, "Europe/Berlin")).toBe(true);
      expect((await store.channels.get(t1.id, c.id))?.timezone).toBe("Europe/Berlin");
    });

    it("keeps each tenant's stories, feeds and schedules invisible to the others", async () => {
      const a = await store.tenants.ensure({ platform: "slack", externalId: "TA" });
      const b = await store.tenants.ensure({ platform: "slack", externalId: "TB" });
      const ca = await store.channels.ensure(a.id, { externalId: "CA" });
      const cb = await store.channels.ensure(b.id, { externalId: "CB" });
      const feedA = await store.feeds.add(a.id, { url: "https://a.example/rss" });
      const art = await store.articles.save(a.id, sampleArticle(1), { feedId: feedA.id });
      const story = await store.stories.save(a.id, {
        storyKey: "k1",
        title: "A's story",
        brief: sampleBrief("A's story"),
        articleIds: [art.id],
      });
      await store.schedules.set(a.id, ca.id, {
        spec: "daily 08:00",
        timezone: "UTC",
        nextSlotAt: new Date(),
      });

      // B sees nothing of A's, even with A's ids in hand.
      expect(await store.stories.get(b.id, story.id)).toBeUndefined();
      expect(await store.stories.list(b.id)).toEqual([]);
      expect(await store.feeds.get(b.id, feedA.id)).toBeUndefined();
      expect(await store.feeds.list(b.id)).toEqual([]);
      expect(await store.articles.get(b.id, art.id)).toBeUndefined();
      expect(await store.stories.holding(b.id, art.id)).toBeUndefined();
      expect(await store.schedules.get(b.id, ca.id)).toBeUndefined();
      expect(await store.channels.get(b.id, ca.id)).toBeUndefined();
      // …and cannot change them.
      expect(await store.feeds.remove(b.id, feedA.id)).toBe(false);
      expect(await store.schedules.pause(b.id, ca.id, "hijack")).toBe(false);
      expect(await store.schedules.remove(b.id, ca.id)).toBe(false);
      expect(await store.channels.setTimezone(b.id, ca.id, "UTC")).toBe(false);
      await expect(store.feeds.subscribe(b.id, cb.id, feedA.id)).rejects.toThrow(/no such feed/);
      await expect(
        store.schedules.set(b.id, ca.id, { spec: "daily 09:00", timezone: "UTC", nextSlotAt: new Date() }),
      ).rejects.toThrow(/no such channel/);
      // Linking A's article into B's story links nothing.
      const sb = await store.stories.save(b.id, {
        storyKey: "k1",
        title: "B's story",
        brief: sampleBrief("B's story"),
        articleIds: [art.id],
      });
      expect((await store.stories.get(b.id, sb.id))?.articleCount).toBe(0);
      expect(await store.digests.candidates(b.id, ca.id, new Date(0))).toEqual([]);
      // A still has everything.
      expect((await store.stories.get(a.id, story.id))?.title).toBe("A's story");
      expect((await store.stories.holding(a.id, art.id))?.id).toBe(story.id);
      expect((await store.schedules.get(a.id, ca.id))?.pausedReason).toBeNull();
    });

    it("dedupes articles by content hash and versions stories when the brief changes", async () => {
      const t = await store.tenants.ensure({ platform: "discord", externalId: "G-ver" });
      const first = await store.articles.save(t.id, sampleArticle(2));
      const dup = await store.articles.save(t.id, sampleArticle(2));
      expect(dup).toEqual({ id: first.id, created: false });
      expect((await store.articles.get(t.id, first.id))?.url).toBe("https://news.example/2");
      const s1 = await store.stories.save(t.id, {
        storyKey: "s",
        title: "T",
        brief: sampleBrief("T"),
        articleIds: [first.id],
      });
      const same = await store.stories.save(t.id, {
        storyKey: "s",
        title: "T",
        brief: sampleBrief("T"),
        articleIds: [first.id],
      });
      const second = await store.articles.save(t.id, sampleArticle(3));
      const changed = await store.stories.save(t.id, {
        storyKey: "s",
        title: "T",
        brief: sampleBrief("T", ["The council met on Tuesday.", "A vote is set for May."]),
        articleIds: [second.id],
      });
      expect([s1.version, same.version, changed.version]).toEqual([1, 1, 2]);
      expect([s1.changed, same.changed, changed.changed]).toEqual([true, false, true]);
      const stored = await store.stories.get(t.id, s1.id);
      expect(stored?.articleCount).toBe(2);
      expect(stored?.brief.keyPoints.map((k) => k.text)).toContain("A vote is set for May.");
      const links = await store.stories.links(t.id, [s1.id]);
      expect(links.get(s1.id)?.map((l) => l.url)).toEqual([
        "https://news.example/2",
        "https://news.example/3",
      ]);
    });

    it("lists a story's articles in the order they joined, even when they join in the same millisecond", async () => {
      const t = await store.tenants.ensure({ platform: "discord", externalId: "G-same-instant" });
      const at = new Date("2026-05-01T08:00:00.000Z");
      const ids: string[] = [];
      for (const n of [7, 5, 9, 6]) ids.push((await store.articles.save(t.id, sampleArticle(n))).id);
      let story = "";
      for (const articleId of ids) {
        const saved = await store.stories.save(
          t.id,
          { storyKey: "same-instant", title: "T", brief: sampleBrief("T"), articleIds: [articleId] },
          at,
        );
        story = saved.id;
      }
      const links = await store.stories.links(t.id, [story]);
      expect(links.get(story)?.map((l) => l.url)).toEqual(
        [7, 5, 9, 6].map((n) => `https://news.example/${n}`),
      );
    });

    it("lists recent stories with their articles' ids, hashes and URLs only, newest first, within the window", async () => {
      const t = await store.tenants.ensure({ platform: "discord", externalId: "G-recent" });
      const other = await store.tenants.ensure({ platform: "discord", externalId: "G-recent-other" });
      const day = (d: number) => new Date(Date.UTC(2026, 10, d, 12));
      const a = await store.articles.save(
        t.id,
        sampleArticle(20, { canonicalUrl: "https://news.example/c20" }),
      );
      const b = await store.articles.save(t.id, sampleArticle(21, { published: "2026-11-20T08:00:00.000Z" }));
      const c = await store.articles.save(t.id, sampleArticle(22));
      const old = await store.articles.save(t.id, sampleArticle(23));
      const theirs = await store.articles.save(other.id, sampleArticle(24));
      const save = (tenantId: string, key: string, articleIds: string[], at: Date) =>
        store.stories.save(tenantId, { storyKey: key, title: key, brief: sampleBrief(key), articleIds }, at);
      await save(t.id, "old", [old.id], day(1));
      const two = await save(t.id, "two", [a.id], day(20));
      await save(t.id, "two", [b.id], day(21));
      const one = await save(t.id, "one", [c.id], day(22));
      await save(other.id, "theirs", [theirs.id], day(22));

      const recent = await store.stories.recentMembers(t.id, { since: day(19), limit: 10 });
      expect(recent.map((r) => r.story)).toEqual([
        { id: one.id, storyKey: "one", title: "one", version: 1 },
        { id: two.id, storyKey: "two", title: "two", version: 1 },
      ]);
      const [first, second] = recent[1]!.articles;
      expect(recent[1]!.articles.map((m) => m.id)).toEqual([a.id, b.id]);
      expect(first).toMatchObject({
        contentHash: sampleArticle(20).contentHash,
        url: "https://news.example/20",
        canonicalUrl: "https://news.example/c20",
      });
      expect(second).toMatchObject({ published: "2026-11-20T08:00:00.000Z" });
      expect(Date.parse(first!.ingestedAt)).not.toBeNaN();
      // No text travels with them.
      expect(JSON.stringify(recent)).not.toContain(sampleArticle(20).text);
      expect(await store.stories.recentMembers(t.id, { since: day(19), limit: 1 })).toHaveLength(1);
      expect(await store.stories.recentMembers(t.id, { since: day(23), limit: 10 })).toEqual([]);
    });

    it("caches briefs by (content hash, engine, version) and validates them when read", async () => {
      const key = { contentHash: "h1", engine: "llm", engineVersion: "gpt-x/1" };
      expect(await store.briefCache.get(key)).toBeUndefined();
      await store.briefCache.put(key, sampleBrief("cached"));
      expect((await store.briefCache.get(key))?.title).toBe("cached");
      expect(await store.briefCache.get({ ...key, engineVersion: "gpt-x/2" })).toBeUndefined();
      await store.briefCache.put(key, sampleBrief("replaced"));
      expect((await store.briefCache.get(key))?.title).toBe("replaced");
    });

    it("counts tokens per tenant per day", async () => {
      const t = await store.tenants.ensure({ platform: "slack", externalId: "T-tok" });
      const u = await store.tenants.ensure({ platform: "slack", externalId: "U-tok" });
      expect(await store.tokenUsage.add(t.id, "2026-11-25", 100)).toBe(100);
      expect(await store.tokenUsage.add(t.id, "2026-11-25", 50)).toBe(150);
      expect(await store.tokenUsage.get(t.id, "2026-11-26")).toBe(0);
      expect(await store.tokenUsage.get(u.id, "2026-11-25")).toBe(0);
      await expect(store.tokenUsage.add(t.id, "2026-11-25", -1)).rejects.toThrow(/whole number/);
    });

    it("stores Slack installations by team and by enterprise", async () => {
      await store.slackInstallations.save({
        teamId: "T9",
        botToken: "xoxb-1",
        botUserId: "U1",
        installation: { a: 1 },
      });
      await store.slackInstallations.save({
        enterpriseId: "E1",
        botToken: "xoxb-2",
        botUserId: "U2",
        installation: {},
      });
      expect((await store.slackInstallations.find({ teamId: "T9" }))?.botToken).toBe("xoxb-1");
      expect((await store.slackInstallations.find({ teamId: "T9" }))?.installation).toEqual({ a: 1 });
      expect(
        (
          await store.slackInstallations.find({
            enterpriseId: "E1",
            teamId: "T-other",
            isEnterpriseInstall: false,
          })
        )?.botToken,
      ).toBe("xoxb-2");
      expect(await store.slackInstallations.find({ teamId: "T404" })).toBeUndefined();
      expect(await store.slackInstallations.delete({ teamId: "T9" })).toBe(true);
      expect(await store.slackInstallations.find({ teamId: "T9" })).toBeUndefined();
    });

    it("claims a delivery key once until it expires, however many ask at the same time", async () => {
      const now = new Date("2026-05-01T10:00:00Z");
      const later = (ms: number) => new Date(now.getTime() + ms);
      const ttl = 15 * 60_000;
      expect(await store.deliveries.claim("slack:T1:trig-1", ttl, now)).toBe(true);
      expect(await store.deliveries.claim("slack:T1:trig-1", ttl, later(60_000))).toBe(false);
      expect(await store.deliveries.claim("slack:T1:trig-2", ttl, later(60_000))).toBe(true);
      const racing = await Promise.all(
        Array.from({ length: 8 }, () => store.deliveries.claim("slack:T1:trig-3", ttl, now)),
      );
      expect(racing.filter(Boolean)).toHaveLength(1);
      // Expired: the key can be taken again, and then holds for a new TTL.
      expect(await store.deliveries.claim("slack:T1:trig-1", ttl, later(ttl))).toBe(true);
      expect(await store.deliveries.claim("slack:T1:trig-1", ttl, later(ttl + 1))).toBe(false);
    });

    it("leases a due feed to one owner at a time", async () => {
      const t = await store.tenants.ensure({ platform: "slack", externalId: "T-lease" });
      const now = new Date("2030-01-01T00:00:00Z");
      const feed = await store.feeds.add(
        t.id,
        { url: "https://lease.example/rss" },
        new Date("2029-12-31T23:00:00Z"),
      );
      const first = await store.worker.leaseDueFeeds("w1", now, 60_000, 100);
      const second = await store.worker.leaseDueFeeds("w2", now, 60_000, 100);
      expect(first.map((f) => f.id)).toContain(feed.id);
      expect(second.map((f) => f.id)).not.toContain(feed.id);
      expect(await store.worker.finishFeedPoll(feed.id, "w2", { now, nextPollAt: now })).toBe(false);
      const next = new Date(now.getTime() + 15 * 60_000);
      expect(await store.worker.finishFeedPoll(feed.id, "w1", { now, nextPollAt: next, etag: '"e1"' })).toBe(
        true,
      );
      const after = await store.feeds.get(t.id, feed.id);
      expect(after?.etag).toBe('"e1"');
      expect(after?.nextPollAt).toBe(next.toISOString());
      // An expired lease (crashed worker) is taken over.
      const later = new Date(next.getTime() + 1000);
      expect((await store.worker.leaseDueFeeds("w1", later, 10, 100)).map((f) => f.id)).toContain(feed.id);
      const muchLater = new Date(later.getTime() + 60_000);
      expect((await store.worker.leaseDueFeeds("w2", muchLater, 10, 100)).map((f) => f.id)).toContain(
        feed.id,
      );
    });
  });
}
