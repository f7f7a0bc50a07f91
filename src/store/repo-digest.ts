import { notFilteredOut } from "./filtered-item.js";
import { dmSourceOf } from "./repo-dm-digest.js";
import { type Db, iso, tenantHasChannel, toRun, toSchedule, upsertShown } from "./rows.js";
import type { CandidateRef, DigestStore, ScheduleStore } from "./types.js";

export function scheduleStore(db: Db): ScheduleStore {
  return {
    async set(tenantId, channelId, { spec, timezone, nextSlotAt }, now = new Date()) {
      if (!(await tenantHasChannel(db, tenantId, channelId)))
        throw new Error("no such channel in this workspace");
      const values = {
        spec,
        timezone,
        next_slot_at: iso(nextSlotAt),
        paused_reason: null,
        paused_at: null,
        updated_at: iso(now),
      };
      await db
        .insertInto("schedules")
        .values({ channel_id: channelId, tenant_id: tenantId, created_at: iso(now), ...values })
        .onConflict((oc) => oc.column("channel_id").doUpdateSet(values))
        .execute();
      const row = await db
        .selectFrom("schedules")
        .selectAll()
        .where("channel_id", "=", channelId)
        .executeTakeFirstOrThrow();
      return toSchedule(row);
    },
    async get(tenantId, channelId) {
      const row = await db
        .selectFrom("schedules")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("channel_id", "=", channelId)
        .executeTakeFirst();
      return row && toSchedule(row);
    },
    async list(tenantId) {
      const rows = await db
        .selectFrom("schedules")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .orderBy("created_at")
        .execute();
      return rows.map(toSchedule);
    },
    async remove(tenantId, channelId) {
      const r = await db
        .deleteFrom("schedules")
        .where("tenant_id", "=", tenantId)
        .where("channel_id", "=", channelId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async pause(tenantId, channelId, reason, now = new Date()) {
      const r = await db
        .updateTable("schedules")
        .set({ paused_reason: reason, paused_at: iso(now), updated_at: iso(now) })
        .where("tenant_id", "=", tenantId)
        .where("channel_id", "=", channelId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async resume(tenantId, channelId, nextSlotAt) {
      const r = await db
        .updateTable("schedules")
        .set({
          paused_reason: null,
          paused_at: null,
          next_slot_at: iso(nextSlotAt),
          updated_at: iso(new Date()),
        })
        .where("tenant_id", "=", tenantId)
        .where("channel_id", "=", channelId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}

/** Most stories one digest query considers; the composer keeps the best N of these. */
const CANDIDATE_LIMIT = 200;

export function digestStore(db: Db): DigestStore {
  return {
    async candidates(tenantId, channelId, since) {
      // A DM subscription shows its source channel's stories; what it has shown is its own.
      const source = (await dmSourceOf(db, tenantId, channelId)) ?? channelId;
      // Start from the channel — its subscriptions' articles and its own — and join the few
      // stories they belong to, instead of walking every recent story of the tenant.
      const rows = await db
        .selectFrom((eb) =>
          eb
            .selectFrom("subscriptions as sub")
            .innerJoin("feed_articles as fa", "fa.feed_id", "sub.feed_id")
            .innerJoin("story_articles as sa", "sa.article_id", "fa.article_id")
            .innerJoin("articles as a", "a.id", "fa.article_id")
            .select("sa.story_id")
            .where("sub.tenant_id", "=", tenantId)
            .where("sub.channel_id", "=", source)
            // An item this subscription's filter (or the channel's mute list) dropped is not the channel's.
            .where(({ ref }) =>
              notFilteredOut({
                channelId: ref("sub.channel_id"),
                feedId: ref("fa.feed_id"),
                contentHash: ref("a.content_hash"),
              }),
            )
            // An alert-mode subscription's stories are posted as they arrive, not in the digest.
            .where("sub.mode", "=", "digest")
            .union(
              eb
                .selectFrom("channel_articles as ca")
                .innerJoin("story_articles as sa", "sa.article_id", "ca.article_id")
                .select("sa.story_id")
                .where("ca.tenant_id", "=", tenantId)
                .where("ca.channel_id", "=", source),
            )
            .as("ids"),
        )
        .innerJoin("stories as s", "s.id", "ids.story_id")
        .leftJoin("shown_stories as sh", (j) =>
          j.onRef("sh.story_id", "=", "s.id").on("sh.channel_id", "=", channelId),
        )
        .select([
          "s.id",
          "s.version",
          "s.updated_at",
          "s.article_count",
          "sh.version as shown_version",
          "sh.key_points_json as shown_key_points",
        ])
        .where("s.tenant_id", "=", tenantId)
        .where("s.removed_at", "is", null)
        .where("s.updated_at", ">", iso(since))
        .where((eb) => eb.or([eb("sh.version", "is", null), eb("sh.version", "<", eb.ref("s.version"))]))
        .orderBy("s.updated_at", "desc")
        .orderBy("s.id")
        .limit(CANDIDATE_LIMIT)
        .execute();
      return rows.map(
        (r): CandidateRef => ({
          storyId: r.id,
          version: Number(r.version),
          updatedAt: r.updated_at,
          articleCount: Number(r.article_count),
          ...(r.shown_version !== null && r.shown_key_points !== null
            ? {
                shown: {
                  version: Number(r.shown_version),
                  keyPoints: JSON.parse(r.shown_key_points) as string[],
                },
              }
            : {}),
        }),
      );
    },
    async lastFinished(tenantId, channelId) {
      const row = await db
        .selectFrom("digest_runs")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("channel_id", "=", channelId)
        .where("status", "in", ["posted", "skipped"])
        .orderBy("slot", "desc")
        .limit(1)
        .executeTakeFirst();
      return row && toRun(row);
    },
    async getRun(tenantId, runId) {
      const row = await db
        .selectFrom("digest_runs")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("id", "=", runId)
        .executeTakeFirst();
      return row && toRun(row);
    },
    async listRuns(tenantId, channelId, limit = 20) {
      const rows = await db
        .selectFrom("digest_runs")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("channel_id", "=", channelId)
        .orderBy("slot", "desc")
        .limit(limit)
        .execute();
      return rows.map(toRun);
    },
    async markShown(tenantId, channelId, shown, postedBy, now = new Date()) {
      if (!(await tenantHasChannel(db, tenantId, channelId))) return false;
      await upsertShown(db, { tenantId, channelId, postedBy, now }, shown);
      return true;
    },
  };
}
