import { type Db, iso, parseBrief } from "./rows.js";
import type { BriefCache, TokenUsageCounter } from "./types.js";

export function briefCache(db: Db): BriefCache {
  return {
    async get({ contentHash, engine, engineVersion }) {
      const row = await db
        .selectFrom("brief_cache")
        .select("brief_json")
        .where("content_hash", "=", contentHash)
        .where("engine", "=", engine)
        .where("engine_version", "=", engineVersion)
        .executeTakeFirst();
      return row && parseBrief(row.brief_json, `in the cache for ${contentHash.slice(0, 12)}`);
    },
    async put({ contentHash, engine, engineVersion }, brief) {
      const brief_json = JSON.stringify(brief);
      await db
        .insertInto("brief_cache")
        .values({
          content_hash: contentHash,
          engine,
          engine_version: engineVersion,
          brief_json,
          created_at: iso(new Date()),
        })
        .onConflict((oc) =>
          oc.columns(["content_hash", "engine", "engine_version"]).doUpdateSet({ brief_json }),
        )
        .execute();
    },
  };
}

export function tokenUsage(db: Db): TokenUsageCounter {
  return {
    async add(tenantId, day, tokens) {
      if (!Number.isInteger(tokens) || tokens < 0)
        throw new Error(`token count must be a whole number ≥ 0, got ${tokens}`);
      const row = await db
        .insertInto("token_usage")
        .values({ tenant_id: tenantId, day, tokens })
        .onConflict((oc) =>
          oc
            .columns(["tenant_id", "day"])
            .doUpdateSet((eb) => ({ tokens: eb("token_usage.tokens", "+", eb.ref("excluded.tokens")) })),
        )
        .returning("tokens")
        .executeTakeFirstOrThrow();
      return Number(row.tokens);
    },
    async get(tenantId, day) {
      const row = await db
        .selectFrom("token_usage")
        .select("tokens")
        .where("tenant_id", "=", tenantId)
        .where("day", "=", day)
        .executeTakeFirst();
      return row ? Number(row.tokens) : 0;
    },
  };
}
