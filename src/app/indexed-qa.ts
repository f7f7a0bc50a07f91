import { indexArticle } from "../core/qa/article.js";
import { answerQuestion, quotesBySpeaker, type StoryIndex, whoSaid } from "../core/qa/index.js";
import type { QaService, StoryView } from "./services.js";
import { quotesOf, simpleAnswer, simpleWhoSaid } from "./simple-qa.js";

/** Question indexes kept in memory (built from the article text when a story is added). */
const INDEX_CACHE = 500;

/**
 * Who-said, quotes-by-speaker and questions with the question engine (src/core/qa). The store keeps
 * briefs but no story → article-text lookup, so the engine's indexes live here, built when an
 * article is added (`remember`); stories without one (older than this process, or from feeds) are
 * matched on their briefs by ./simple-qa.ts.
 */
export function createIndexedQa(storiesFor: (tenant: string, storyId?: string) => Promise<StoryView[]>) {
  const indexes = new Map<string, StoryIndex>();

  function split(stories: StoryView[]): { indexed: StoryIndex[]; rest: StoryView[] } {
    const indexed: StoryIndex[] = [];
    const rest: StoryView[] = [];
    for (const st of stories) {
      const index = indexes.get(st.id);
      if (index) indexed.push(index);
      else rest.push(st);
    }
    return { indexed, rest };
  }

  const titlesOf = (stories: StoryView[]) => new Map(stories.map((st) => [st.id, st.title]));

  const qa: QaService = {
    async whoSaid(tenant, fragment, storyId) {
      const stories = await storiesFor(tenant, storyId);
      const { indexed, rest } = split(stories);
      const titles = titlesOf(stories);
      const engine = whoSaid(indexed, fragment).matches.map((m) => ({
        quote: m.quote,
        speaker: m.speaker,
        role: m.role,
        storyId: m.storyId,
        storyTitle: titles.get(m.storyId) ?? "",
        score: m.score,
      }));
      return [...engine, ...simpleWhoSaid(quotesOf(rest), fragment)];
    },
    async quotesBy(tenant, speaker, storyId) {
      const stories = await storiesFor(tenant, storyId);
      if (!speaker) return quotesOf(stories);
      const { indexed, rest } = split(stories);
      const titles = titlesOf(stories);
      const s = speaker.toLowerCase();
      return [
        ...quotesBySpeaker(indexed, speaker).map((q) => ({
          ...q,
          storyTitle: titles.get(q.storyId) ?? "",
          score: 1,
        })),
        ...quotesOf(rest).filter(
          (q) => q.speaker?.toLowerCase().includes(s) || (q.role ?? "").toLowerCase().includes(s),
        ),
      ];
    },
    async ask(tenant, question, storyId) {
      const stories = await storiesFor(tenant, storyId);
      const { indexed, rest } = split(stories);
      if (indexed.length) {
        const a = answerQuestion(indexed, question);
        if (a.answer) {
          return {
            answer: a.answer,
            sentences: a.sentences.map((x) => x.text),
            storyId: a.storyId,
            storyTitle: stories.find((st) => st.id === a.storyId)?.title,
          };
        }
      }
      return simpleAnswer(rest, question);
    },
  };

  return {
    qa,
    /** Indexes a story's article text for the engine (most recent INDEX_CACHE stories kept). */
    remember(storyId: string, text: string, title?: string): void {
      indexes.delete(storyId);
      indexes.set(storyId, indexArticle(storyId, { text, title }));
      while (indexes.size > INDEX_CACHE) indexes.delete(indexes.keys().next().value!);
    },
  };
}
