import { sql } from "kysely";
import { digestNonce } from "./repo-worker.js";
import { type Db, iso, newId, toRun, toSchedule } from "./rows.js";
import type { WorkerStore } from "./types.js";

/**
 * The schedules due at `now`, oldest slot first, with their channel's external id and timezone and
 * their tenant's platform, leaving out `skipPlatforms`; `lock` takes them `FOR UPDATE SKIP LOCKED`
 * (PostgreSQL, inside the claiming transaction; only the schedule rows are locked).
 */
async function readDueSchedules(
  db: Db,
  now: Date,
  limit: number,
  lock = false,
  skipPlatforms: string[] = [],
) {
  const rows = await db
    .selectFrom("schedules")
    .innerJoin("channels", "channels.id", "schedules.channel_id")
    .innerJoin("tenants", "tenants.id", "schedules.tenant_id")
    .selectAll("schedules")
    .select([
      "channels.external_id as channel_external_id",
      "channels.timezone as channel_timezone",
      "tenants.platform as tenant_platform",
    ])
    .where("schedules.next_slot_at", "<=", iso(now))
    .where("schedules.paused_reason", "is", null)
    .$if(skipPlatforms.length > 0, (q) => q.where("tenants.platform", "not in", skipPlatforms))
    .orderBy("schedules.next_slot_at")
    .limit(limit)
    .$if(lock, (q) => q.forUpdate("schedules").skipLocked())
    .execute();
  return rows.map(({ channel_external_id, channel_timezone, tenant_platform, ...r }) => ({
    ...toSchedule(r),
    channelExternalId: channel_external_id,
    channelTimezone: channel_timezone,
    platform: tenant_platform,
  }));
}

/**
 * Claims a batch of due digest slots in one transaction: the due schedules are read and locked
 * (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so several instances take disjoint batches instead of
 * racing for the same rows and composing every digest twice), the caller plans each one's slot,
 * the schedules move to their next slot and one run per slot is inserted, leased to `owner`.
 * Four statements per batch, whatever its size. The locks are held only while the slots are
 * planned (pure date arithmetic), never while a digest is composed or posted.
 */
export function claimDueSlots(db: Db, postgres: boolean): WorkerStore["claimDueSlots"] {
  return async ({ now, owner, leaseMs, limit, plan, skipPlatforms }) =>
    db.transaction().execute(async (trx) => {
      const due = await readDueSchedules(trx, now, limit, postgres, skipPlatforms);
      const invalid: { schedule: (typeof due)[number]; reason: string }[] = [];
      const planned: { schedule: (typeof due)[number]; slot: string; next: string; missed: number }[] = [];
      for (const schedule of due) {
        const p = plan(schedule);
        if ("invalid" in p) invalid.push({ schedule, reason: p.invalid });
        else planned.push({ schedule, slot: iso(p.slot), next: iso(p.next), missed: p.missed });
      }
      if (!planned.length) return { claimed: [], invalid, seen: due.length };

      if (postgres) {
        const values = sql.join(planned.map((p) => sql`(${p.schedule.channelId}, ${p.next})`));
        await sql`UPDATE schedules SET next_slot_at = v.next, updated_at = ${iso(now)}
          FROM (VALUES ${values}) AS v(channel_id, next) WHERE schedules.channel_id = v.channel_id`.execute(
          trx,
        );
      } else {
        for (const p of planned) {
          await trx
            .updateTable("schedules")
            .set({ next_slot_at: p.next, updated_at: iso(now) })
            .where("channel_id", "=", p.schedule.channelId)
            .execute();
        }
      }
      const leaseUntil = iso(new Date(now.getTime() + leaseMs));
      const inserted = await trx
        .insertInto("digest_runs")
        .values(
          planned.map((p) => ({
            id: newId(),
            tenant_id: p.schedule.tenantId,
            channel_id: p.schedule.channelId,
            slot: p.slot,
            status: "claimed",
            digest_json: null,
            nonce: digestNonce(p.schedule.channelId, p.slot),
            attempts: 0,
            next_attempt_at: iso(now),
            lease_owner: owner,
            lease_until: leaseUntil,
            last_error: null,
            message_id: null,
            created_at: iso(now),
            finished_at: null,
            posting_at: null,
          })),
        )
        // A slot that already has a run (the clock went back, a replan) is never claimed twice.
        .onConflict((oc) => oc.columns(["channel_id", "slot"]).doNothing())
        .returningAll()
        .execute();
      const byChannel = new Map(planned.map((p) => [p.schedule.channelId, p]));
      const claimed = inserted.map((row) => {
        const p = byChannel.get(row.channel_id)!;
        return { run: toRun(row), schedule: p.schedule, missed: p.missed };
      });
      return { claimed, invalid, seen: due.length };
    });
}
