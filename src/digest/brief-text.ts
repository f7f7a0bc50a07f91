import type { StoredStory } from "../store/types.js";
import type { ItemText } from "./filter.js";

/** What a reader sees of a story, for the mute list: title, key points, quotes, open questions. */
export function briefText(story: StoredStory): ItemText {
  const b = story.brief;
  return {
    title: b.title || story.title,
    text: [
      ...b.keyPoints.map((k) => k.text),
      ...b.quotes.map((q) => q.quote),
      ...b.openQuestions.map((q) => q.question),
    ].join("\n"),
  };
}
