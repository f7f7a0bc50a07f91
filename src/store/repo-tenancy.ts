import { tenantWork } from "./repo-tenant-work.js";
import { type Db, iso, newId, tenantHasChannel, toChannel, toFeed, toTenant } from "./rows.js";
import type { ChannelStore, FeedStore, TenantStore } from "./types.js";

export function tenantStore(db: Db): TenantStore {
  const byExternal = (platform: string, externalId: string) =>
    db
      .selectFrom("tenants")
      .selectAll()
      .where("platform", "=", platform)
      .where("external_id", "=", externalId);
  return {
    async ensure({ platform, externalId, name }) {
      await db
        .insertInto("tenants")
        .values({
          id: newId(),
          platform,
          external_id: externalId,
          name: name ?? null,
          created_at: iso(new Date()),
        })
        .onConflict((oc) => oc.columns(["platform", "external_id"]).doNothing())
        .execute();
      const row = await byExternal(platform, externalId).executeTakeFirstOrThrow();
      if (name !== undefined && row.name !== name) {
        await db.updateTable("tenants").set({ name }).where("id", "=", row.id).execute();
      }
      return { ...toTenant(row), name: name ?? row.name };
    },
    async get(tenantId) {
      const row = await db.selectFrom("tenants").selectAll().where("id", "=", tenantId).executeTakeFirst();
      return row && toTenant(row);
    },
    async find(platform, externalId) {
      const row = await byExternal(platform, externalId).executeTakeFirst();
      return row && toTenant(row);
    },
    ...tenantWork(db),
  };
}

export function channelStore(db: Db): ChannelStore {
  const byExternal = (tenantId: string, externalId: string) =>
    db
      .selectFrom("channels")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("external_id", "=", externalId)
      .executeTakeFirst();
  return {
    async ensure(tenantId, { externalId, name, timezone }) {
      await db
        .insertInto("channels")
        .values({
          id: newId(),
          tenant_id: tenantId,
          external_id: externalId,
          name: name ?? null,
          timezone: timezone ?? null,
          created_at: iso(new Date()),
        })
        .onConflict((oc) => oc.columns(["tenant_id", "external_id"]).doNothing())
        .execute();
      const row = await byExternal(tenantId, externalId);
      if (!row) throw new Error(`channel ${externalId} could not be saved`);
      return toChannel(row);
    },
    async get(tenantId, channelId) {
      const row = await db
        .selectFrom("channels")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("id", "=", channelId)
        .executeTakeFirst();
      return row && toChannel(row);
    },
    async findByExternalId(tenantId, externalId) {
      const row = await byExternal(tenantId, externalId);
      return row && toChannel(row);
    },
    async list(tenantId) {
      const rows = await db
        .selectFrom("channels")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map(toChannel);
    },
    async setTimezone(tenantId, channelId, timezone) {
      const r = await db
        .updateTable("channels")
        .set({ timezone })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", channelId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}

export function feedStore(db: Db): FeedStore {
  const getFeed = async (tenantId: string, feedId: string) => {
    const row = await db
      .selectFrom("feeds")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", feedId)
      .executeTakeFirst();
    return row && toFeed(row);
  };
  return {
    async add(tenantId, { url, title }, now = new Date()) {
      await db
        .insertInto("feeds")
        .values({
          id: newId(),
          tenant_id: tenantId,
          url,
          title: title ?? null,
          etag: null,
          last_modified: null,
          last_polled_at: null,
          next_poll_at: iso(now),
          last_error: null,
          error_count: 0,
          lease_owner: null,
          lease_until: null,
          created_at: iso(now),
          state_json: null,
          disabled_reason: null,
        })
        .onConflict((oc) => oc.columns(["tenant_id", "url"]).doNothing())
        .execute();
      const row = await db
        .selectFrom("feeds")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("url", "=", url)
        .executeTakeFirstOrThrow();
      return toFeed(row);
    },
    get: getFeed,
    async list(tenantId) {
      const rows = await db
        .selectFrom("feeds")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map(toFeed);
    },
    async remove(tenantId, feedId) {
      return db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom("subscriptions")
          .where("tenant_id", "=", tenantId)
          .where("feed_id", "=", feedId)
          .execute();
        await trx
          .deleteFrom("feed_articles")
          .where("tenant_id", "=", tenantId)
          .where("feed_id", "=", feedId)
          .execute();
        const r = await trx
          .deleteFrom("feeds")
          .where("tenant_id", "=", tenantId)
          .where("id", "=", feedId)
          .executeTakeFirst();
        return Number(r.numDeletedRows) > 0;
      });
    },
    async subscribe(tenantId, channelId, feedId) {
      // Both ends must belong to the tenant: ids from another workspace are "not found".
      const feed = await getFeed(tenantId, feedId);
      const channelFound = await tenantHasChannel(db, tenantId, channelId);
      if (!feed || !channelFound) throw new Error(`no such ${feed ? "channel" : "feed"} in this workspace`);
      await db
        .insertInto("subscriptions")
        .values({ tenant_id: tenantId, channel_id: channelId, feed_id: feedId, created_at: iso(new Date()) })
        .onConflict((oc) => oc.columns(["channel_id", "feed_id"]).doNothing())
        .execute();
    },
    async unsubscribe(tenantId, channelId, feedId) {
      const r = await db
        .deleteFrom("subscriptions")
        .where("tenant_id", "=", tenantId)
        .where("channel_id", "=", channelId)
        .where("feed_id", "=", feedId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async listForChannel(tenantId, channelId) {
      const rows = await db
        .selectFrom("feeds")
        .innerJoin("subscriptions", "subscriptions.feed_id", "feeds.id")
        .selectAll("feeds")
        .where("subscriptions.tenant_id", "=", tenantId)
        .where("feeds.tenant_id", "=", tenantId)
        .where("subscriptions.channel_id", "=", channelId)
        .orderBy("feeds.created_at")
        .execute();
      return rows.map(toFeed);
    },
  };
}
