import { sql } from "kysely";
import { notFilteredOut } from "./filtered-item.js";
import { type Db, iso, newId, tenantHasChannel, upsertShown } from "./rows.js";
import type { AlertPostTable } from "./schema.js";
import type {
  AlertCandidate,
  AlertKind,
  AlertPost,
  AlertStatus,
  AlertStore,
  AlertSubscription,
  AlertWorkerStore,
  SubscriptionMode,
} from "./types-alerts.js";

/** Rows of these kinds are messages that count against the channel's hourly limit. */
const COUNTED: AlertKind[] = ["alert", "update"];

const toPost = (r: AlertPostTable): AlertPost => ({
  id: r.id,
  tenantId: r.tenant_id,
  channelId: r.channel_id,
  storyId: r.story_id,
  version: Number(r.version),
  kind: r.kind as AlertKind,
  status: r.status as AlertStatus,
  body: JSON.parse(r.body_json),
  nonce: r.nonce,
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  messageId: r.message_id,
  replyTo: r.reply_to,
  createdAt: r.created_at,
  postingAt: r.posting_at,
});

export function alertStore(db: Db): AlertStore {
  return {
    async setMode(tenantId, channelId, feedId, input, now = new Date()) {
      const current = await db
        .selectFrom("subscriptions as s")
        .innerJoin("feeds as f", "f.id", "s.feed_id")
        .select(["s.mode", "s.alerts_from", "f.last_polled_at"])
        .where("s.tenant_id", "=", tenantId)
        .where("s.channel_id", "=", channelId)
        .where("s.feed_id", "=", feedId)
        .executeTakeFirst();
      if (!current) return false;
      // Switching to alerts: a feed already read starts now (what it had is old news); a feed not
      // read yet starts when its first poll has caught up (the poller calls `start`).
      const alertsFrom =
        input.mode === "alert"
          ? current.mode === "alert"
            ? current.alerts_from
            : current.last_polled_at
              ? iso(now)
              : null
          : null;
      await db
        .updateTable("subscriptions")
        .set({
          mode: input.mode,
          alerts_from: alertsFrom,
          ...(input.backfill !== undefined ? { backfill: input.backfill } : {}),
          ...(input.notify !== undefined ? { notify: input.notify } : {}),
        })
        .where("tenant_id", "=", tenantId)
        .where("channel_id", "=", channelId)
        .where("feed_id", "=", feedId)
        .execute();
      return true;
    },
    async subscriptions(tenantId, channelId) {
      const rows = await db
        .selectFrom("subscriptions")
        .select(["channel_id", "feed_id", "mode", "alerts_from", "backfill", "notify"])
        .where("tenant_id", "=", tenantId)
        .where("channel_id", "=", channelId)
        .orderBy("created_at")
        .execute();
      return rows.map(
        (r): AlertSubscription => ({
          channelId: r.channel_id,
          feedId: r.feed_id,
          mode: r.mode as SubscriptionMode,
          alertsFrom: r.alerts_from,
          backfill: Number(r.backfill),
          notify: r.notify,
        }),
      );
    },
    async candidates(tenantId, channelId, since) {
      // Two steps, so the plan starts from the channel's subscriptions on both backends (joined in
      // one query, SQLite walked the tenant's recent stories first): the articles its started
      // alert feeds brought since `since`, then their stories.
      const links = await db
        .selectFrom("subscriptions as sub")
        .innerJoin("feed_articles as fa", "fa.feed_id", "sub.feed_id")
        .innerJoin("story_articles as sa", "sa.article_id", "fa.article_id")
        .innerJoin("articles as a", "a.id", "fa.article_id")
        .select(["sa.story_id", "sub.feed_id"])
        .where("sub.tenant_id", "=", tenantId)
        .where("sub.channel_id", "=", channelId)
        .where("sub.mode", "=", "alert")
        // An item the subscription's filter (or the channel's mute list) dropped is not alerted.
        .where(({ ref }) =>
          notFilteredOut({
            channelId: ref("sub.channel_id"),
            feedId: ref("fa.feed_id"),
            contentHash: ref("a.content_hash"),
          }),
        )
        .where("sub.alerts_from", "is not", null)
        .whereRef("fa.added_at", ">", "sub.alerts_from")
        .where("fa.added_at", ">", iso(since))
        .limit(2000)
        .execute();
      const feedOf = new Map(links.map((l) => [l.story_id, l.feed_id]));
      const fresh = feedOf.size
        ? (
            await db
              .selectFrom("stories as s")
              .select(["s.id", "s.version", "s.updated_at"])
              .where("s.tenant_id", "=", tenantId)
              .where("s.id", "in", [...feedOf.keys()])
              .where("s.removed_at", "is", null)
              .where("s.updated_at", ">", iso(since))
              .orderBy("s.updated_at", "desc")
              .limit(500)
              .execute()
          ).map((r) => ({ ...r, feed_id: feedOf.get(r.id)! }))
        : [];
      const picked = new Map<string, AlertCandidate>();
      for (const r of fresh) {
        if (!picked.has(r.id))
          picked.set(r.id, {
            storyId: r.id,
            version: Number(r.version),
            updatedAt: r.updated_at,
            feedId: r.feed_id,
            backfill: false,
          });
      }
      // A new subscription's `backfill:N`: the N newest items its first poll read, posted anyway.
      const backfills = await db
        .selectFrom("subscriptions")
        .select(["feed_id", "backfill"])
        .where("tenant_id", "=", tenantId)
        .where("channel_id", "=", channelId)
        .where("mode", "=", "alert")
        .where("alerts_from", "is not", null)
        .where("backfill", ">", 0)
        .execute();
      for (const b of backfills) {
        const newest = await db
          .selectFrom("feed_articles as fa")
          .innerJoin("articles as a", "a.id", "fa.article_id")
          .innerJoin("story_articles as sa", "sa.article_id", "fa.article_id")
          .innerJoin("stories as s", "s.id", "sa.story_id")
          .select(["s.id", "s.version", "s.updated_at"])
          .where("fa.feed_id", "=", b.feed_id)
          .where("fa.tenant_id", "=", tenantId)
          .where("s.removed_at", "is", null)
          .orderBy(sql`coalesce(a.published, fa.added_at)`, "desc")
          .orderBy("fa.added_at", "desc")
          .limit(Number(b.backfill) * 3)
          .execute();
        let n = 0;
        for (const r of newest) {
          if (n >= Number(b.backfill)) break;
          if (picked.get(r.id)?.backfill) continue;
          picked.set(r.id, {
            storyId: r.id,
            version: Number(r.version),
            updatedAt: r.updated_at,
            feedId: b.feed_id,
            backfill: true,
          });
          n++;
        }
      }
      if (!picked.size) return [];
      // What the channel already has of these stories: skip versions recorded, keep the rest with
      // the previous record (an update says what changed since) and the first alert's message.
      const records = await db
        .selectFrom("alert_posts")
        .select(["story_id", "version", "kind", "body_json", "message_id", "status"])
        .where("channel_id", "=", channelId)
        .where("story_id", "in", [...picked.keys()])
        .orderBy("version")
        .execute();
      for (const r of records) {
        const c = picked.get(r.story_id ?? "");
        if (!c) continue;
        if (r.version >= c.version) {
          picked.delete(c.storyId);
          continue;
        }
        c.previous = { version: Number(r.version), kind: r.kind as AlertKind, body: JSON.parse(r.body_json) };
        if (r.kind === "alert" && r.message_id && !c.firstMessageId) c.firstMessageId = r.message_id;
      }
      return [...picked.values()];
    },
    async recent(tenantId, channelId, since) {
      const counted = await db
        .selectFrom("alert_posts")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("tenant_id", "=", tenantId)
        .where("channel_id", "=", channelId)
        .where("kind", "in", COUNTED)
        .where("status", "in", ["claimed", "posting", "posted"])
        .where("created_at", ">", iso(since))
        .executeTakeFirst();
      const fold = await db
        .selectFrom("alert_posts")
        .select("created_at")
        .where("tenant_id", "=", tenantId)
        .where("channel_id", "=", channelId)
        .where("kind", "=", "fold")
        .where("created_at", ">", iso(since))
        .orderBy("created_at", "desc")
        .limit(1)
        .executeTakeFirst();
      return { messages: Number(counted?.n ?? 0), ...(fold ? { lastFoldAt: fold.created_at } : {}) };
    },
    async list(tenantId, channelId, limit = 50) {
      const rows = await db
        .selectFrom("alert_posts")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("channel_id", "=", channelId)
        .orderBy("created_at", "desc")
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map(toPost);
    },
  };
}

