import { type Db, iso, toFeed } from "./rows.js";
import type { FilterStore } from "./types-filters.js";

const parseTerms = (json: string | null): string[] => {
  if (!json) return [];
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((t): t is string => typeof t === "string") : [];
};

export function filterStore(db: Db): FilterStore {
  const subscription = (tenantId: string, channelId: string, feedId: string) =>
    db
      .updateTable("subscriptions")
      .where("tenant_id", "=", tenantId)
      .where("channel_id", "=", channelId)
      .where("feed_id", "=", feedId);
  const channel = (tenantId: string, channelId: string) =>
    db.updateTable("channels").where("tenant_id", "=", tenantId).where("id", "=", channelId);
  return {
    async subscriptions(tenantId, channelId) {
      const rows = await db
        .selectFrom("feeds")
        .innerJoin("subscriptions as sub", "sub.feed_id", "feeds.id")
        .selectAll("feeds")
        .select(["sub.include_filter", "sub.exclude_filter", "sub.notice_state"])
        .where("sub.tenant_id", "=", tenantId)
        .where("feeds.tenant_id", "=", tenantId)
        .where("sub.channel_id", "=", channelId)
        .orderBy("feeds.created_at")
        .execute();
      return rows.map(({ include_filter, exclude_filter, notice_state, ...feed }) => ({
        feed: toFeed(feed),
        include: include_filter,
        exclude: exclude_filter,
        noticeState: notice_state,
      }));
    },
    async setFilter(tenantId, channelId, feedId, { include, exclude }) {
      const r = await subscription(tenantId, channelId, feedId)
        .set({ include_filter: include, exclude_filter: exclude })
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async subscribers(tenantId, feedId) {
      const rows = await db
        .selectFrom("subscriptions as sub")
        .innerJoin("channels as ch", "ch.id", "sub.channel_id")
        .select([
          "sub.channel_id",
          "ch.external_id",
          "ch.mute_json",
          "sub.include_filter",
          "sub.exclude_filter",
          "sub.notice_state",
        ])
        .where("sub.tenant_id", "=", tenantId)
        .where("ch.tenant_id", "=", tenantId)
        .where("sub.feed_id", "=", feedId)
        .orderBy("sub.created_at")
        .execute();
      return rows.map((r) => ({
        channelId: r.channel_id,
        channelExternalId: r.external_id,
        mute: parseTerms(r.mute_json),
        include: r.include_filter,
        exclude: r.exclude_filter,
        noticeState: r.notice_state,
      }));
    },
    async recordFiltered(tenantId, items, now = new Date()) {
      if (!items.length) return;
      await db
        .insertInto("filtered_items")
        .values(
          items.map((i) => ({
            tenant_id: tenantId,
            channel_id: i.channelId,
            feed_id: i.feedId,
            content_hash: i.contentHash,
            // Titles are for explanations only; a bounded copy is enough.
            title: i.title.slice(0, 300),
            reason: i.reason.slice(0, 300),
            created_at: iso(now),
          })),
        )
        .onConflict((oc) =>
          oc.columns(["channel_id", "feed_id", "content_hash"]).doUpdateSet((eb) => ({
            reason: eb.ref("excluded.reason"),
          })),
        )
        .execute();
    },
    async clearFiltered(tenantId, channelId, feedId) {
      await db
        .deleteFrom("filtered_items")
        .where("tenant_id", "=", tenantId)
        .where("channel_id", "=", channelId)
        .where("feed_id", "=", feedId)
        .execute();
    },
    async listFiltered(tenantId, channelId, feedId, limit) {
      const rows = await db
        .selectFrom("filtered_items")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("channel_id", "=", channelId)
        .where("feed_id", "=", feedId)
        .orderBy("created_at", "desc")
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        channelId: r.channel_id,
        feedId: r.feed_id,
        contentHash: r.content_hash,
        title: r.title,
        reason: r.reason,
        createdAt: r.created_at,
      }));
    },
    async feedArticles(tenantId, feedId, since, limit) {
      return db
        .selectFrom("feed_articles as fa")
        .innerJoin("articles as a", "a.id", "fa.article_id")
        .select(["a.title", "a.text", "a.content_hash as contentHash"])
        .where("fa.tenant_id", "=", tenantId)
        .where("a.tenant_id", "=", tenantId)
        .where("fa.feed_id", "=", feedId)
        .where("fa.added_at", ">=", iso(since))
        .orderBy("fa.added_at", "desc")
        .limit(limit)
        .execute();
    },
    async mute(tenantId, channelId) {
      const row = await db
        .selectFrom("channels")
        .select("mute_json")
        .where("tenant_id", "=", tenantId)
        .where("id", "=", channelId)
        .executeTakeFirst();
      return parseTerms(row?.mute_json ?? null);
    },
    async setMute(tenantId, channelId, terms) {
      const r = await channel(tenantId, channelId)
        .set({ mute_json: terms.length ? JSON.stringify(terms) : null })
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async digestOptions(tenantId, channelId) {
      const row = await db
        .selectFrom("channels")
        .select("digest_options_json")
        .where("tenant_id", "=", tenantId)
        .where("id", "=", channelId)
        .executeTakeFirst();
      return row?.digest_options_json ? JSON.parse(row.digest_options_json) : null;
    },
    async setDigestOptions(tenantId, channelId, options) {
      const r = await channel(tenantId, channelId)
        .set({ digest_options_json: options === null ? null : JSON.stringify(options) })
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async claimNotice(tenantId, channelId, feedId, state) {
      // Compare-and-set: only the caller that moves the column from another value says it.
      const r = await subscription(tenantId, channelId, feedId)
        .set({ notice_state: state })
        .where((eb) =>
          state === null
            ? eb("notice_state", "is not", null)
            : eb.or([eb("notice_state", "is", null), eb("notice_state", "<>", state)]),
        )
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async removeStory(tenantId, storyId, now = new Date()) {
      const r = await db
        .updateTable("stories")
        .set({ removed_at: iso(now) })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", storyId)
        .where("removed_at", "is", null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) > 0) return true;
      // Already removed still counts as the tenant's story.
      const row = await db
        .selectFrom("stories")
        .select("id")
        .where("tenant_id", "=", tenantId)
        .where("id", "=", storyId)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
