import type { Article } from "../../core/types.js";
import type { StoryGrouper } from "../../digest/story-grouper.js";
import { contentHash } from "../../ingest/article.js";
import type { StoredStory } from "../../store/types.js";
import { readHtmlInline } from "../read-html.js";
import { type AddedStory, type StoryService, type StoryView, UserFacingError } from "../services.js";
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
    return {
      ...summaryOf(story),
      url: links[0]?.url,
      brief: story.brief,
      ...(story.removedAt ? { removedAt: story.removedAt } : {}),
    };
  }

  const recent = (tid: string) => store.stories.list(tid, { limit: SEARCH_WINDOW });

  /** The story holding the tenant's article at this address, marked as already there. */
  async function alreadyAt(tenant: string, url: string): Promise<AddedStory | undefined> {
    const tid = await tenantId(tenant);
    const article = await store.articles.findByUrl(tid, url);
    const holding = article && (await store.stories.holding(tid, article.id));
    return holding ? { ...(await view(tid, holding)), alreadyIn: true } : undefined;
  }

  async function save(tenant: string, article: Article, channel: string | undefined): Promise<AddedStory> {
    const tid = await tenantId(tenant);
    const saved = channel
      ? await store.articles.save(tid, article, { channelId: await channelId(tid, channel) }, now())
      : await store.articles.save(tid, article, {}, now());
    if (!saved.created) {
      // The same text again: its story as it is, said to be so — nothing is filed twice.
      const holding = await store.stories.holding(tid, saved.id);
      if (holding) return { ...(await view(tid, holding)), alreadyIn: true };
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
      // The same address again: the story that has it, without fetching the page a second time.
      const known = await alreadyAt(tenant, url.trim());
      if (known) return known;
      const article = await deps.fetchArticle(url);
      const canonical = article.canonicalUrl && (await alreadyAt(tenant, article.canonicalUrl));
      return canonical || save(tenant, article, channel);
    },
    async remove(tenant, ref) {
      const tid = await tenantId(tenant);
      const q = ref.trim();
      // By id or id prefix only: removing by a title fragment could hit the wrong story.
      const story =
        (await store.stories.get(tid, q).catch(() => undefined)) ??
        (q.length >= 4 ? (await recent(tid)).find((s) => s.id.startsWith(q)) : undefined);
      if (!story)
        throw new UserFacingError(
          `No story has the id "${ref}".`,
          "Run /stories to list the stories and their ids.",
        );
      if (!story.removedAt) await store.filters.removeStory(tid, story.id, now());
      const removed = await store.stories.get(tid, story.id);
      return view(tid, removed ?? story);
    },
  };
}
