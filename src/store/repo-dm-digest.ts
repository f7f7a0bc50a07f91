import { channelStore } from "./repo-tenancy.js";
import { type Db, iso } from "./rows.js";
import type { DmDigest, DmDigestStore } from "./types.js";

/** The channel external id of a user's DM subscription to the channel `sourceExternalId`. */
export const dmExternalId = (userId: string, sourceExternalId: string) => `dm:${userId}:${sourceExternalId}`;

/** The user a DM subscription's channel external id names; undefined for an ordinary channel. */
export function dmUserOf(externalId: string): string | undefined {
  const m = /^dm:([^:]+):/.exec(externalId);
  return m?.[1];
}

/** The channel whose stories a DM subscription shows; undefined when `channelId` is no DM subscription. */
export async function dmSourceOf(db: Db, tenantId: string, channelId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("dm_digests")
    .select("source_channel_id")
    .where("tenant_id", "=", tenantId)
    .where("channel_id", "=", channelId)
    .executeTakeFirst();
  return row?.source_channel_id;
}

type Row = {
  channel_id: string;
  tenant_id: string;
  source_channel_id: string;
  user_id: string;
  created_at: string;
};
const toDmDigest = (r: Row): DmDigest => ({
  channelId: r.channel_id,
  tenantId: r.tenant_id,
  sourceChannelId: r.source_channel_id,
  userId: r.user_id,
  createdAt: r.created_at,
});

export function dmDigestStore(db: Db): DmDigestStore {
  const channels = channelStore(db);
  const get = async (tenantId: string, sourceChannelId: string, userId: string) => {
    const row = await db
      .selectFrom("dm_digests")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("source_channel_id", "=", sourceChannelId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return row && toDmDigest(row);
  };
  return {
    get,
    sourceOf: (tenantId, channelId) => dmSourceOf(db, tenantId, channelId),
    async ensure(tenantId, sourceChannelId, userId, now = new Date()) {
      const source = await channels.get(tenantId, sourceChannelId);
      if (!source) throw new Error("no such channel in this workspace");
      const target = await channels.ensure(tenantId, { externalId: dmExternalId(userId, source.externalId) });
      await db
        .insertInto("dm_digests")
        .values({
          channel_id: target.id,
          tenant_id: tenantId,
          source_channel_id: sourceChannelId,
          user_id: userId,
          created_at: iso(now),
        })
        .onConflict((oc) => oc.column("channel_id").doNothing())
        .execute();
      const saved = await get(tenantId, sourceChannelId, userId);
      if (!saved) throw new Error("the DM digest could not be saved");
      return saved;
    },
    async remove(tenantId, sourceChannelId, userId) {
      const found = await get(tenantId, sourceChannelId, userId);
      if (!found) return false;
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom("schedules").where("channel_id", "=", found.channelId).execute();
        await tx.deleteFrom("dm_digests").where("channel_id", "=", found.channelId).execute();
      });
      return true;
    },
  };
}
