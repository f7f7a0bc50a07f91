import type { Article } from "../core/types.js";
import { type Db, iso, newId } from "./rows.js";
import type { ArticleTable } from "./schema.js";
import type { ArticleStore } from "./types.js";

/** An article row as the engine reads it (also used for the articles of a story, repo-story.ts). */
export const toArticle = (r: ArticleTable): Article => ({
  id: r.id,
  title: r.title,
  text: r.text,
  contentHash: r.content_hash,
  source: r.source as Article["source"],
  ...(r.url ? { url: r.url } : {}),
  ...(r.canonical_url ? { canonicalUrl: r.canonical_url } : {}),
  ...(r.byline ? { byline: r.byline } : {}),
  ...(r.published ? { published: r.published } : {}),
  ...(r.updated ? { updated: r.updated } : {}),
  ...(r.site_name ? { siteName: r.site_name } : {}),
  ...(r.language ? { language: r.language } : {}),
});

export function articleStore(db: Db): ArticleStore {
  const findByHash = (tenantId: string, hash: string) =>
    db
      .selectFrom("articles")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("content_hash", "=", hash)
      .executeTakeFirst();
  return {
    async save(tenantId, a, origin = {}, now = new Date()) {
      return db.transaction().execute(async (trx) => {
        const id = newId();
        const inserted = await trx
          .insertInto("articles")
          .values({
            id,
            tenant_id: tenantId,
            content_hash: a.contentHash,
            source: a.source,
            url: a.url ?? null,
            canonical_url: a.canonicalUrl ?? null,
            title: a.title,
            text: a.text,
            byline: a.byline ?? null,
            published: a.published ?? null,
            updated: a.updated ?? null,
            site_name: a.siteName ?? null,
            language: a.language ?? null,
            created_at: iso(now),
          })
          .onConflict((oc) => oc.columns(["tenant_id", "content_hash"]).doNothing())
          .returning("id")
          .executeTakeFirst();
        const articleId =
          inserted?.id ??
          (
            await trx
              .selectFrom("articles")
              .select("id")
              .where("tenant_id", "=", tenantId)
              .where("content_hash", "=", a.contentHash)
              .executeTakeFirstOrThrow()
          ).id;
        if ("feedId" in origin) {
          await trx
            .insertInto("feed_articles")
            .values({
              tenant_id: tenantId,
              feed_id: origin.feedId,
              article_id: articleId,
              added_at: iso(now),
            })
            .onConflict((oc) => oc.columns(["feed_id", "article_id"]).doNothing())
            .execute();
        } else if ("channelId" in origin) {
          await trx
            .insertInto("channel_articles")
            .values({
              tenant_id: tenantId,
              channel_id: origin.channelId,
              article_id: articleId,
              added_at: iso(now),
            })
            .onConflict((oc) => oc.columns(["channel_id", "article_id"]).doNothing())
            .execute();
        }
        return { id: articleId, created: inserted !== undefined };
      });
    },
    async get(tenantId, articleId) {
      const row = await db
        .selectFrom("articles")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("id", "=", articleId)
        .executeTakeFirst();
      return row && toArticle(row);
    },
    async findByUrl(tenantId, url) {
      const row = await db
        .selectFrom("articles")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where((eb) => eb.or([eb("url", "=", url), eb("canonical_url", "=", url)]))
        .orderBy("created_at", "desc")
        .limit(1)
        .executeTakeFirst();
      return row && toArticle(row);
    },
    async findByHash(tenantId, hash) {
      const row = await findByHash(tenantId, hash);
      return row && toArticle(row);
    },
  };
}
