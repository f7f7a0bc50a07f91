import type { Article, StoryBrief } from "../core/types.js";

/* Articles, stories, the brief cache and LLM token usage (see types.ts for the whole store). */

/** Where an article entered: through a feed or posted into a channel. */
export type ArticleOrigin = { feedId: string } | { channelId: string } | Record<string, never>;

export interface ArticleStore {
  /** Saves (or finds, by content hash) an article and links it to its origin. */
  save(
    tenantId: string,
    article: Article,
    origin?: ArticleOrigin,
    now?: Date,
  ): Promise<{ id: string; created: boolean }>;
  get(tenantId: string, articleId: string): Promise<Article | undefined>;
  findByHash(tenantId: string, contentHash: string): Promise<Article | undefined>;
  /** The latest article of the tenant at this address (as fetched or canonical); undefined when none. */
  findByUrl(tenantId: string, url: string): Promise<(Article & { id: string }) | undefined>;
}

export interface StoredStory {
  id: string;
  tenantId: string;
  storyKey: string;
  title: string;
  /** Goes up by one each time the brief's content changes. */
  version: number;
  brief: StoryBrief;
  articleCount: number;
  createdAt: string;
  updatedAt: string;
  /** When `/stories remove` took it out of lists and digests; the row stays. */
  removedAt?: string;
}

export interface StoryLink {
  title: string;
  url: string;
  siteName: string | null;
}

export interface StoryStore {
  /**
   * Creates or updates the story `storyKey` (the clustering key, e.g. a canonical URL), links the
   * articles, and bumps the version when the brief's content changed.
   */
  save(
    tenantId: string,
    input: { storyKey: string; title: string; brief: StoryBrief; articleIds: string[] },
    now?: Date,
  ): Promise<{ id: string; version: number; changed: boolean }>;
  get(tenantId: string, storyId: string): Promise<StoredStory | undefined>;
  getMany(tenantId: string, storyIds: string[]): Promise<StoredStory[]>;
  findByKey(tenantId: string, storyKey: string): Promise<StoredStory | undefined>;
  /** The story the article belongs to (the latest updated, should it be in several). */
  holding(tenantId: string, articleId: string): Promise<StoredStory | undefined>;
  /** Most recently updated first; removed stories are left out. */
  list(tenantId: string, options?: { limit?: number }): Promise<StoredStory[]>;
  links(tenantId: string, storyIds: string[]): Promise<Map<string, StoryLink[]>>;
  /**
   * The tenant's stories updated at or after `since` (newest first, at most `limit`), each with
   * its articles' ids, hashes and URLs in the order they joined: the candidates a new article may
   * join. No texts and no briefs, so comparing a new article with hundreds of stories reads little;
   * `articles()` loads the texts of the few it needs.
   */
  recentMembers(tenantId: string, options: { since: Date; limit: number }): Promise<RecentStoryMembers[]>;
  /** The stories' articles (with their text), in the order they joined; absent ids map to nothing. */
  articles(tenantId: string, storyIds: string[]): Promise<Map<string, StoryMember[]>>;
}

/** An article of a story, with when it was ingested. */
export interface StoryMember {
  article: Article;
  ingestedAt: string;
}

/** A recent story as the grouper first compares it: what identifies it and its articles. */
export interface RecentStoryMembers {
  story: Pick<StoredStory, "id" | "storyKey" | "title" | "version">;
  articles: ArticleRef[];
}

/** What identifies an article of a story and dates it, without its text. */
export interface ArticleRef {
  id: string;
  contentHash: string;
  url?: string;
  canonicalUrl?: string;
  /** ISO 8601 when known. */
  published?: string;
  ingestedAt: string;
}

/** Cache key of a brief: the same content through the same engine version gives the same brief. */
export interface BriefCacheKey {
  contentHash: string;
  engine: string;
  engineVersion: string;
}

export interface BriefCache {
  get(key: BriefCacheKey): Promise<StoryBrief | undefined>;
  put(key: BriefCacheKey, brief: StoryBrief): Promise<void>;
}

/** Per-tenant LLM tokens per UTC day (`day` is YYYY-MM-DD). */
export interface TokenUsageCounter {
  /** Adds `tokens` and returns the day's new total. */
  add(tenantId: string, day: string, tokens: number): Promise<number>;
  get(tenantId: string, day: string): Promise<number>;
}
