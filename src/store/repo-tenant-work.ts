import { sql } from "kysely";
import { type Db, iso, toSchedule } from "./rows.js";
import type { TenantStore, TenantWorkCount } from "./types.js";

/** `column` starts with `prefix` — exact and case-sensitive on both backends (LIKE is not on SQLite). */
const startsWith = (column: "disabled_reason" | "paused_reason", prefix: string) =>
  sql<boolean>`substr(${sql.ref(column)}, 1, ${sql.lit(prefix.length)}) = ${prefix}`;

/**
 * Stopping and restarting a tenant's background work (feed polling, scheduled digests) without
 * deleting a row: the reason columns the poller and the runner already honour do the stopping, so
 * stories, feeds, subscriptions, schedules and digest history all stay.
 */
export function tenantWork(db: Db): Pick<TenantStore, "suspendWork" | "resumeWork"> {
  return {
    async suspendWork(tenantId, reason, now = new Date()) {
      // Only what is running: a feed or schedule already stopped keeps its own reason, so undoing
      // this suspension later cannot restart it.
      return db.transaction().execute(async (trx): Promise<TenantWorkCount> => {
        const feeds = await trx
          .updateTable("feeds")
          .set({ disabled_reason: reason })
          .where("tenant_id", "=", tenantId)
          .where("disabled_reason", "is", null)
          .executeTakeFirst();
        const schedules = await trx
          .updateTable("schedules")
          .set({ paused_reason: reason, paused_at: iso(now), updated_at: iso(now) })
          .where("tenant_id", "=", tenantId)
          .where("paused_reason", "is", null)
          .executeTakeFirst();
        return { feeds: Number(feeds.numUpdatedRows), schedules: Number(schedules.numUpdatedRows) };
      });
    },
    async resumeWork(tenantId, reasonPrefix, nextSlotAt, now = new Date()) {
      if (!reasonPrefix)
        throw new Error("resumeWork needs the reason's prefix (an empty one matches every reason)");
      return db.transaction().execute(async (trx): Promise<TenantWorkCount> => {
        // A feed picks up where it stopped: its next poll time has passed, so the poller takes it
        // at its next tick, with the ETag and seen items it had.
        const feeds = await trx
          .updateTable("feeds")
          .set({ disabled_reason: null })
          .where("tenant_id", "=", tenantId)
          .where(startsWith("disabled_reason", reasonPrefix))
          .executeTakeFirst();
        const paused = await trx
          .selectFrom("schedules")
          .selectAll()
          .where("tenant_id", "=", tenantId)
          .where(startsWith("paused_reason", reasonPrefix))
          .execute();
        let schedules = 0;
        for (const row of paused) {
          // The caller picks the next slot (the store does not parse schedules): the slots missed
          // while stopped are not caught up.
          const next = nextSlotAt(toSchedule(row));
          if (!next) continue;
          const r = await trx
            .updateTable("schedules")
            .set({ paused_reason: null, paused_at: null, next_slot_at: iso(next), updated_at: iso(now) })
            .where("channel_id", "=", row.channel_id)
            .where("paused_reason", "=", row.paused_reason)
            .executeTakeFirst();
          schedules += Number(r.numUpdatedRows);
        }
        return { feeds: Number(feeds.numUpdatedRows), schedules };
      });
    },
  };
}
