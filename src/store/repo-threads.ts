import { type Db, iso } from "./rows.js";
import type { ThreadStore } from "./types-threads.js";

/** Thread → stories and per-channel conversation settings (migration 007). */
export function threadStore(db: Db): ThreadStore {
  return {
    async remember(tenantId, ref, storyIds, origin, now = new Date()) {
      const where = { tenant_id: tenantId, channel_external_id: ref.channel, thread_id: ref.thread };
      await db.transaction().execute(async (tx) => {
        await tx
          .deleteFrom("thread_stories")
          .where("tenant_id", "=", tenantId)
          .where("channel_external_id", "=", ref.channel)
          .where("thread_id", "=", ref.thread)
          .execute();
        if (!storyIds.length) return;
        await tx
          .insertInto("thread_stories")
          .values(
            storyIds.map((storyId, position) => ({
              ...where,
              position,
              story_id: storyId,
              origin,
              created_at: iso(now),
            })),
          )
          .execute();
      });
    },
    async storiesOf(tenantId, ref) {
      const rows = await db
        .selectFrom("thread_stories")
        .select("story_id")
        .where("tenant_id", "=", tenantId)
        .where("channel_external_id", "=", ref.channel)
        .where("thread_id", "=", ref.thread)
        .orderBy("position")
        .execute();
      return rows.map((r) => r.story_id);
    },
    async countSince(tenantId, channel, origin, since) {
      const row = await db
        .selectFrom("thread_stories")
        .select((eb) => eb.fn.count<string | number>("thread_id").distinct().as("n"))
        .where("tenant_id", "=", tenantId)
        .where("channel_external_id", "=", channel)
        .where("origin", "=", origin)
        .where("created_at", ">=", iso(since))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async conversation(tenantId, channel) {
      const row = await db
        .selectFrom("channel_conversation")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("channel_external_id", "=", channel)
        .executeTakeFirst();
      const unfurlDomains = row?.unfurl_domains ? (JSON.parse(row.unfurl_domains) as string[]) : [];
      return { ...(row?.autolinks_since ? { autolinksSince: row.autolinks_since } : {}), unfurlDomains };
    },
    async setConversation(tenantId, channel, settings, now = new Date()) {
      const values = {
        autolinks_since: settings.autolinksSince ?? null,
        unfurl_domains: settings.unfurlDomains.length ? JSON.stringify(settings.unfurlDomains) : null,
        updated_at: iso(now),
      };
      await db
        .insertInto("channel_conversation")
        .values({ tenant_id: tenantId, channel_external_id: channel, ...values })
        .onConflict((oc) => oc.columns(["tenant_id", "channel_external_id"]).doUpdateSet(values))
        .execute();
    },
  };
}
