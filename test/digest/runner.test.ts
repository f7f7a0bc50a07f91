import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/digest/clock.js";
import { createDigestRunner } from "../../src/digest/runner.js";
import { nextSlot, parseSchedule } from "../../src/digest/schedule.js";
import { DigestPostError } from "../../src/digest/types.js";
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
  describe.skipIf(backend.name === "postgres" && !pgUp)(`digest runner on ${backend.name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ store, cleanup } = await backend.open());
    });
    afterAll(async () => cleanup?.());

    const runner = (
      clock: ManualClock,
      poster: RecordingPoster,
      extra: { postEmpty?: boolean; owner?: string } = {},
    ) =>
      createDigestRunner({
        store,
        poster,
        clock,
        maxStories: 5,
        postEmpty: extra.postEmpty ?? false,
        owner: extra.owner,
        backoffMs: 60_000,
        maxAttempts: 3,
      });

    it("posts each slot exactly once, even with two instances ticking together", async () => {
      const clock = new ManualClock("2026-02-02T06:59:00Z");
      const { tenant, channel, feed } = await seedChannel(store, "once");
      await schedule(store, tenant.id, channel.id, "daily 08:00 Europe/Berlin", clock.now());
      await addStory(store, tenant.id, { feedId: feed.id }, new Date("2026-02-02T06:00:00Z"), {
        title: "Bridge",
      });
      const poster = new RecordingPoster();
      clock.set("2026-02-02T07:00:05Z");
      const a = runner(clock, poster, { owner: "a" });
      const b = runner(clock, poster, { owner: "b" });
      await Promise.all([a.tick(), b.tick()]);
      expect(poster.to(channel.id)).toHaveLength(1);
      const { digest, context } = poster.to(channel.id)[0];
      expect(digest.slot).toBe("2026-02-02T07:00:00.000Z");
      expect(digest.title).toBe("News digest — Mon 2 Feb 08:00");
      expect(digest.items.map((i) => i.title)).toEqual(["Bridge"]);
      expect(digest.items[0].keyPoints).toHaveLength(3);
      expect(digest.items[0].topQuote).toEqual({
        quote: "We will decide soon,",
        speaker: "the mayor",
        speakerConfidence: "high",
      });
      expect(digest.items[0].openQuestion).toBe("When will the council decide?");
      expect(context.nonce).toMatch(/^[0-9a-f]{24}$/);
      await Promise.all([a.tick(), b.tick()]);
      expect(poster.to(channel.id)).toHaveLength(1);
      const runs = await store.digests.listRuns(tenant.id, channel.id);
      expect(runs.map((r) => [r.status, r.messageId])).toEqual([["posted", "m1"]]);
    });

    it("never shows a story twice, marks a changed story as updated, and skips quietly when nothing is new", async () => {
      const clock = new ManualClock("2026-03-02T07:59:00Z");
      const { tenant, channel, feed } = await seedChannel(store, "fresh");
      await schedule(store, tenant.id, channel.id, "daily 08:00", clock.now());
      const poster = new RecordingPoster();
      const r = runner(clock, poster);
      const s1 = await addStory(store, tenant.id, { feedId: feed.id }, new Date("2026-03-02T07:00:00Z"), {
        key: "dam",
        title: "Dam",
        points: ["The dam opened.", "Water rose."],
      });
      await addStory(store, tenant.id, { channelId: channel.id }, new Date("2026-03-02T07:10:00Z"), {
        title: "Pasted",
      });
      // A story only in a feed the channel does not follow stays out.
      const other = await store.feeds.add(tenant.id, { url: "https://other.example/rss" });
      await addStory(store, tenant.id, { feedId: other.id }, new Date("2026-03-02T07:20:00Z"), {
        title: "Elsewhere",
      });
      clock.set("2026-03-02T08:00:30Z");
      await r.tick();
      expect(poster.to(channel.id).map((p) => p.digest.items.map((i) => i.title).sort())).toEqual([
        ["Dam", "Pasted"],
      ]);

      // Next day: nothing new → no post.
      clock.set("2026-03-03T08:00:30Z");
      await r.tick();
      expect(poster.to(channel.id)).toHaveLength(1);
      expect((await store.digests.listRuns(tenant.id, channel.id))[0].status).toBe("skipped");

      // The dam story changes: shown again, marked updated with the new point only.
      await addStory(store, tenant.id, { feedId: feed.id }, new Date("2026-03-03T12:00:00Z"), {
        key: "dam",
        title: "Dam",
        points: ["The dam opened.", "Water rose.", "The town was evacuated."],
      });
      clock.set("2026-03-04T08:00:30Z");
      await r.tick();
      expect(poster.to(channel.id)).toHaveLength(2);
      const item = poster.to(channel.id)[1].digest.items[0];
      expect(item).toMatchObject({
        storyId: s1.id,
        version: 2,
        updated: { whatIsNew: ["New: The town was evacuated."] },
      });
    });

    it("posts 'nothing new' when the channel asks for it", async () => {
      const clock = new ManualClock("2026-04-01T07:59:00Z");
      const { tenant, channel } = await seedChannel(store, "empty");
      await schedule(store, tenant.id, channel.id, "daily 08:00", clock.now());
      const poster = new RecordingPoster();
      clock.set("2026-04-01T08:00:10Z");
      await runner(clock, poster, { postEmpty: true }).tick();
      expect(poster.to(channel.id).map((p) => [p.digest.nothingNew, p.digest.items.length])).toEqual([
        [true, 0],
      ]);
    });

    it("sends one catch-up digest after downtime, not a burst", async () => {
      const clock = new ManualClock("2026-05-04T07:00:00Z");
      const { tenant, channel, feed } = await seedChannel(store, "catchup");
      await schedule(store, tenant.id, channel.id, "every 6h", clock.now());
      await addStory(store, tenant.id, { feedId: feed.id }, new Date("2026-05-04T06:00:00Z"));
      await addStory(store, tenant.id, { feedId: feed.id }, new Date("2026-05-05T06:00:00Z"));
      const poster = new RecordingPoster();
      clock.set("2026-05-06T07:00:00Z"); // down for two days: 8 slots missed
      await runner(clock, poster).tick();
      expect(poster.to(channel.id)).toHaveLength(1);
      expect(poster.to(channel.id)[0].digest.slot).toBe("2026-05-06T06:00:00.000Z");
      expect(poster.to(channel.id)[0].digest.catchUp).toEqual({ missedSlots: 8 });
      expect(poster.to(channel.id)[0].digest.items).toHaveLength(2);
      expect((await store.schedules.get(tenant.id, channel.id))?.nextSlotAt).toBe("2026-05-06T12:00:00.000Z");
    });

    it("neither duplicates nor loses a slot when the clock jumps back and forth", async () => {
      const clock = new ManualClock("2026-06-01T07:59:00Z");
      const { tenant, channel, feed } = await seedChannel(store, "jumps");
      await schedule(store, tenant.id, channel.id, "daily 08:00", clock.now());
      await addStory(store, tenant.id, { feedId: feed.id }, new Date("2026-06-01T07:00:00Z"));
      const poster = new RecordingPoster();
      const r = runner(clock, poster);
      clock.set("2026-06-01T08:00:05Z");
      await r.tick();
      // Back 10 minutes across the slot that was just posted: no second post.
      clock.set("2026-06-01T07:50:00Z");
      await r.tick();
      clock.set("2026-06-01T08:00:05Z");
      await r.tick();
      expect(poster.to(channel.id)).toHaveLength(1);
      // A run posted on a far-future clock is pulled back to the real next slot after a reset.
      clock.set("2026-06-05T08:00:05Z");
      await addStory(store, tenant.id, { feedId: feed.id }, new Date("2026-06-05T07:00:00Z"));
      await r.tick();
      expect(poster.to(channel.id)).toHaveLength(2);
      clock.set("2026-06-02T09:00:00Z"); // the clock is corrected back by three days
      await addStory(store, tenant.id, { feedId: feed.id }, new Date("2026-06-02T08:30:00Z"));
      await r.tick();
      expect((await store.schedules.get(tenant.id, channel.id))?.nextSlotAt).toBe("2026-06-03T08:00:00.000Z");
      clock.set("2026-06-03T08:00:05Z");
      await r.tick();
      expect(poster.to(channel.id).map((p) => p.digest.slot)).toEqual([
        "2026-06-01T08:00:00.000Z",
        "2026-06-05T08:00:00.000Z",
        "2026-06-03T08:00:00.000Z",
      ]);
    });

    it("retries a failing post with backoff, then pauses the schedule keeping the reason", async () => {
      const clock = new ManualClock("2026-07-01T07:59:00Z");
      const { tenant, channel, feed } = await seedChannel(store, "retry");
      await schedule(store, tenant.id, channel.id, "daily 08:00", clock.now());
      await addStory(store, tenant.id, { feedId: feed.id }, new Date("2026-07-01T07:00:00Z"));
      const poster = new RecordingPoster();
      poster.fail(channel.id, [new DigestPostError("HTTP 503 from the platform")]);
      const r = runner(clock, poster);
      clock.set("2026-07-01T08:00:05Z");
      await r.tick();
      expect(poster.to(channel.id)).toHaveLength(0);
      const [run] = await store.digests.listRuns(tenant.id, channel.id);
      // The intent was recorded before the failed try: the retry must look before posting again.
      expect([run.status, run.attempts, run.lastError]).toEqual(["posting", 1, "HTTP 503 from the platform"]);
      expect(run.postingAt).toBe("2026-07-01T08:00:05.000Z");
      clock.set("2026-07-01T08:00:30Z"); // backoff not over yet
      await r.tick();
      expect(poster.to(channel.id)).toHaveLength(0);
      clock.set("2026-07-01T08:01:10Z");
      await r.tick();
      expect(poster.to(channel.id)).toHaveLength(1);
      expect(poster.to(channel.id)[0].context).toMatchObject({
        attempt: 2,
        nonce: run.nonce,
        resumedSince: "2026-07-01T08:00:05.000Z",
      });

      // Next slot: every attempt fails → paused after maxAttempts with the reason.
      await addStory(store, tenant.id, { feedId: feed.id }, new Date("2026-07-02T07:00:00Z"));
      poster.fail(
        channel.id,
        [1, 2, 3].map((i) => new DigestPostError(`HTTP 502 (try ${i})`)),
      );
      for (const t of ["2026-07-02T08:00:05Z", "2026-07-02T08:01:10Z", "2026-07-02T08:03:20Z"]) {
        clock.set(t);
        await r.tick();
      }
      const paused = await store.schedules.get(tenant.id, channel.id);
      expect(paused?.pausedReason).toBe("digest paused after 3 failed attempts: HTTP 502 (try 3)");
      clock.set("2026-07-03T08:00:05Z");
      await r.tick();
      expect(poster.to(channel.id)).toHaveLength(1);
    });

    it("pauses at once when the bot was removed from the channel", async () => {
      const clock = new ManualClock("2026-07-01T07:59:00Z");
      const { tenant, channel, feed } = await seedChannel(store, "removed");
      await schedule(store, tenant.id, channel.id, "daily 08:00", clock.now());
      await addStory(store, tenant.id, { feedId: feed.id }, new Date("2026-07-01T07:00:00Z"));
      const poster = new RecordingPoster();
      poster.fail(channel.id, [new DigestPostError("the bot is not in this channel", true)]);
      clock.set("2026-07-01T08:00:05Z");
      await runner(clock, poster).tick();
      expect((await store.schedules.get(tenant.id, channel.id))?.pausedReason).toMatch(/not in this channel/);
      expect((await store.digests.listRuns(tenant.id, channel.id))[0].status).toBe("failed");
    });

    it("resumes a claim left by a crashed instance with the same nonce", async () => {
      const clock = new ManualClock("2026-08-03T07:59:00Z");
      const { tenant, channel, feed } = await seedChannel(store, "resume");
      const sched = await schedule(store, tenant.id, channel.id, "daily 08:00", clock.now());
      await addStory(store, tenant.id, { feedId: feed.id }, new Date("2026-08-03T07:00:00Z"));
      clock.set("2026-08-03T08:00:05Z");
      // The crashed instance claimed the slot and died before posting.
      const claimed = await store.worker.claimSlot({
        schedule: sched,
        slot: new Date(sched.nextSlotAt),
        next: new Date("2026-08-04T08:00:00Z"),
        owner: "crashed",
        now: clock.now(),
        leaseMs: 120_000,
      });
      expect(claimed).toBeDefined();
      const poster = new RecordingPoster();
      const r = runner(clock, poster);
      await r.tick();
      expect(poster.to(channel.id)).toHaveLength(0); // its lease still runs
      clock.set("2026-08-03T08:03:00Z");
      await r.tick();
      expect(poster.to(channel.id)).toHaveLength(1);
      expect(poster.to(channel.id)[0].context.nonce).toBe(claimed!.nonce);
      expect((await store.digests.getRun(tenant.id, claimed!.id))?.status).toBe("posted");
    });

    it("posts a digest now and the next scheduled digest does not repeat its stories", async () => {
      const clock = new ManualClock("2026-10-01T07:00:00Z");
      const { tenant, channel, feed } = await seedChannel(store, "now");
      await schedule(store, tenant.id, channel.id, "daily 08:00", clock.now());
      await addStory(store, tenant.id, { feedId: feed.id }, new Date("2026-10-01T06:00:00Z"), {
        title: "Early",
      });
      const poster = new RecordingPoster();
      const r = runner(clock, poster);
      expect(await r.postNow(tenant.id, channel.id)).toEqual({ posted: true, stories: 1 });
      expect(poster.to(channel.id).map((p) => p.digest.items.map((i) => i.title))).toEqual([["Early"]]);
      const nonce = poster.to(channel.id)[0].context.nonce;
      expect(nonce).toMatch(/^now-[0-9a-f]{20}$/);
      // Dated when it was posted, not at the next scheduled slot.
      expect(poster.to(channel.id)[0].digest.slot).toBe("2026-10-01T07:00:00.000Z");
      // Not a slot: nothing claimed, the schedule's next slot untouched.
      expect(await store.digests.listRuns(tenant.id, channel.id)).toEqual([]);
      expect((await store.schedules.get(tenant.id, channel.id))?.nextSlotAt).toBe("2026-10-01T08:00:00.000Z");
      // Nothing new since: a second "now" posts nothing.
      expect(await r.postNow(tenant.id, channel.id)).toEqual({ posted: false, stories: 0 });
      clock.set("2026-10-01T07:30:00Z");
      await addStory(store, tenant.id, { feedId: feed.id }, clock.now(), { title: "Later" });
      clock.set("2026-10-01T08:00:05Z");
      await r.tick();
      expect(poster.to(channel.id).map((p) => p.digest.items.map((i) => i.title))).toEqual([
        ["Early"],
        ["Later"],
      ]);
      expect(poster.to(channel.id)[1].context.nonce).not.toBe(nonce);
    });

    it("records stories as shown only in a channel of the same tenant", async () => {
      const clock = new ManualClock("2026-10-02T07:00:00Z");
      const mine = await seedChannel(store, "shown-mine");
      const other = await seedChannel(store, "shown-other");
      const story = await addStory(store, mine.tenant.id, { feedId: mine.feed.id }, clock.now(), {
        title: "Mine",
      });
      const shown = [{ storyId: story.id, version: 1, keyPoints: ["Mine happened."] }];
      expect(
        await store.digests.markShown(other.tenant.id, mine.channel.id, shown, "now-x", clock.now()),
      ).toBe(false);
      const since = new Date("2026-10-01T00:00:00Z");
      expect(
        (await store.digests.candidates(mine.tenant.id, mine.channel.id, since)).map((c) => c.storyId),
      ).toEqual([story.id]);
      expect(
        await store.digests.markShown(mine.tenant.id, mine.channel.id, shown, "now-x", clock.now()),
      ).toBe(true);
      expect(await store.digests.candidates(mine.tenant.id, mine.channel.id, since)).toEqual([]);
    });

    it("previews the next digest without claiming anything", async () => {
      const clock = new ManualClock("2026-09-01T07:00:00Z");
      const { tenant, channel, feed } = await seedChannel(store, "preview");
      await schedule(store, tenant.id, channel.id, "daily 08:00", clock.now());
      await addStory(store, tenant.id, { feedId: feed.id }, new Date("2026-09-01T06:00:00Z"), {
        title: "Soon",
      });
      const poster = new RecordingPoster();
      const d = await runner(clock, poster).preview(tenant.id, channel.id);
      expect(d?.items.map((i) => i.title)).toEqual(["Soon"]);
      expect(d?.slot).toBe("2026-09-01T08:00:00.000Z");
      expect(await store.digests.listRuns(tenant.id, channel.id)).toEqual([]);
    });
  });
}
