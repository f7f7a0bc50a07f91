import { sql } from "kysely";
import { type Db, iso, upsertShown } from "./rows.js";
import type { WorkerStore } from "./types.js";

/** Statuses of a run that is not finished: leased, resumed, and moved on by the methods below. */
export const UNFINISHED = ["claimed", "posting"];

/**
 * The result side of a digest run (see repo-worker.ts for claiming and leasing): every write
 * succeeds only while `owner` holds the run's lease, so an instance that lost it changes nothing.
 */
export function runResults(
  db: Db,
  postgres: boolean,
): Pick<
  WorkerStore,
  "saveRunDigest" | "markPosting" | "markPosted" | "markSkipped" | "markRetry" | "markFailed"
> {
  return {
    async saveRunDigest(runId, owner, digest) {
      const r = await db
        .updateTable("digest_runs")
        .set({ digest_json: JSON.stringify(digest) })
        .where("id", "=", runId)
        .where("lease_owner", "=", owner)
        .where("status", "=", "claimed")
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async markPosting(runId, owner, now, extra = {}) {
      // Kept from the first attempt: recovery looks for the post from then on, whichever attempt
      // delivered it.
      const r = await db
        .updateTable("digest_runs")
        .set((eb) => ({
          status: "posting",
          posting_at: eb.fn.coalesce("posting_at", eb.val(iso(now))),
          ...(extra.digest !== undefined ? { digest_json: JSON.stringify(extra.digest) } : {}),
          ...(extra.leaseUntil ? { lease_until: iso(extra.leaseUntil) } : {}),
        }))
        .where("id", "=", runId)
        .where("lease_owner", "=", owner)
        .where("status", "in", UNFINISHED)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async markPosted(runId, owner, messageId, shown, now) {
      if (postgres) {
        // One round trip: data-modifying CTEs run together, so the run and what it showed are
        // recorded atomically — or not at all when the lease was lost.
        const values = shown.length
          ? sql.join(
              shown.map((s) => sql`(${s.storyId}, ${s.version}::integer, ${JSON.stringify(s.keyPoints)})`),
            )
          : sql`(NULL, NULL::integer, NULL)`;
        const { rows } = await sql<{ n: string | number }>`
          WITH run AS (
            UPDATE digest_runs SET status = 'posted', message_id = ${messageId}, finished_at = ${iso(now)},
              lease_owner = NULL, lease_until = NULL
            WHERE id = ${runId} AND lease_owner = ${owner} AND status IN ('claimed', 'posting')
            RETURNING tenant_id, channel_id),
          shown AS (
            INSERT INTO shown_stories (tenant_id, channel_id, story_id, version, key_points_json, run_id, shown_at)
            SELECT run.tenant_id, run.channel_id, v.story_id, v.version, v.kp, ${runId}, ${iso(now)}
            FROM run, (VALUES ${values}) AS v(story_id, version, kp)
            WHERE v.story_id IS NOT NULL
            ON CONFLICT (channel_id, story_id) DO UPDATE SET version = excluded.version,
              key_points_json = excluded.key_points_json, run_id = excluded.run_id, shown_at = excluded.shown_at
            RETURNING 1)
          SELECT count(*) AS n FROM run`.execute(db);
        return Number(rows[0]?.n ?? 0) > 0;
      }
      return db.transaction().execute(async (trx) => {
        const run = await trx
          .updateTable("digest_runs")
          .set({
            status: "posted",
            message_id: messageId,
            finished_at: iso(now),
            lease_owner: null,
            lease_until: null,
          })
          .where("id", "=", runId)
          .where("lease_owner", "=", owner)
          .where("status", "in", UNFINISHED)
          .returning(["tenant_id", "channel_id"])
          .executeTakeFirst();
        if (!run) return false;
        await upsertShown(
          trx,
          { tenantId: run.tenant_id, channelId: run.channel_id, postedBy: runId, now },
          shown,
        );
        return true;
      });
    },
    async markSkipped(runId, owner, now) {
      const r = await db
        .updateTable("digest_runs")
        .set({ status: "skipped", finished_at: iso(now), lease_owner: null, lease_until: null })
        .where("id", "=", runId)
        .where("lease_owner", "=", owner)
        .where("status", "=", "claimed")
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async markRetry(runId, owner, error, nextAttemptAt, nothingSent = false) {
      const r = await db
        .updateTable("digest_runs")
        .set((eb) => ({
          // Only this attempt's intent is withdrawn: it never reached the platform.
          ...(nothingSent ? { status: "claimed", posting_at: null } : {}),
          attempts: eb("attempts", "+", 1),
          last_error: error,
          next_attempt_at: iso(nextAttemptAt),
          lease_owner: null,
          lease_until: null,
        }))
        .where("id", "=", runId)
        .where("lease_owner", "=", owner)
        .where("status", "in", UNFINISHED)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async markFailed(runId, owner, reason, now) {
      return db.transaction().execute(async (trx) => {
        const run = await trx
          .updateTable("digest_runs")
          .set((eb) => ({
            status: "failed",
            attempts: eb("attempts", "+", 1),
            last_error: reason,
            finished_at: iso(now),
            lease_owner: null,
            lease_until: null,
          }))
          .where("id", "=", runId)
          .where("lease_owner", "=", owner)
          .where("status", "in", UNFINISHED)
          .returning("channel_id")
          .executeTakeFirst();
        if (!run) return false;
        // A schedule paused meanwhile keeps that reason: it names the cause (the workspace removed
        // the app), this run's failure only its consequence (kept on the run).
        await trx
          .updateTable("schedules")
          .set({ paused_reason: reason, paused_at: iso(now), updated_at: iso(now) })
          .where("channel_id", "=", run.channel_id)
          .where("paused_reason", "is", null)
          .execute();
        return true;
      });
    },
  };
}
