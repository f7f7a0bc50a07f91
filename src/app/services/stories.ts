import type { Article } from "../../core/types.js";
import type { StoryGrouper } from "../../digest/story-grouper.js";
import { contentHash } from "../../ingest/article.js";
import type { StoredStory } from "../../store/types.js";
import { readHtmlInline } from "../read-html.js";
import { type StoryService, type StoryView, UserFacingError } from "../services.js";
import { SEARCH_WINDOW, type ServiceScope, type StoreServicesDeps, summaryOf } from "./deps.js";
import type { QuestionService } from "./questions.js";

/** Listing, finding and adding stories: an added article is saved, summarised and filed into a story. */
export function createStoryService(
  scope: ServiceScope,
  deps: Pick<StoreServicesDeps, "summarise" | "readHtml" | "fetchArticle">,
  grouper: StoryGrouper,
  questions: Pick<QuestionService, "remember">,
): StoryService {
  const { store, now, tenantId, channelId } = scope;

  async function view(tid: string, story: StoredStory): Promise<StoryView> {
    const links = (await store.stories.links(tid, [story.id])).get(story.id) ?? [];
    return { ...summaryOf(story), url: links[0]?.url, brief: story.brief };
  }

  const recent = (tid: string) => store.stories.list(tid, { limit: SEARCH_WINDOW });

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
    if (story.articleCount === 1) questions.remember(id, 1, article.text, article.title || undefined);
    return view(tid, story);
  }

  return {
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
        throw new UserFacingError("Fetching URLs is not available here.", "Paste the article text instead.");
      return save(tenant, await deps.fetchArticle(url), channel);
    },
  };
}
