import { analyseEntities, finalEntities } from "../analysis/entities.js";
import { extractQuotes } from "../analysis/quotes.js";
import { prepareText } from "../text/prepare.js";
import { buildStoryIndex, type StoryIndex } from "./story-index.js";

/**
 * Indexes one article straight from its text: sentences, entities and attributed quotes, without
 * the key points and open questions a full brief also computes (the command line and evaluations
 * answer questions about articles that were never stored).
 */
export function indexArticle(storyId: string, input: { text: string; title?: string }): StoryIndex {
  const prepared = prepareText(input.text, { detectTitle: input.title === undefined });
  const analysis = analyseEntities(prepared);
  const quotes = extractQuotes(prepared, analysis);
  return buildStoryIndex(storyId, prepared, {
    title: input.title ?? prepared.title ?? "",
    quotes,
    entities: finalEntities(analysis.entities),
  });
}
