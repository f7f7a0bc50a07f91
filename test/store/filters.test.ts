import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/index.js";
import { addStory, seedChannel } from "../digest/helpers.js";
import { postgresBackend, postgresReachable, sqliteBackend, TEST_PG_URL } from "./backends.js";

const pgUp = await postgresReachable();
if (!pgUp) console.warn(`PostgreSQL not reachable at ${TEST_PG_URL}: PostgreSQL store tests are SKIPPED`);

const at = (t: string) => new Date(`2026-12-01T${t}Z`);

/** Records that the subscription's filter dropped the story's article (what the poller writes). */
async function recordDropped(
  store: Store,
  sub: { tenantId: string; channelId: string; feedId: string },
  storyId: string,
): Promise<void> {
  const { article } = (await store.stories.articles(sub.tenantId, [storyId])).get(storyId)![0]!;
  await store.filters.recordFiltered(sub.tenantId, [
    {
      channelId: sub.channelId,
      feedId: sub.feedId,
      contentHash: article.contentHash,
      title: "Dropped",
      reason: "dropped: matches exclude 'sports'",
    },
  ]);
}

for (const backend of [sqliteBackend, postgresBackend]) {
  describe.skipIf(backend.name === "postgres" && !pgUp)(`migration 005 on ${backend.name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ store, cleanup } = await backend.open());
    });
    afterAll(async () => cleanup?.());

    it("stores a subscription's filter and the channel's mute list, and hands both to the poller", async () => {
      const { tenant, channel, feed } = await seedChannel(store, "filters");
      expect(
        await store.filters.setFilter(tenant.id, channel.id, feed.id, { include: "climate", exclude: null }),
      ).toBe(true);
      expect(await store.filters.setMute(tenant.id, channel.id, ["sports", "transfer window"])).toBe(true);
      const [sub] = await store.filters.subscriptions(tenant.id, channel.id);
      expect(sub).toMatchObject({ include: "climate", exclude: null, noticeState: null });
      expect(sub?.feed.url).toBe(feed.url);
      expect(await store.filters.subscribers(tenant.id, feed.id)).toEqual([
        {
          channelId: channel.id,
          channelExternalId: channel.externalId,
          mute: ["sports", "transfer window"],
          include: "climate",
          exclude: null,
          noticeState: null,
        },
      ]);
      // Another tenant's ids are "not found".
      const other = await store.tenants.ensure({ platform: "slack", externalId: "T-other" });
      expect(
        await store.filters.setFilter(other.id, channel.id, feed.id, { include: "x", exclude: null }),
      ).toBe(false);
      expect(await store.filters.mute(other.id, channel.id)).toEqual([]);
    });

    it("leaves a filtered item and a removed story out of the channel's digest candidates", async () => {
      const { tenant, channel, feed } = await seedChannel(store, "drops");
      const kept = await addStory(store, tenant.id, { feedId: feed.id }, at("08:00:00"));
      const dropped = await addStory(store, tenant.id, { feedId: feed.id }, at("08:01:00"));
      const removed = await addStory(store, tenant.id, { feedId: feed.id }, at("08:02:00"));
      await recordDropped(store, { tenantId: tenant.id, channelId: channel.id, feedId: feed.id }, dropped.id);
      expect(await store.filters.removeStory(tenant.id, removed.id, at("09:00:00"))).toBe(true);
      const ids = (await store.digests.candidates(tenant.id, channel.id, at("00:00:00"))).map(
        (c) => c.storyId,
      );
      expect(ids).toEqual([kept.id]);
      expect((await store.stories.list(tenant.id)).map((s) => s.id)).not.toContain(removed.id);
      expect((await store.stories.get(tenant.id, removed.id))?.removedAt).toBe(at("09:00:00").toISOString());
      expect(await store.filters.listFiltered(tenant.id, channel.id, feed.id, 10)).toMatchObject([
        { title: "Dropped", reason: "dropped: matches exclude 'sports'" },
      ]);
      await store.filters.clearFiltered(tenant.id, channel.id, feed.id);
      expect((await store.digests.candidates(tenant.id, channel.id, at("00:00:00"))).length).toBe(2);
    });

    it("leaves a filtered item out of an alert channel's candidates", async () => {
      const { tenant, channel, feed } = await seedChannel(store, "alert-drops");
      expect(await store.alerts.setMode(tenant.id, channel.id, feed.id, { mode: "alert" })).toBe(true);
      expect(await store.alertWorker.start(feed.id, at("07:00:00"))).toBe(1);
      const kept = await addStory(store, tenant.id, { feedId: feed.id }, at("08:00:00"));
      const dropped = await addStory(store, tenant.id, { feedId: feed.id }, at("08:01:00"));
      const alerted = async () =>
        (await store.alerts.candidates(tenant.id, channel.id, at("00:00:00"))).map((c) => c.storyId).sort();
      expect(await alerted()).toEqual([kept.id, dropped.id].sort());
      await recordDropped(store, { tenantId: tenant.id, channelId: channel.id, feedId: feed.id }, dropped.id);
      expect(await alerted()).toEqual([kept.id]);
    });

    it("claims a feed notice once per change, whoever asks", async () => {
      const { tenant, channel, feed } = await seedChannel(store, "notices");
      const claims = await Promise.all(
        [1, 2, 3].map(() => store.filters.claimNotice(tenant.id, channel.id, feed.id, "failing")),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await store.filters.claimNotice(tenant.id, channel.id, feed.id, "failing")).toBe(false);
      expect(await store.filters.claimNotice(tenant.id, channel.id, feed.id, "disabled")).toBe(true);
      expect(await store.filters.claimNotice(tenant.id, channel.id, feed.id, null)).toBe(true);
      expect(await store.filters.claimNotice(tenant.id, channel.id, feed.id, null)).toBe(false);
    });

    it("keeps a channel's digest options as JSON", async () => {
      const { tenant, channel } = await seedChannel(store, "options");
      expect(await store.filters.digestOptions(tenant.id, channel.id)).toBeNull();
      await store.filters.setDigestOptions(tenant.id, channel.id, { stories: 5, layout: "compact" });
      expect(await store.filters.digestOptions(tenant.id, channel.id)).toEqual({
        stories: 5,
        layout: "compact",
      });
    });
  });
}
