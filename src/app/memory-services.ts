import { createHash } from "node:crypto";
import { buildExtractiveBrief } from "../core/analyse.js";
import type { StoryBrief } from "../core/types.js";
import { readHtmlInline } from "./read-html.js";
import { createMemoryThreadService } from "./services/threads.js";
import { type Services, type StoryView, UserFacingError } from "./services.js";
import { overlap, quotesOf, simpleAnswer, simpleWhoSaid } from "./simple-qa.js";

/**
 * Services kept in process memory, with the real extractive engine: what the console runs on
 * when no store is wired, and what tests of the command layer and adapters use. Feeds and
 * digests need the persistent store and scheduler, so here they explain that instead of
 * pretending. Quote and question matching is deliberately simple word overlap — the real
 * question-answering engine replaces it in the wiring.
 */
export interface MemoryServicesOptions {
  /** Turns a URL into text; without it /add <url> explains that fetching is not available. */
  fetchArticle?: (url: string) => Promise<{ text: string; title?: string; url: string }>;
  /** Builds the brief; defaults to the extractive engine. */
  summarise?: (input: { text: string; title?: string }) => Promise<StoryBrief>;
  now?: () => Date;
}

export function createMemoryServices(options: MemoryServicesOptions = {}): Services {
  const byTenant = new Map<string, StoryView[]>();
  const summarise = options.summarise ?? (async (input) => buildExtractiveBrief(input));
  const now = options.now ?? (() => new Date());
  const storiesOf = (tenant: string) => byTenant.get(tenant) ?? [];

  async function add(
    tenant: string,
    text: string,
    title: string | undefined,
    url?: string,
  ): Promise<StoryView> {
    const id = createHash("sha256").update(text).digest("hex").slice(0, 8);
    const existing = storiesOf(tenant).find((s) => s.id === id);
    if (existing) return existing;
    const brief = await summarise({ text, title });
    const story: StoryView = {
      id,
      title: brief.title || title || "Untitled story",
      url,
      addedAt: now().toISOString(),
      articleCount: 1,
      brief,
    };
    byTenant.set(tenant, [story, ...storiesOf(tenant)]);
    return story;
  }

  const resolve = async (tenant: string, ref: string | undefined) => {
    const list = storiesOf(tenant);
    if (ref === undefined) return list[0] ?? null;
    const q = ref.trim().toLowerCase();
    return list.find((s) => s.id === q) ?? list.find((s) => s.title.toLowerCase().includes(q)) ?? null;
  };

  const storiesFor = (tenant: string, storyId?: string) =>
    storiesOf(tenant).filter((s) => !storyId || s.id === storyId);

  const notStored = (what: string) =>
    new UserFacingError(`${what} need the persistent store, which this console session does not have.`);

  return {
    threads: createMemoryThreadService(),
    stories: {
      list: async (tenant, limit) => storiesOf(tenant).slice(0, limit),
      resolve,
      search: async (tenant, query, limit) =>
        storiesOf(tenant)
          .filter((s) => s.title.toLowerCase().includes(query.toLowerCase()) || s.id.startsWith(query))
          .slice(0, limit),
      addText: (tenant, article) => add(tenant, article.text, article.title),
      async addHtml(tenant, page) {
        const article = await readHtmlInline(page.html, page.source);
        return add(tenant, article.text, article.title || undefined);
      },
      async addUrl(tenant, url) {
        if (!options.fetchArticle) {
          throw new UserFacingError(
            "Fetching URLs is not available here.",
            "Paste the article text instead.",
          );
        }
        const article = await options.fetchArticle(url);
        return add(tenant, article.text, article.title, article.url);
      },
    },
    qa: {
      whoSaid: async (tenant, fragment, storyId) =>
        simpleWhoSaid(quotesOf(storiesFor(tenant, storyId)), fragment),
      async quotesBy(tenant, speaker, storyId) {
        const all = quotesOf(storiesFor(tenant, storyId));
        if (!speaker) return all;
        return all.filter((q) => q.speaker && overlap(speaker, q.speaker) > 0);
      },
      ask: async (tenant, question, storyId) => simpleAnswer(storiesFor(tenant, storyId), question),
    },
    feeds: {
      add: async () => Promise.reject(notStored("Feeds")),
      remove: async () => Promise.reject(notStored("Feeds")),
      list: async () => Promise.reject(notStored("Feeds")),
      test: async () => Promise.reject(notStored("Feeds")),
    },
    digests: {
      set: async () => Promise.reject(notStored("Digests")),
      show: async () => Promise.reject(notStored("Digests")),
      off: async () => Promise.reject(notStored("Digests")),
      now: async () => Promise.reject(notStored("Digests")),
    },
    healthy: async () => true,
    close: async () => {},
  };
}
