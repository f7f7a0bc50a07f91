import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Schedule, Store } from "../../src/store/index.js";
import { postgresBackend, postgresReachable, sqliteBackend, TEST_PG_URL } from "./backends.js";
import { claimableSchedules } from "./due-slots.js";

const pgUp = await postgresReachable();
if (!pgUp) console.warn(`PostgreSQL not reachable at ${TEST_PG_URL}: PostgreSQL store tests are SKIPPED`);

const REMOVED = "the Slack workspace removed Newsdesk on 2026-11-25";
const PREFIX = "the Slack workspace removed Newsdesk on ";
const at = (t: string) => new Date(`2026-11-${t}Z`);

for (const backend of [sqliteBackend, postgresBackend]) {
  describe.skipIf(backend.name === "postgres" && !pgUp)(`tenant work on ${backend.name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ store, cleanup } = await backend.open());
    });
    afterAll(async () => cleanup?.());

    /** A tenant with two channels on a schedule, a healthy feed and a feed disabled for its own reason. */
    async function seed(externalId: string) {
      const t = await store.tenants.ensure({ platform: "slack", externalId });
      const c1 = await store.channels.ensure(t.id, { externalId: "C1" });
      const c2 = await store.channels.ensure(t.id, { externalId: "C2" });
      const c3 = await store.channels.ensure(t.id, { externalId: "C3" });
      const live = await store.feeds.add(
        t.id,
        { url: `https://${externalId}.example/live` },
        at("20T00:00:00"),
      );
      const gone = await store.feeds.add(
        t.id,
        { url: `https://${externalId}.example/gone` },
        at("20T00:00:00"),
      );
      await store.feeds.subscribe(t.id, c1.id, live.id);
      await store.feeds.subscribe(t.id, c1.id, gone.id);
      const [lease] = await store.worker
        .leaseDueFeeds("w", at("20T00:01:00"), 60_000, 10)
        .then((fs) => fs.filter((f) => f.id === gone.id));
      expect(lease).toBeDefined();
      await store.worker.finishFeedPoll(gone.id, "w", {
        now: at("20T00:01:00"),
        nextPollAt: at("21T00:00:00"),
        error: "HTTP 404",
        disabledReason: "the feed is gone (HTTP 404)",
      });
      const slot = { spec: "daily 08:00", timezone: "UTC", nextSlotAt: at("26T08:00:00") };
      await store.schedules.set(t.id, c1.id, slot, at("20T00:00:00"));
      await store.schedules.set(t.id, c2.id, slot, at("20T00:00:00"));
      await store.schedules.set(t.id, c3.id, slot, at("20T00:00:00"));
      await store.schedules.pause(t.id, c3.id, "schedule no longer valid: x", at("21T00:00:00"));
      return { t, c1, c2, c3, live, gone };
    }

    it("finds a tenant by platform id without creating one", async () => {
      const t = await store.tenants.ensure({ platform: "slack", externalId: "T-find" });
      expect((await store.tenants.find("slack", "T-find"))?.id).toBe(t.id);
      expect(await store.tenants.find("discord", "T-find")).toBeUndefined();
      expect(await store.tenants.find("slack", "T-never")).toBeUndefined();
      expect(await store.tenants.find("slack", "T-never")).toBeUndefined(); // still not created
    });

    it("suspends only what runs, keeps every row, and leaves other tenants alone", async () => {
      const { t, c1, c2, c3, live, gone } = await seed("T-susp");
      const other = await seed("T-other");

      expect(await store.tenants.suspendWork(t.id, REMOVED, at("25T10:00:00"))).toEqual({
        feeds: 1,
        schedules: 2,
      });
      expect((await store.feeds.get(t.id, live.id))?.disabledReason).toBe(REMOVED);
      expect((await store.feeds.get(t.id, gone.id))?.disabledReason).toBe("the feed is gone (HTTP 404)");
      const s1 = await store.schedules.get(t.id, c1.id);
      expect(s1).toMatchObject({ pausedReason: REMOVED, pausedAt: at("25T10:00:00").toISOString() });
      expect((await store.schedules.get(t.id, c2.id))?.pausedReason).toBe(REMOVED);
      expect((await store.schedules.get(t.id, c3.id))?.pausedReason).toBe("schedule no longer valid: x");
      // Nothing deleted: feeds, subscriptions, schedules all still there.
      expect(await store.feeds.list(t.id)).toHaveLength(2);
      expect(await store.feeds.listForChannel(t.id, c1.id)).toHaveLength(2);
      expect(await store.schedules.list(t.id)).toHaveLength(3);
      // The background loops skip them.
      const leased = await store.worker.leaseDueFeeds("w2", at("27T00:00:00"), 60_000, 100);
      expect(leased.map((f) => f.tenantId)).not.toContain(t.id);
      expect(leased.map((f) => f.id)).toContain(other.live.id);
      const due = await claimableSchedules(store, at("27T00:00:00"), 100);
      expect(due.map((s) => s.tenantId)).not.toContain(t.id);
      expect(due.map((s) => s.channelId)).toEqual(expect.arrayContaining([other.c1.id, other.c2.id]));
      for (const f of leased)
        await store.worker.finishFeedPoll(f.id, "w2", {
          now: at("27T00:00:00"),
          nextPollAt: at("27T00:00:00"),
        });

      // Suspending again changes nothing, and the first reason stays.
      expect(await store.tenants.suspendWork(t.id, `${PREFIX}2026-11-26`, at("26T10:00:00"))).toEqual({
        feeds: 0,
        schedules: 0,
      });
      expect((await store.schedules.get(t.id, c1.id))?.pausedReason).toBe(REMOVED);
    });

    it("resumes only what was stopped with the reason, at the slot the caller picks", async () => {
      const { t, c1, c2, c3, live, gone } = await seed("T-res");
      await store.tenants.suspendWork(t.id, REMOVED, at("25T10:00:00"));
      const asked: Schedule[] = [];
      const next = at("28T08:00:00");
      const counts = await store.tenants.resumeWork(
        t.id,
        PREFIX,
        (s) => {
          asked.push(s);
          return s.channelId === c2.id ? undefined : next;
        },
        at("28T07:00:00"),
      );
      expect(counts).toEqual({ feeds: 1, schedules: 1 });
      expect(asked.map((s) => s.channelId).sort()).toEqual([c1.id, c2.id].sort());
      expect(asked[0]).toMatchObject({ spec: "daily 08:00", timezone: "UTC" });

      expect((await store.feeds.get(t.id, live.id))?.disabledReason).toBeNull();
      expect((await store.feeds.get(t.id, gone.id))?.disabledReason).toBe("the feed is gone (HTTP 404)");
      expect(await store.schedules.get(t.id, c1.id)).toMatchObject({
        pausedReason: null,
        pausedAt: null,
        nextSlotAt: next.toISOString(),
      });
      // No slot given: it stays paused, as it was.
      expect((await store.schedules.get(t.id, c2.id))?.pausedReason).toBe(REMOVED);
      expect((await store.schedules.get(t.id, c3.id))?.pausedReason).toBe("schedule no longer valid: x");
      // The poller and the runner take them again.
      const leased = await store.worker.leaseDueFeeds("w3", at("28T07:00:00"), 60_000, 100);
      expect(leased.map((f) => f.id)).toContain(live.id);
      expect(leased.map((f) => f.id)).not.toContain(gone.id);
      for (const f of leased)
        await store.worker.finishFeedPoll(f.id, "w3", {
          now: at("28T07:00:00"),
          nextPollAt: at("29T07:00:00"),
        });
      const due = await claimableSchedules(store, at("28T08:00:00"), 100);
      expect(due.map((s) => s.channelId)).toContain(c1.id);
      expect(due.map((s) => s.channelId)).not.toContain(c2.id);
    });

    it("matches the reason's prefix exactly (case and wildcards), and refuses an empty prefix", async () => {
      const { t, live } = await seed("T-exact");
      await store.tenants.suspendWork(
        t.id,
        "the slack workspace removed newsdesk on 2026-11-25",
        at("25T10:00:00"),
      );
      const never = () => at("28T08:00:00");
      expect(await store.tenants.resumeWork(t.id, PREFIX, never)).toEqual({ feeds: 0, schedules: 0 });
      expect(await store.tenants.resumeWork(t.id, "the % workspace", never)).toEqual({
        feeds: 0,
        schedules: 0,
      });
      expect((await store.feeds.get(t.id, live.id))?.disabledReason).toMatch(/^the slack/);
      await expect(store.tenants.resumeWork(t.id, "", never)).rejects.toThrow(/prefix/);
    });

    it("keeps a paused schedule's first reason when one of its runs fails afterwards", async () => {
      const t = await store.tenants.ensure({ platform: "slack", externalId: "T-fail" });
      const c = await store.channels.ensure(t.id, { externalId: "C1" });
      const s = await store.schedules.set(t.id, c.id, {
        spec: "daily 08:00",
        timezone: "UTC",
        nextSlotAt: at("25T08:00:00"),
      });
      const run = await store.worker.claimSlot({
        schedule: s,
        slot: at("25T08:00:00"),
        next: at("26T08:00:00"),
        owner: "w",
        now: at("25T08:00:01"),
        leaseMs: 120_000,
      });
      expect(run).toBeDefined();
      await store.tenants.suspendWork(t.id, REMOVED, at("25T08:00:02"));
      const failed = "digest paused after 1 failed attempt: not_installed";
      expect(await store.worker.markFailed(run!.id, "w", failed, at("25T08:00:03"))).toBe(true);
      expect((await store.schedules.get(t.id, c.id))?.pausedReason).toBe(REMOVED);
      expect(await store.digests.getRun(t.id, run!.id)).toMatchObject({
        status: "failed",
        lastError: failed,
      });
    });
  });
}
