import type { ArticleTextLoader, createIndexedQa, ModelAnswerer } from "../indexed-qa.js";
import type { QaService, StoryView } from "../services.js";
import type { ServiceScope, StoreServicesDeps } from "./deps.js";
import { SEARCH_WINDOW, summaryOf } from "./deps.js";

/**
 * /who, /quotes and /ask over the stored stories with the question engine (../indexed-qa.ts):
 * indexes are built from the stored article texts on first use; `remember` indexes a new story
 * from its text as it is added.
 */
export function createQuestionService(scope: ServiceScope, deps: Pick<StoreServicesDeps, "answerWithModel">) {
  const { store, tenantId } = scope;

  async function storiesFor(tenant: string, storyId: string | undefined): Promise<StoryView[]> {
    const tid = await tenantId(tenant);
    const stories = storyId
      ? [await store.stories.get(tid, storyId)].filter((s) => !!s)
      : await store.stories.list(tid, { limit: SEARCH_WINDOW });
    return stories.map((s) => ({ ...summaryOf(s), brief: s.brief }));
  }

  const loadTexts: ArticleTextLoader = async (tenant, storyIds) => {
    const byStory = await store.stories.articles(await tenantId(tenant), storyIds);
    return new Map(
      [...byStory].map(([id, list]) => [
        id,
        list.map((a) => ({ text: a.article.text, title: a.article.title })),
      ]),
    );
  };
  const answerer: ModelAnswerer | undefined =
    deps.answerWithModel &&
    (async (tenant, question, index) => deps.answerWithModel!(await tenantId(tenant), question, index));

  // The question engine (and the language model it tags with, ~55 MB) loads on the first question
  // or added story, not at start: an idle instance stays small (issue 16: ≤ 150 MB per instance).
  let engine: Promise<ReturnType<typeof createIndexedQa>> | undefined;
  const load = () => {
    engine ??= import("../indexed-qa.js").then((m) => m.createIndexedQa(storiesFor, loadTexts, answerer));
    return engine;
  };
  // A question asked right after /add waits for that story's index.
  let indexing: Promise<unknown> = Promise.resolve();
  const ready = async () => {
    await indexing;
    return (await load()).qa;
  };
  const qa: QaService = {
    whoSaid: async (...args) => (await ready()).whoSaid(...args),
    quotesBy: async (...args) => (await ready()).quotesBy(...args),
    ask: async (...args) => (await ready()).ask(...args),
  };
  return {
    qa,
    /** Indexes a story's article text for the engine as it is added. */
    remember(storyId: string, articles: number, text: string, title?: string): void {
      indexing = load()
        .then((e) => e.remember(storyId, articles, text, title))
        .catch(() => {});
    },
  };
}

export type QuestionService = ReturnType<typeof createQuestionService>;
