import { analyseArticle } from "../core/analyse.js";
import type { PreparedText, StoryBrief } from "../core/types.js";

/**
 * The prepared text and the extractive brief of an article, from one `analyseArticle` run: the
 * sentence ids the model sees are exactly the ids of the extractive brief and of the grounding
 * check (a given title changes how the text is prepared, so both must come from the same call).
 */
export function analyseForLlm(
  text: string,
  title?: string,
): { prepared: PreparedText; extractive: StoryBrief } {
  const { prepared, brief } = analyseArticle({ text, title });
  return { prepared, extractive: brief };
}