export function alertWorkerStore(db: Db): AlertWorkerStore {
  const set = async (id: string, values: Partial<AlertPostTable>) => {
    await db.updateTable("alert_posts").set(values).where("id", "=", id).execute();
  };
  return {
    async channels() {
      const rows = await db
        .selectFrom("subscriptions as s")
        .innerJoin("channels as c", "c.id", "s.channel_id")
        .select(["c.tenant_id", "c.id", "c.external_id"])
        .where("s.mode", "=", "alert")
        .groupBy(["c.tenant_id", "c.id", "c.external_id"])
        .orderBy("c.id")
        .execute();
      return rows.map((r) => ({ tenantId: r.tenant_id, channelId: r.id, externalId: r.external_id }));
    },
    async start(feedId, now) {
      const r = await db
        .updateTable("subscriptions")
        .set({ alerts_from: iso(now) })
        .where("feed_id", "=", feedId)
        .where("mode", "=", "alert")
        .where("alerts_from", "is", null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    async leaseChannel(ref, owner, now, leaseMs) {
      const until = iso(new Date(now.getTime() + leaseMs));
      await db
        .insertInto("alert_channels")
        .values({ channel_id: ref.channelId, tenant_id: ref.tenantId, lease_owner: null, lease_until: null })
        .onConflict((oc) => oc.column("channel_id").doNothing())
        .execute();
      // One statement: of two instances, the one whose update finds the lease free wins.
      const r = await db
        .updateTable("alert_channels")
        .set({ lease_owner: owner, lease_until: until })
        .where("channel_id", "=", ref.channelId)
        .where((w) =>
          w.or([w("lease_until", "is", null), w("lease_until", "<", iso(now)), w("lease_owner", "=", owner)]),
        )
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async releaseChannel(channelId, owner) {
      await db
        .updateTable("alert_channels")
        .set({ lease_owner: null, lease_until: null })
        .where("channel_id", "=", channelId)
        .where("lease_owner", "=", owner)
        .execute();
    },
    async claim(ref, rows, backfilled, now) {
      const t = iso(now);
      return db.transaction().execute(async (tx) => {
        if (!(await tenantHasChannel(tx, ref.tenantId, ref.channelId))) return [];
        const claimed: AlertPost[] = [];
        for (const [i, r] of rows.entries()) {
          const message = r.kind === "alert" || r.kind === "update" || r.kind === "fold";
          // Rows of one claim keep their order through created_at (a millisecond apart).
          const created = iso(new Date(now.getTime() + i));
          const inserted = await tx
            .insertInto("alert_posts")
            .values({
              id: newId(),
              tenant_id: ref.tenantId,
              channel_id: ref.channelId,
              story_id: r.storyId,
              version: r.version,
              kind: r.kind,
              status: message ? "claimed" : "done",
              body_json: JSON.stringify(r.body),
              nonce: r.nonce,
              attempts: 0,
              next_attempt_at: t,
              reply_to: r.replyTo ?? null,
              created_at: created,
              finished_at: message ? null : t,
            })
            .onConflict((oc) => oc.columns(["channel_id", "story_id", "version"]).doNothing())
            .returningAll()
            .executeTakeFirst();
          if (inserted && message) claimed.push(toPost(inserted));
        }
        if (backfilled.length)
          await tx
            .updateTable("subscriptions")
            .set({ backfill: 0 })
            .where("channel_id", "=", ref.channelId)
            .where("feed_id", "in", backfilled)
            .execute();
        return claimed;
      });
    },
    async unfinished(channelId) {
      const rows = await db
        .selectFrom("alert_posts")
        .selectAll()
        .where("channel_id", "=", channelId)
        .where("status", "in", ["claimed", "posting"])
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map(toPost);
    },
    async markPosting(id, now) {
      await db
        .updateTable("alert_posts")
        .set((eb) => ({ status: "posting", posting_at: eb.fn.coalesce("posting_at", eb.val(iso(now))) }))
        .where("id", "=", id)
        .execute();
    },
    async markPosted(id, messageId, shown, now) {
      await db.transaction().execute(async (tx) => {
        const row = await tx
          .updateTable("alert_posts")
          .set({ status: "posted", message_id: messageId, finished_at: iso(now), last_error: null })
          .where("id", "=", id)
          .returning(["tenant_id", "channel_id"])
          .executeTakeFirst();
        if (row)
          await upsertShown(
            tx,
            { tenantId: row.tenant_id, channelId: row.channel_id, postedBy: `alert:${id}`, now },
            shown,
          );
      });
    },
    async markRetry(id, error, nextAttemptAt, nothingSent) {
      await db
        .updateTable("alert_posts")
        .set((eb) => ({
          attempts: eb("attempts", "+", 1),
          last_error: error,
          next_attempt_at: iso(nextAttemptAt),
          ...(nothingSent ? { status: "claimed", posting_at: null } : {}),
        }))
        .where("id", "=", id)
        .execute();
    },
    async markFailed(id, error, now) {
      await set(id, { status: "failed", last_error: error, finished_at: iso(now) });
    },
    async markSkipped(id, reason, now) {
      await set(id, { status: "done", last_error: reason, finished_at: iso(now) });
    },
  };
}
