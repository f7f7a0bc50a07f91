import { buildExtractiveBrief } from "../core/analyse.js";
import { prepareText } from "../core/text/prepare.js";
import type { PreparedText, StoryBrief } from "../core/types.js";

/**
 * The prepared text and the extractive brief of an article. Both come from the same
 * `prepareText` defaults, so the sentence ids the model sees are the ids the extractive brief
 * and the grounding check use.
 */
export function analyseForLlm(
  text: string,
  title?: string,
): { prepared: PreparedText; extractive: StoryBrief } {
  const prepared = prepareText(text);
  const extractive = buildExtractiveBrief({ text, title });
  return { prepared, extractive };
}
