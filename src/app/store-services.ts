import type { Article, StoryBrief } from "../core/types.js";
import {
  describeSchedule,
  nextSlot,
  parseSchedule,
  parseStoredSchedule,
  ScheduleError,
} from "../digest/schedule.js";
import { createStoryGrouper, type StoryGrouper } from "../digest/story-grouper.js";
import { contentHash } from "../ingest/article.js";
import type { Store, StoredStory } from "../store/types.js";
import type { FeedToFollow } from "./feed-test.js";
import { createIndexedQa, type ModelAnswerer } from "./indexed-qa.js";
import { readHtmlInline } from "./read-html.js";
import { createThreadService } from "./services/threads.js";
import {
  type DigestSettings,
  type FeedTestResult,
  type Services,
  type StorySummary,
  type StoryView,
  UserFacingError,
} from "./services.js";

/** What the store-backed services need besides the store; each is a port wired in ./wiring.ts. */
export interface StoreServicesDeps {
  store: Store;
  /** Text → brief (the LLM engine with extractive fallback, or the extractive engine). */
  summarise(input: { text: string; title?: string; tenantId: string }): Promise<StoryBrief>;
  /** /ask worded by the model from the chosen story's sentences (store tenant id); absent without an LLM. */
  answerWithModel?: ModelAnswerer;
  /** HTML at hand → Article (the worker pool's extraction in the bot); throws UserFacingError on failure. */
  readHtml?(html: string, source: "paste" | "file"): Promise<Article>;
  /** URL → Article (fetch + extraction); throws UserFacingError on failure. */
  fetchArticle?(url: string): Promise<Article>;
  /** One fetch of a feed, its items listed; throws UserFacingError on failure. */
  testFeed?(url: string): Promise<FeedTestResult>;
  /** Reads a feed before it is followed; throws UserFacingError when it is no readable feed. */
  checkFeed?(url: string): Promise<FeedToFollow>;
  /** Posts the channel's digest now; undefined when no digest runner is running. */
  digestNow?(
    tenantId: string,
    channelId: string,
  ): Promise<{ posted: boolean; stories: number; reason?: string }>;
  defaultTimezone: string;
  now?: () => Date;
  /**
   * Files added articles into stories: the digest's grouper, so an article added with /add joins
   * the story of the same event from feeds (and the other way round). Default: one of its own.
   * The grouper awaits its `pause` before each filing (the bot passes its AckGate's), so after a
   * slow step (the model's answer) chat acks still go first.
   */
  grouper?: StoryGrouper;
}

/** How many recent stories title lookups, autocomplete and questions search. */
const SEARCH_WINDOW = 200;

