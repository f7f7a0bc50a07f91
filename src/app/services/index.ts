import { createStoryGrouper } from "../../digest/story-grouper.js";
import type { Services } from "../services.js";
import type { StoreServicesDeps } from "./deps.js";
import { createDigestSettingsService } from "./digests.js";
import { createDmDigestService } from "./dm-digests.js";
import { createFeedService } from "./feeds.js";
import { createQuestionService } from "./questions.js";
import { createServiceScope } from "./scope.js";
import { createStoryService } from "./stories.js";
import { createThreadService } from "./threads.js";

export type { StoreServicesDeps } from "./deps.js";

/** Services over the persistent store (what `newsdesk start` and the tests run on), one per area. */
export function createStoreServices(deps: StoreServicesDeps): Services {
  const { store } = deps;
  const scope = createServiceScope(store, deps.now);
  const questions = createQuestionService(scope, deps);
  const grouper = deps.grouper ?? createStoryGrouper({ store });
  return {
    threads: createThreadService(store, scope.tenantId, scope.now),
    stories: createStoryService(scope, deps, grouper, questions),
    qa: questions.qa,
    feeds: createFeedService(scope, deps),
    digests: createDigestSettingsService(scope, deps),
    dmDigests: createDmDigestService(scope, deps),
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
}
