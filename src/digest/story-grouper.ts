import { EXTRACTIVE_ENGINE_VERSION } from "../core/engine-version.js";
import {
  compareStories,
  DEFAULT_STORY_OPTIONS,
  type StoryOptions,
  type StoryVector,
  storyVector,
} from "../core/story/cluster.js";
import { type ArticleBrief, mergeStoryBriefs } from "../core/story/merge.js";
import type { Article, StoryBrief } from "../core/types.js";
import type { RecentStoryMembers, Store, StoryMember } from "../store/types.js";

/** Turns an article into its brief (the default goes through the brief cache). */
export type BriefFor = (article: Article) => Promise<StoryBrief>;

/** Makes an extractive brief (the bot: in its worker pool; default: in this thread). */
export type Analyse = (input: { text: string; title?: string }) => Promise<StoryBrief>;

// Loaded on first use: the bot analyses in its worker pool, and the engine's language model
// costs the main thread tens of MB it would otherwise hold for nothing.
const analyseHere: Analyse = async (input) =>
  (await import("../core/analyse.js")).buildExtractiveBrief(input);

/** Extractive brief, cached by content hash: the same text is analysed once. */
function cachedExtractiveBrief(store: Store, analyse: Analyse): BriefFor {
  return async (article) => {
    const key = {
      contentHash: article.contentHash,
      engine: "extractive",
      engineVersion: EXTRACTIVE_ENGINE_VERSION,
    };
    let brief = await store.briefCache.get(key);
    if (!brief) {
      brief = await analyse({ text: article.text, title: article.title });
      await store.briefCache.put(key, brief);
    }
    return brief;
  };
}

export interface StoryGrouperOptions {
  store: Store;
  briefFor?: BriefFor;
  /** The extractive engine behind the default briefFor (default: buildExtractiveBrief here). */
  analyse?: Analyse;
  /** Clustering thresholds and window (default: the core defaults, 48 h). */
  story?: StoryOptions;
  /** At most this many recent stories are compared with a new article (default 300). */
  maxCandidates?: number;
  /**
   * Awaited between two queued articles (default: one pass of the event loop). The bot passes its
   * AckGate's pause, so filing waits while chat requests await their ack.
   */
  pause?: () => Promise<void>;
}

/** Key of a story started by `article`: its canonical URL, so a revision finds it again. */
function ownStoryKey(article: Article): string {
  return article.canonicalUrl ?? article.url ?? `hash:${article.contentHash}`;
}

const urlOf = (a: Pick<Article, "url" | "canonicalUrl">) => a.canonicalUrl ?? a.url;

function articleTime(article: Pick<Article, "published">, ingestedAt: string): number {
  const published = article.published ? Date.parse(article.published) : Number.NaN;
  return Number.isFinite(published) ? published : Date.parse(ingestedAt);
}

/**
 * Files a saved article into a story of its tenant: the story that already holds it (a repeat),
 * else the story of its URL (a revision), else the recent story whose article reports the same
 * event (core/story clustering: shared people + event wording, within the window), else a new
 * story. A joined story's brief is the merge of its articles' briefs, so the store bumps its
 * version when the merged content changes. Only that tenant's recent stories are compared.
 */
