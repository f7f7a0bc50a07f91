import { createHash } from "node:crypto";
import { sql } from "kysely";
import { claimDueSlots } from "./repo-worker-claim.js";
import { runResults, UNFINISHED } from "./repo-worker-runs.js";
import { type Db, iso, newId, toChannel, toFeed, toRun, toSchedule } from "./rows.js";
import type { DigestRunTable } from "./schema.js";
import type { WorkerStore } from "./types.js";

/**
 * Stable per (channel, slot): the same claim always yields the same nonce, so a post repeated
 * after a crash is recognised by the platform (Discord: `nonce` + `enforce_nonce`, ≤ 25 chars).
 */
export function digestNonce(channelId: string, slot: string): string {
  return createHash("sha256").update(`${channelId}|${slot}`).digest("hex").slice(0, 24);
}

export function workerStore(db: Db, postgres: boolean): WorkerStore {
  return {
    async findChannels(ref) {
      const rows = await db
        .selectFrom("channels")
        .selectAll()
        .where((w) => w.or([w("id", "=", ref), w("external_id", "=", ref)]))
        .orderBy("created_at")
        .limit(20)
        .execute();
      return rows.map(toChannel);
    },
    async leaseDueFeeds(owner, now, leaseMs, limit) {
      const t = iso(now);
      const rows = await db
        .updateTable("feeds")
        .set({ lease_owner: owner, lease_until: iso(new Date(now.getTime() + leaseMs)) })
        .where("id", "in", (eb) =>
          eb
            .selectFrom("feeds")
            .select("id")
            .where("next_poll_at", "<=", t)
            .where("disabled_reason", "is", null)
            .where((w) => w.or([w("lease_until", "is", null), w("lease_until", "<", t)]))
            .orderBy("next_poll_at")
            .limit(limit)
            // Several instances on PostgreSQL: each takes rows nobody else is taking right now.
            .$if(postgres, (q) => q.forUpdate().skipLocked()),
        )
        .where((w) => w.or([w("lease_until", "is", null), w("lease_until", "<", t)]))
        .returningAll()
        .execute();
      return rows.map(toFeed);
    },
    async leaseFeed(tenantId, feedId, owner, now, leaseMs) {
      const t = iso(now);
      const row = await db
        .updateTable("feeds")
        .set({ lease_owner: owner, lease_until: iso(new Date(now.getTime() + leaseMs)) })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", feedId)
        .where("disabled_reason", "is", null)
        .where((w) => w.or([w("lease_until", "is", null), w("lease_until", "<", t)]))
        .returningAll()
        .executeTakeFirst();
      return row && toFeed(row);
    },
    async finishFeedPoll(feedId, owner, r) {
      const res = await db
        .updateTable("feeds")
        .set((eb) => ({
          last_polled_at: iso(r.now),
          next_poll_at: iso(r.nextPollAt),
          lease_owner: null,
          lease_until: null,
          last_error: r.error ?? null,
          error_count: r.error ? eb("error_count", "+", 1) : 0,
          ...(r.etag !== undefined ? { etag: r.etag } : {}),
          ...(r.lastModified !== undefined ? { last_modified: r.lastModified } : {}),
          ...(r.state !== undefined ? { state_json: JSON.stringify(r.state) } : {}),
          ...(r.disabledReason !== undefined ? { disabled_reason: r.disabledReason } : {}),
        }))
        .where("id", "=", feedId)
        .where("lease_owner", "=", owner)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },
    async activeSchedules() {
      const rows = await db.selectFrom("schedules").selectAll().where("paused_reason", "is", null).execute();
      return rows.map(toSchedule);
    },
    async moveNextSlot(channelId, expected, next) {
      const r = await db
        .updateTable("schedules")
        .set({ next_slot_at: iso(next) })
        .where("channel_id", "=", channelId)
        .where("next_slot_at", "=", expected)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async claimSlot({ schedule, slot, next, owner, now, leaseMs, digest }) {
      const skipped = digest === null;
      const slotIso = iso(slot);
      const run = {
        id: newId(),
        status: skipped ? "skipped" : "claimed",
        digest_json: digest === undefined || digest === null ? null : JSON.stringify(digest),
        nonce: digestNonce(schedule.channelId, slotIso),
        lease_owner: skipped ? null : owner,
        lease_until: skipped ? null : iso(new Date(now.getTime() + leaseMs)),
        finished_at: skipped ? iso(now) : null,
      };
      if (postgres) {
        // One round trip: the schedule moves and the run is inserted atomically, or neither
        // happens (another instance moved it first); ON CONFLICT keeps one run per slot.
        const { rows } = await sql<DigestRunTable>`
          WITH moved AS (
            UPDATE schedules SET next_slot_at = ${iso(next)}, updated_at = ${iso(now)}
            WHERE channel_id = ${schedule.channelId} AND next_slot_at = ${schedule.nextSlotAt}
              AND paused_reason IS NULL
            RETURNING tenant_id, channel_id)
          INSERT INTO digest_runs (id, tenant_id, channel_id, slot, status, digest_json, nonce, attempts,
            next_attempt_at, lease_owner, lease_until, last_error, message_id, created_at, finished_at)
          SELECT ${run.id}, tenant_id, channel_id, ${slotIso}, ${run.status}, ${run.digest_json}, ${run.nonce}, 0,
            ${iso(now)}, ${run.lease_owner}, ${run.lease_until}, NULL, NULL, ${iso(now)}, ${run.finished_at}
          FROM moved
          ON CONFLICT (channel_id, slot) DO NOTHING
          RETURNING *`.execute(db);
        return rows[0] && toRun(rows[0]);
      }
      return db.transaction().execute(async (trx) => {
        const moved = await trx
          .updateTable("schedules")
          .set({ next_slot_at: iso(next), updated_at: iso(now) })
          .where("channel_id", "=", schedule.channelId)
          .where("next_slot_at", "=", schedule.nextSlotAt)
          .where("paused_reason", "is", null)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) === 0) return undefined;
        const row = await trx
          .insertInto("digest_runs")
          .values({
            ...run,
            tenant_id: schedule.tenantId,
            channel_id: schedule.channelId,
            slot: slotIso,
            attempts: 0,
            next_attempt_at: iso(now),
            last_error: null,
            message_id: null,
            created_at: iso(now),
            posting_at: null,
          })
          .onConflict((oc) => oc.columns(["channel_id", "slot"]).doNothing())
          .returningAll()
          .executeTakeFirst();
        return row && toRun(row);
      });
    },
    async leasePendingRuns(owner, now, leaseMs, limit) {
      const t = iso(now);
      const rows = await db
        .updateTable("digest_runs")
        .set({ lease_owner: owner, lease_until: iso(new Date(now.getTime() + leaseMs)) })
        .where("id", "in", (eb) =>
          eb
            .selectFrom("digest_runs")
            .select("id")
            // A "posting" run left by a crash or a failed attempt is resumed too (by looking first).
            .where("status", "in", UNFINISHED)
            .where("next_attempt_at", "<=", t)
            .where((w) => w.or([w("lease_until", "is", null), w("lease_until", "<", t)]))
            .orderBy("next_attempt_at")
            .limit(limit)
            .$if(postgres, (q) => q.forUpdate().skipLocked()),
        )
        .where("status", "in", UNFINISHED)
        .where((w) => w.or([w("lease_until", "is", null), w("lease_until", "<", t)]))
        .returningAll()
        .execute();
      return rows.map(toRun);
    },
    claimDueSlots: claimDueSlots(db, postgres),
    ...runResults(db, postgres),
  };
}