/** Services over the persistent store: what `newsdesk start` runs on. */
export function createStoreServices(deps: StoreServicesDeps): Services {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());
  const grouper = deps.grouper ?? createStoryGrouper({ store });
  const tenantIds = new Map<string, Promise<string>>();
  const indexed = createIndexedQa(
    storiesFor,
    async (tenant, storyIds) => {
      const byStory = await store.stories.articles(await tenantId(tenant), storyIds);
      return new Map(
        [...byStory].map(([id, list]) => [
          id,
          list.map((a) => ({ text: a.article.text, title: a.article.title })),
        ]),
      );
    },
    deps.answerWithModel &&
      (async (tenant, question, index) => deps.answerWithModel!(await tenantId(tenant), question, index)),
  );
  /** "slack:T1" / "discord:123" / "console" → the store's tenant id (created on first use). */
  const tenantId = (tenant: string): Promise<string> => {
    let id = tenantIds.get(tenant);
    if (!id) {
      const [platform, ...rest] = tenant.split(":");
      id = store.tenants
        .ensure({ platform: platform!, externalId: rest.join(":") || "local" })
        .then((t) => t.id);
      id.catch(() => tenantIds.delete(tenant));
      tenantIds.set(tenant, id);
    }
    return id;
  };
  const channelId = async (tid: string, external: string) =>
    (await store.channels.ensure(tid, { externalId: external })).id;

  async function view(tid: string, story: StoredStory): Promise<StoryView> {
    const links = (await store.stories.links(tid, [story.id])).get(story.id) ?? [];
    return { ...summaryOf(story), url: links[0]?.url, brief: story.brief };
  }

  async function recent(tid: string): Promise<StoredStory[]> {
    return store.stories.list(tid, { limit: SEARCH_WINDOW });
  }

  async function save(tenant: string, article: Article, channel: string | undefined): Promise<StoryView> {
    const tid = await tenantId(tenant);
    const saved = channel
      ? await store.articles.save(tid, article, { channelId: await channelId(tid, channel) }, now())
      : await store.articles.save(tid, article, {}, now());
    if (!saved.created) {
      // The same text again: its story as it is.
      const holding = await store.stories.holding(tid, saved.id);
      if (holding) return view(tid, holding);
    }
    // Summarised before filing: the grouper takes one article of a tenant at a time, and a slow
    // model must not hold the others up.
    const brief = await deps.summarise({
      text: article.text,
      title: article.title || undefined,
      tenantId: tid,
    });
    const { id } = await grouper.file(tid, saved.id, article, now(), brief);
    const story = await store.stories.get(tid, id);
    if (!story) throw new Error(`story ${id} vanished right after saving`);
    // A story of one article is indexed from its text now; one of several from all their texts on first use.
    if (story.articleCount === 1) indexed.remember(id, 1, article.text, article.title || undefined);
    return view(tid, story);
  }

  return {
    threads: createThreadService(store, tenantId, now),
    stories: {
      async list(tenant, limit) {
        return (await store.stories.list(await tenantId(tenant), { limit })).map(summaryOf);
      },
      async resolve(tenant, ref) {
        const tid = await tenantId(tenant);
        if (ref === undefined) {
          const [latest] = await store.stories.list(tid, { limit: 1 });
          return latest ? view(tid, latest) : null;
        }
        const q = ref.trim();
        const byId = await store.stories.get(tid, q).catch(() => undefined);
        if (byId) return view(tid, byId);
        const lower = q.toLowerCase();
        const found = (await recent(tid)).find(
          (s) => s.id.startsWith(q) || s.title.toLowerCase().includes(lower),
        );
        return found ? view(tid, found) : null;
      },
      async search(tenant, query, limit) {
        const lower = query.trim().toLowerCase();
        const all = await recent(await tenantId(tenant));
        return all
          .filter((s) => !lower || s.id.startsWith(lower) || s.title.toLowerCase().includes(lower))
          .slice(0, limit)
          .map(summaryOf);
      },
      async addText(tenant, input, channel) {
        const hash = contentHash(input.text);
        const article: Article = {
          id: hash.slice(0, 16),
          title: input.title ?? "",
          text: input.text,
          contentHash: hash,
          source: input.source,
        };
        return save(tenant, article, channel);
      },
      async addHtml(tenant, page, channel) {
        const read = deps.readHtml ?? readHtmlInline;
        return save(tenant, await read(page.html, page.source), channel);
      },
      async addUrl(tenant, url, channel) {
        if (!deps.fetchArticle)
          throw new UserFacingError(
            "Fetching URLs is not available here.",
            "Paste the article text instead.",
          );
        return save(tenant, await deps.fetchArticle(url), channel);
      },
    },
    qa: indexed.qa,
    feeds: {
      async add(tenant, channel, url) {
        // The bot always reads it first (wiring.ts); services built without a fetcher follow it as given.
        const checked: FeedToFollow = deps.checkFeed ? await deps.checkFeed(url) : { url: url.trim() };
        const tid = await tenantId(tenant);
        const feed = await store.feeds.add(
          tid,
          { url: checked.url, ...(checked.title ? { title: checked.title } : {}) },
          now(),
        );
        await store.feeds.subscribe(tid, await channelId(tid, channel), feed.id);
        return { url: feed.url, title: feed.title ?? undefined, status: checked.warning ?? "ok" };
      },
      async remove(tenant, channel, url) {
        const tid = await tenantId(tenant);
        const ch = await channelId(tid, channel);
        const feed = (await store.feeds.listForChannel(tid, ch)).find(
          (f) => f.url === url || f.url === url.replace(/\/$/, ""),
        );
        return feed ? store.feeds.unsubscribe(tid, ch, feed.id) : false;
      },
      async list(tenant, channel) {
        const tid = await tenantId(tenant);
        const feeds = await store.feeds.listForChannel(tid, await channelId(tid, channel));
        return feeds.map((f) => ({
          url: f.url,
          title: f.title ?? undefined,
          status: f.lastError ? `failing: ${f.lastError}` : "ok",
        }));
      },
      async test(url) {
        if (!deps.testFeed)
          throw new UserFacingError(
            "Testing a feed is not available here.",
            "Add it with /feeds add and watch /feeds list.",
          );
        return deps.testFeed(url);
      },
    },
    digests: {
      async set(tenant, channel, schedule, timezone) {
        const tid = await tenantId(tenant);
        const parsed = parseOrExplain(timezone ? `${schedule} ${timezone}` : schedule, deps.defaultTimezone);
        const next = nextSlot(parsed, now());
        if (!next) throw new UserFacingError(`"${schedule}" never runs.`, "Try daily 08:00.");
        const ch = await channelId(tid, channel);
        await store.schedules.set(
          tid,
          ch,
          { spec: parsed.spec, timezone: parsed.timezone, nextSlotAt: next },
          now(),
        );
        return settings(
          channel,
          parsed.spec,
          parsed.timezone,
          describeSchedule(parsed, now()),
          next.toISOString(),
        );
      },
      async show(tenant, channel) {
        const tid = await tenantId(tenant);
        const s = await store.schedules.get(tid, await channelId(tid, channel));
        if (!s) return null;
        const parsed = parseStoredSchedule(s);
        return settings(
          channel,
          s.spec,
          s.timezone,
          describeSchedule(parsed, now()),
          s.nextSlotAt,
          s.pausedReason ?? undefined,
        );
      },
      async off(tenant, channel) {
        const tid = await tenantId(tenant);
        return store.schedules.remove(tid, await channelId(tid, channel));
      },
      async now(tenant, channel) {
        if (!deps.digestNow)
          throw new UserFacingError(
            "Digests cannot be posted from here.",
            "Run the bot on Discord or Slack.",
          );
        const tid = await tenantId(tenant);
        return deps.digestNow(tid, await channelId(tid, channel));
      },
    },
    async healthy() {
      try {
        await store.stories.list("healthcheck", { limit: 1 });
        return true;
      } catch {
        return false;
      }
    },
    close: () => store.close(),
  };

  async function storiesFor(tenant: string, storyId: string | undefined): Promise<StoryView[]> {
    const tid = await tenantId(tenant);
    const stories = storyId ? [await store.stories.get(tid, storyId)].filter((s) => !!s) : await recent(tid);
    return stories.map((s) => ({ ...summaryOf(s), brief: s.brief }));
  }
}

function summaryOf(s: StoredStory): StorySummary {
  return { id: s.id, title: s.title, addedAt: s.createdAt, articleCount: s.articleCount };
}

function parseOrExplain(input: string, timezone: string) {
  try {
    return parseSchedule(input, timezone);
  } catch (err) {
    if (err instanceof ScheduleError) throw new UserFacingError(err.message);
    throw err;
  }
}

function settings(
  channelId: string,
  schedule: string,
  timezone: string,
  description: string,
  nextRun?: string,
  paused?: string,
): DigestSettings {
  return { channelId, schedule, timezone, description, nextRun, paused };
}
