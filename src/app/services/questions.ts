import { createIndexedQa } from "../indexed-qa.js";
import type { StoryView } from "../services.js";
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

  return createIndexedQa(
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
}

export type QuestionService = ReturnType<typeof createQuestionService>;
