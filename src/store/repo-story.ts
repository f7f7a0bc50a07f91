import { createHash } from "node:crypto";
import type { StoryBrief } from "../core/types.js";
import { toArticle } from "./repo-article.js";
import { type Db, iso, newId, toStory } from "./rows.js";
import type { ArticleRef, StoryLink, StoryMember, StoryStore } from "./types.js";

/** Hash of what a reader sees of a brief: a new version only when that changes. */
export function briefContentHash(brief: StoryBrief): string {
  const seen = {
    title: brief.title,
    keyPoints: brief.keyPoints.map((k) => k.text),
    quotes: brief.quotes.map((q) => [q.quote, q.speaker]),
    openQuestions: brief.openQuestions.map((o) => o.question),
  };
  return createHash("sha256").update(JSON.stringify(seen)).digest("hex");
}

export function storyStore(db: Db): StoryStore {
  /** The stories' article rows, each with its story id, in the order they joined. */
  const memberRows = (tenantId: string, storyIds: string[]) =>
    db
      .selectFrom("story_articles")
      .innerJoin("articles", "articles.id", "story_articles.article_id")
      .select("story_articles.story_id")
      .where("story_articles.tenant_id", "=", tenantId)
      .where("articles.tenant_id", "=", tenantId)
      .where("story_articles.story_id", "in", storyIds)
      .orderBy("story_articles.added_at")
      .orderBy("articles.id");

  async function articlesOf(tenantId: string, storyIds: string[]) {
    const byStory = new Map<string, StoryMember[]>();
    if (!storyIds.length) return byStory;
    const rows = await memberRows(tenantId, storyIds).selectAll("articles").execute();
    for (const r of rows) {
      const list = byStory.get(r.story_id) ?? [];
      list.push({ article: toArticle(r), ingestedAt: r.created_at });
      byStory.set(r.story_id, list);
    }
    return byStory;
  }
  return {
    async save(tenantId, { storyKey, title, brief, articleIds }, now = new Date()) {
      const briefHash = briefContentHash(brief);
      return db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom("stories")
          .select(["id", "version", "brief_hash"])
          .where("tenant_id", "=", tenantId)
          .where("story_key", "=", storyKey)
          .executeTakeFirst();
        let id = existing?.id ?? newId();
        let version = existing ? Number(existing.version) : 1;
        const changed = !existing || existing.brief_hash !== briefHash;
        if (!existing) {
          const ins = await trx
            .insertInto("stories")
            .values({
              id,
              tenant_id: tenantId,
              story_key: storyKey,
              title,
              version: 1,
              brief_json: JSON.stringify(brief),
              brief_hash: briefHash,
              article_count: 0,
              created_at: iso(now),
              updated_at: iso(now),
            })
            .onConflict((oc) => oc.columns(["tenant_id", "story_key"]).doNothing())
            .returning("id")
            .executeTakeFirst();
          // Lost a race with another instance: the story exists now, treat this as an update.
          if (!ins) {
            const row = await trx
              .selectFrom("stories")
              .select(["id", "version"])
              .where("tenant_id", "=", tenantId)
              .where("story_key", "=", storyKey)
              .executeTakeFirstOrThrow();
            id = row.id;
            version = Number(row.version);
          }
        } else if (changed) {
          version += 1;
          await trx
            .updateTable("stories")
            .set({
              title,
              version,
              brief_json: JSON.stringify(brief),
              brief_hash: briefHash,
              updated_at: iso(now),
            })
            .where("id", "=", id)
            .execute();
        }
        if (articleIds.length) {
          // Members are listed in the order they joined: a join in the same millisecond as the
          // last one is stamped a millisecond after it, never tied (ties fell to the random id).
          const { latest } = await trx
            .selectFrom("story_articles")
            .select((s) => s.fn.max("added_at").as("latest"))
            .where("story_id", "=", id)
            .executeTakeFirstOrThrow();
          const addedAt = latest && latest >= iso(now) ? new Date(Date.parse(latest) + 1) : now;
          // INSERT … SELECT scoped by tenant: an article id of another tenant links nothing.
          await trx
            .insertInto("story_articles")
            .columns(["tenant_id", "story_id", "article_id", "added_at"])
            .expression((eb) =>
              eb
                .selectFrom("articles")
                .select((s) => [
                  s.val(tenantId).as("tenant_id"),
                  s.val(id).as("story_id"),
                  "id",
                  s.val(iso(addedAt)).as("added_at"),
                ])
                .where("tenant_id", "=", tenantId)
                .where("id", "in", articleIds),
            )
            .onConflict((oc) => oc.columns(["story_id", "article_id"]).doNothing())
            .execute();
          const { n } = await trx
            .selectFrom("story_articles")
            .select((s) => s.fn.countAll<string | number>().as("n"))
            .where("story_id", "=", id)
            .executeTakeFirstOrThrow();
          await trx
            .updateTable("stories")
            .set({ article_count: Number(n) })
            .where("id", "=", id)
            .execute();
        }
        return { id, version, changed };
      });
    },
    async get(tenantId, storyId) {
      const row = await db
        .selectFrom("stories")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("id", "=", storyId)
        .executeTakeFirst();
      return row && toStory(row);
    },
    async getMany(tenantId, storyIds) {
      if (!storyIds.length) return [];
      const rows = await db
        .selectFrom("stories")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("id", "in", storyIds)
        .execute();
      return rows.map(toStory);
    },
    async findByKey(tenantId, storyKey) {
      const row = await db
        .selectFrom("stories")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("story_key", "=", storyKey)
        .executeTakeFirst();
      return row && toStory(row);
    },
    async holding(tenantId, articleId) {
      const row = await db
        .selectFrom("stories as s")
        .innerJoin("story_articles as sa", "sa.story_id", "s.id")
        .selectAll("s")
        .where("s.tenant_id", "=", tenantId)
        .where("sa.article_id", "=", articleId)
        .orderBy("s.updated_at", "desc")
        .limit(1)
        .executeTakeFirst();
      return row && toStory(row);
    },
    async list(tenantId, { limit = 50 } = {}) {
      const rows = await db
        .selectFrom("stories")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("removed_at", "is", null)
        .orderBy("updated_at", "desc")
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map(toStory);
    },
    async links(tenantId, storyIds) {
      const out = new Map<string, StoryLink[]>();
      if (!storyIds.length) return out;
      const rows = await memberRows(tenantId, storyIds)
        .select(["articles.title", "articles.url", "articles.canonical_url", "articles.site_name"])
        .execute();
      const seen = new Set<string>();
      for (const r of rows) {
        // Shown as the article's own address: the canonical URL is a dedupe key (http upgraded to
        // https, tracking removed) and may not even answer at the https address.
        const url = r.url ?? r.canonical_url;
        if (!url) continue;
        const list = out.get(r.story_id) ?? [];
        const key = `${r.story_id} ${r.canonical_url ?? url}`;
        if (!seen.has(key)) list.push({ title: r.title, url, siteName: r.site_name });
        seen.add(key);
        out.set(r.story_id, list);
      }
      return out;
    },
    async recentMembers(tenantId, { since, limit }) {
      const stories = await db
        .selectFrom("stories")
        .select(["id", "story_key", "title", "version"])
        .where("tenant_id", "=", tenantId)
        .where("updated_at", ">=", iso(since))
        .orderBy("updated_at", "desc")
        .orderBy("id")
        .limit(limit)
        .execute();
      if (!stories.length) return [];
      const ids = stories.map((s) => s.id);
      const rows = await memberRows(tenantId, ids)
        .select([
          "articles.id",
          "articles.content_hash",
          "articles.url",
          "articles.canonical_url",
          "articles.published",
          "articles.created_at",
        ])
        .execute();
      const byStory = new Map<string, ArticleRef[]>();
      for (const r of rows) {
        const list = byStory.get(r.story_id) ?? [];
        list.push({
          id: r.id,
          contentHash: r.content_hash,
          ...(r.url ? { url: r.url } : {}),
          ...(r.canonical_url ? { canonicalUrl: r.canonical_url } : {}),
          ...(r.published ? { published: r.published } : {}),
          ingestedAt: r.created_at,
        });
        byStory.set(r.story_id, list);
      }
      return stories.map((s) => ({
        story: { id: s.id, storyKey: s.story_key, title: s.title, version: Number(s.version) },
        articles: byStory.get(s.id) ?? [],
      }));
    },
    articles: articlesOf,
  };
}
