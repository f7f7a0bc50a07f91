import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/digest/clock.js";
import { createDigestRunner } from "../../src/digest/runner.js";
import { nextSlot, parseSchedule } from "../../src/digest/schedule.js";
import type { Store } from "../../src/store/index.js";
import { postgresBackend, postgresReachable, sqliteBackend } from "../store/backends.js";
import { addStory, RecordingPoster, seedChannel } from "./helpers.js";

const pgUp = await postgresReachable();

async function schedule(store: Store, tenantId: string, channelId: string, text: string, now: Date) {
  const p = parseSchedule(text, "UTC");
  return store.schedules.set(
    tenantId,
    channelId,
    { spec: p.spec, timezone: p.timezone, nextSlotAt: nextSlot(p, now)! },
    now,
  );
}

for (const backend of [sqliteBackend, postgresBackend]) {
  describe.skipIf(backend.name === "postgres" && !pgUp)(`DM digests on ${backend.name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ store, cleanup } = await backend.open());
    });
    afterAll(async () => cleanup?.());

    const runner = (clock: ManualClock, poster: RecordingPoster, owner: string) =>
      createDigestRunner({ store, poster, clock, maxStories: 5, postEmpty: false, owner });

    it("posts the channel's stories to the user's DM once, at the user's own time and timezone", async () => {
      const clock = new ManualClock("2026-02-02T05:00:00Z");
      const { tenant, channel, feed } = await seedChannel(store, "dm");
      const other = await seedChannel(store, "dm-other");
      await schedule(store, tenant.id, channel.id, "daily 08:00 Europe/Berlin", clock.now());
      const sub = await store.dmDigests.ensure(tenant.id, channel.id, "U9", clock.now());
      expect(await store.dmDigests.ensure(tenant.id, channel.id, "U9", clock.now())).toEqual(sub);
      expect((await store.channels.get(tenant.id, sub.channelId))?.externalId).toBe("dm:U9:C-dm");
      expect(await store.dmDigests.sourceOf(tenant.id, sub.channelId)).toBe(channel.id);
      expect(await store.dmDigests.sourceOf(tenant.id, channel.id)).toBeUndefined();
      // 07:00 in New York is 12:00 UTC; the channel's 08:00 in Berlin is 07:00 UTC.
      await schedule(store, tenant.id, sub.channelId, "daily 07:00 America/New_York", clock.now());
      await addStory(store, tenant.id, { feedId: feed.id }, new Date("2026-02-02T04:00:00Z"), {
        title: "Bridge",
      });
      await addStory(store, other.tenant.id, { feedId: other.feed.id }, new Date("2026-02-02T04:00:00Z"), {
        title: "Elsewhere",
      });
      const poster = new RecordingPoster();

      clock.set("2026-02-02T07:00:05Z");
      await runner(clock, poster, "a").tick();
      expect(poster.to(channel.id)).toHaveLength(1);
      expect(poster.to(sub.channelId)).toHaveLength(0);

      clock.set("2026-02-02T11:59:00Z");
      await runner(clock, poster, "a").tick();
      expect(poster.to(sub.channelId)).toHaveLength(0);

      clock.set("2026-02-02T12:00:05Z");
      await Promise.all([runner(clock, poster, "a").tick(), runner(clock, poster, "b").tick()]);
      await runner(clock, poster, "a").tick();
      const dms = poster.to(sub.channelId);
      expect(dms).toHaveLength(1);
      const { digest } = dms[0]!;
      expect(digest.channelExternalId).toBe("dm:U9:C-dm");
      expect(digest.timezone).toBe("America/New_York");
      expect(digest.slot).toBe("2026-02-02T12:00:00.000Z");
      expect(digest.title).toContain("07:00");
      // The channel's stories — already shown in the channel, still new to the user — and no other channel's.
      expect(digest.items.map((i) => i.title)).toEqual(["Bridge"]);
    });

    it("ends with its schedule on remove; subscribing again resumes what the user has seen", async () => {
      const clock = new ManualClock("2026-03-02T05:00:00Z");
      const { tenant, channel, feed } = await seedChannel(store, "dm-off");
      const sub = await store.dmDigests.ensure(tenant.id, channel.id, "U7", clock.now());
      await schedule(store, tenant.id, sub.channelId, "daily 07:00 Europe/Paris", clock.now());
      await addStory(store, tenant.id, { feedId: feed.id }, new Date("2026-03-02T04:00:00Z"), {
        title: "Dam",
      });
      const poster = new RecordingPoster();
      clock.set("2026-03-02T06:00:05Z");
      await runner(clock, poster, "a").tick();
      expect(poster.to(sub.channelId).map((p) => p.digest.items.length)).toEqual([1]);
      expect(await store.dmDigests.remove(tenant.id, channel.id, "U7")).toBe(true);
      expect(await store.schedules.get(tenant.id, sub.channelId)).toBeUndefined();
      expect(await store.dmDigests.get(tenant.id, channel.id, "U7")).toBeUndefined();
      expect(await store.dmDigests.remove(tenant.id, channel.id, "U7")).toBe(false);
      const again = await store.dmDigests.ensure(tenant.id, channel.id, "U7", clock.now());
      expect(again.channelId).toBe(sub.channelId);
      await schedule(store, tenant.id, again.channelId, "daily 07:00 Europe/Paris", clock.now());
      clock.set("2026-03-03T06:00:05Z");
      await runner(clock, poster, "a").tick();
      // Nothing new since the first DM digest: no second post of "Dam".
      expect(poster.to(sub.channelId)).toHaveLength(1);
    });
    it("follows the channel's mute list: a story muted in the channel is not in the user's DM either", async () => {
      const clock = new ManualClock("2026-04-02T03:00:00Z");
      const { tenant, channel, feed } = await seedChannel(store, "dm-mute");
      const sub = await store.dmDigests.ensure(tenant.id, channel.id, "U5", clock.now());
      await schedule(store, tenant.id, sub.channelId, "daily 07:00 Europe/Paris", clock.now());
      await addStory(store, tenant.id, { feedId: feed.id }, new Date("2026-04-02T02:00:00Z"), {
        title: "Football final tonight",
      });
      await addStory(store, tenant.id, { feedId: feed.id }, new Date("2026-04-02T02:10:00Z"), {
        title: "Harbour bridge reopens",
      });
      await store.filters.setMute(tenant.id, channel.id, ["football"]);
      const poster = new RecordingPoster();
      // 07:00 in Paris (summer time) is 05:00 UTC.
      clock.set("2026-04-02T05:00:05Z");
      await runner(clock, poster, "a").tick();
      const dms = poster.to(sub.channelId);
      expect(dms).toHaveLength(1);
      expect(dms[0]!.digest.items.map((i) => i.title)).toEqual(["Harbour bridge reopens"]);
    });
  });
}