export function createStoryGrouper(opts: StoryGrouperOptions) {
  const { store } = opts;
  const briefFor = opts.briefFor ?? cachedExtractiveBrief(store, opts.analyse ?? analyseHere);
  const storyOpts = opts.story ?? DEFAULT_STORY_OPTIONS;
  const maxCandidates = opts.maxCandidates ?? 300;
  // Vectors of articles already seen, by id + content hash (bounded: oldest entries go first).
  const vectors = new Map<string, StoryVector>();

  async function vectorOf(id: string, article: Article, ingestedAt: string): Promise<StoryVector> {
    const cacheKey = `${id}:${article.contentHash}`;
    const cached = vectors.get(cacheKey);
    if (cached) return cached;
    const brief = await briefFor(article);
    const v = storyVector({
      id,
      time: articleTime(article, ingestedAt),
      entities: brief.entities.flatMap((e) => [e.name, ...e.aliases]),
      title: article.title,
      text: article.text,
    });
    vectors.set(cacheKey, v);
    if (vectors.size > 5000) vectors.delete(vectors.keys().next().value as string);
    return v;
  }

  /**
   * Vectors of the candidates' articles. Only those not seen before are read with their text,
   * in one query: after the first article of a tenant, filing reads ids and hashes only. The
   * stories read are returned too, so the one joined is not read again.
   */
  async function candidateVectors(
    tenantId: string,
    candidates: RecentStoryMembers[],
  ): Promise<{ vectors: Map<string, StoryVector>; loaded: Map<string, StoryMember[]> }> {
    const out = new Map<string, StoryVector>();
    const unseen = new Set<string>();
    for (const c of candidates) {
      for (const m of c.articles) {
        const cached = vectors.get(`${m.id}:${m.contentHash}`);
        if (cached) out.set(m.id, cached);
        else unseen.add(c.story.id);
      }
    }
    const loaded = unseen.size
      ? await store.stories.articles(tenantId, [...unseen])
      : new Map<string, StoryMember[]>();
    for (const members of loaded.values())
      for (const m of members) out.set(m.article.id, await vectorOf(m.article.id, m.article, m.ingestedAt));
    return { vectors: out, loaded };
  }

  /** The story the article joins, with its articles when they were already read. */
  async function findStory(
    tenantId: string,
    candidates: RecentStoryMembers[],
    articleId: string,
    article: Article,
    now: Date,
  ): Promise<{ story: RecentStoryMembers; members?: StoryMember[] } | undefined> {
    const url = urlOf(article);
    const sameUrl = url && candidates.find((c) => c.articles.some((m) => urlOf(m) === url));
    if (sameUrl) return { story: sameUrl };
    const own = await vectorOf(articleId, article, now.toISOString());
    const theirs = await candidateVectors(tenantId, candidates);
    let best: { story: RecentStoryMembers; score: number } | undefined;
    for (const c of candidates) {
      for (const m of c.articles) {
        const vector = theirs.vectors.get(m.id);
        if (!vector) continue; // removed between the two reads
        const match = compareStories(own, vector, storyOpts);
        if (match.same && (!best || match.similarity > best.score))
          best = { story: c, score: match.similarity };
      }
    }
    return best && { story: best.story, members: theirs.loaded.get(best.story.story.id) };
  }

  // One article of a tenant at a time in this process: two reports of one event polled by
  // concurrent workers would otherwise both find no story and start two. Between two articles the
  // event loop gets a pass: with the synchronous SQLite store a queue of articles would otherwise
  // run as one piece and hold up everything else (a chat platform waiting for its ack).
  const queues = new Map<string, Promise<unknown>>();
  const nextPass = opts.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  function serialised<T>(tenantId: string, task: () => Promise<T>): Promise<T> {
    const run = (queues.get(tenantId) ?? Promise.resolve()).then(nextPass, nextPass).then(task);
    const tail = run.catch(() => undefined);
    queues.set(tenantId, tail);
    void tail.then(() => {
      if (queues.get(tenantId) === tail) queues.delete(tenantId);
    });
    return run;
  }

  async function file(tenantId: string, articleId: string, article: Article, now: Date, own?: StoryBrief) {
    const candidates = await store.stories.recentMembers(tenantId, {
      since: new Date(now.getTime() - storyOpts.windowMs),
      limit: maxCandidates,
    });
    // The identical article again (same content hash, so the same saved id): nothing changes.
    const holding = candidates.find((c) => c.articles.some((m) => m.id === articleId));
    if (holding) return { id: holding.story.id, version: holding.story.version, changed: false };
    const found = await findStory(tenantId, candidates, articleId, article, now);
    if (!found) {
      const brief = own ?? (await briefFor(article));
      // A story of this URL older than the window is still the same story (a late revision).
      return store.stories.save(
        tenantId,
        {
          storyKey: ownStoryKey(article),
          title: brief.title || article.title,
          brief,
          articleIds: [articleId],
        },
        now,
      );
    }
    // An earlier revision of this article (same URL, other text) gives way to this one.
    const url = urlOf(article);
    const target = found.story.story;
    const joined =
      found.members ?? (await store.stories.articles(tenantId, [target.id])).get(target.id) ?? [];
    const members = joined.filter((m) => m.article.id !== articleId && !(url && urlOf(m.article) === url));
    const parts: ArticleBrief[] = [];
    for (const m of members) parts.push({ article: m.article.id, brief: await briefFor(m.article) });
    parts.push({ article: articleId, brief: await briefFor(article) });
    const merged = parts.length === 1 ? (own ?? parts[0]!.brief) : mergeStoryBriefs(parts);
    return store.stories.save(
      tenantId,
      {
        storyKey: target.storyKey,
        title: merged.title || target.title,
        brief: merged,
        articleIds: [articleId],
      },
      now,
    );
  }

  return {
    /**
     * Files the saved article `articleId`. `own` is its brief when the caller made one (e.g. with
     * the LLM for /add): it becomes the brief of a story the article starts or revises alone. A
     * story of several articles always gets the merge of their cached extractive briefs, so it
     * reads the same whichever way its articles arrived.
     */
    file: (tenantId: string, articleId: string, article: Article, now: Date, own?: StoryBrief) =>
      serialised(tenantId, () => file(tenantId, articleId, article, now, own)),
  };
}

export type StoryGrouper = ReturnType<typeof createStoryGrouper>;
