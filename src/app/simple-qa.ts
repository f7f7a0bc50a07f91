import type { Answer, QuoteMatch, StoryView } from "./services.js";

/**
 * Word-overlap matching over the stories' briefs: the stand-in until the question-answering
 * engine (src/core/qa) is wired in. Deliberately simple and predictable.
 */

export function quotesOf(stories: StoryView[]): QuoteMatch[] {
  return stories.flatMap((s) =>
    s.brief.quotes.map((q) => ({
      quote: q.quote,
      speaker: q.speaker,
      role: q.role,
      ...(q.speakerConfidence ? { speakerConfidence: q.speakerConfidence } : {}),
      storyId: s.id,
      storyTitle: s.title,
      score: 0,
    })),
  );
}

/** Quotes sharing at least half of the fragment's words, best first. */
export function simpleWhoSaid(quotes: QuoteMatch[], fragment: string): QuoteMatch[] {
  return quotes
    .map((q) => ({ ...q, score: overlap(fragment, q.quote) }))
    .filter((q) => q.score >= 0.5)
    .sort((a, b) => b.score - a.score);
}

/** The key point sharing the most of the question's words, when it shares enough. */
export function simpleAnswer(stories: StoryView[], question: string): Answer {
  let best: { score: number; sentence: string; story: StoryView } | undefined;
  for (const story of stories) {
    for (const kp of story.brief.keyPoints) {
      const score = overlap(question, kp.text);
      if (score > (best?.score ?? 0.3)) best = { score, sentence: kp.text, story };
    }
  }
  if (!best) return { answer: null, sentences: [] };
  return {
    answer: best.sentence,
    sentences: [best.sentence],
    storyId: best.story.id,
    storyTitle: best.story.title,
  };
}

const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []);

/** Share of the query's words found in the text (0..1). */
export function overlap(query: string, text: string): number {
  const q = words(query);
  if (!q.size) return 0;
  const t = words(text);
  let hit = 0;
  for (const w of q) if (t.has(w)) hit++;
  return hit / q.size;
}
