import { indexArticle } from "../core/qa/article.js";
import {
  answerQuestion,
  buildStoryIndex,
  quotesBySpeaker,
  type StoryIndex,
  type WhoSaidMatch,
  whoSaid,
} from "../core/qa/index.js";
import { prepareText } from "../core/text/prepare.js";
import type { QaService, QuoteMatch, StoryView } from "./services.js";

/** Question indexes kept in memory, least recently used dropped first. */
const INDEX_CACHE = 500;

/**
 * Answers a question from one story's index with the model (src/llm, grounded in the retrieved
 * sentences); null when the model is off, fails or finds no support — the engine's answer stands.
 */
export type ModelAnswerer = (
  tenant: string,
  question: string,
  index: StoryIndex,
) => Promise<{ answer: string; sentences: string[] } | null>;

/** Story id → its stored articles' text and title, in the order they joined (tenant-scoped). */
export type ArticleTextLoader = (
  tenant: string,
  storyIds: string[],
) => Promise<Map<string, { text: string; title: string }[]>>;

/**
 * Who-said, quotes-by-speaker and questions with the question engine (src/core/qa). A story's
 * index is built when its article is added (`remember`), or on first use from the article texts
 * the store keeps plus the stored brief (after a restart, or for stories from feeds). A story whose
 * article text is missing has no index: it answers no question or quote fragment (there is no text
 * to find them in), and only its brief's quotes are listed by speaker.
 */
export function createIndexedQa(
  storiesFor: (tenant: string, storyId?: string) => Promise<StoryView[]>,
  articleTexts?: ArticleTextLoader,
  answerWithModel?: ModelAnswerer,
) {
  // Keyed by story id; `articles` notes how many articles the index saw, so a story a feed item
  // joined since is indexed again. Map order is recency of use (LRU).
  const indexes = new Map<string, { index: StoryIndex; articles: number }>();

  function keep(storyId: string, index: StoryIndex, articles: number): void {
    indexes.delete(storyId);
    indexes.set(storyId, { index, articles });
    while (indexes.size > INDEX_CACHE) indexes.delete(indexes.keys().next().value!);
  }

  function cached(st: StoryView): StoryIndex | undefined {
    const entry = indexes.get(st.id);
    if (!entry || entry.articles !== st.articleCount) return undefined;
    keep(st.id, entry.index, entry.articles);
    return entry.index;
  }

  async function split(tenant: string, stories: StoryView[]) {
    const missing = stories.filter((st) => !cached(st));
    if (missing.length && articleTexts) {
      const texts = await articleTexts(
        tenant,
        missing.map((st) => st.id),
      );
      for (const st of missing) {
        const articles = (texts.get(st.id) ?? []).filter((a) => a.text.trim());
        if (!articles.length) continue;
        // The brief's sentence numbers count from its first article, which leads the joined text;
        // its title line was detected the way the brief's was (only when the article had none).
        const text = articles.map((a) => a.text).join("\n\n");
        const prepared = prepareText(text, { detectTitle: !articles[0]!.title });
        keep(st.id, buildStoryIndex(st.id, prepared, { ...st.brief, title: st.title }), st.articleCount);
      }
    }
    const indexed: StoryIndex[] = [];
    const rest: StoryView[] = [];
    for (const st of stories) {
      const index = indexes.get(st.id);
      if (index && index.articles === st.articleCount) indexed.push(index.index);
      else rest.push(st);
    }
    return { indexed, rest };
  }

  const titlesOf = (stories: StoryView[]) => new Map(stories.map((st) => [st.id, st.title]));

  const qa: QaService = {
    async whoSaid(tenant, fragment, storyId) {
      const stories = await storiesFor(tenant, storyId);
      const { indexed } = await split(tenant, stories);
      const titles = titlesOf(stories);
      const result = whoSaid(indexed, fragment);
      const toQuoteMatch = (m: WhoSaidMatch) => ({
        quote: m.quote,
        speaker: m.speaker,
        role: m.role,
        ...(m.speakerConfidence ? { speakerConfidence: m.speakerConfidence } : {}),
        storyId: m.storyId,
        storyTitle: titles.get(m.storyId) ?? "",
        score: m.score,
      });
      const found = result.matches.map(toQuoteMatch);
      // Nothing matched: the nearest quote, when it is close, so the user can tell a misremembered
      // quote from one the stories do not have (marked, never shown as the answer).
      if (!found.length && result.closest) return [{ ...toQuoteMatch(result.closest), closest: true }];
      return found;
    },
    async quotesBy(tenant, speaker, storyId) {
      const stories = await storiesFor(tenant, storyId);
      if (!speaker) return quotesOf(stories);
      const { indexed, rest } = await split(tenant, stories);
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
      const { indexed } = await split(tenant, stories);
      if (indexed.length) {
        const a = answerQuestion(indexed, question);
        if (a.answer) {
          // The engine picks the story and says whether it covers the question at all; the model, when
          // configured, words the answer from that story's best sentences (checked in src/llm).
          const index = answerWithModel && indexed.find((ix) => ix.storyId === a.storyId);
          const modelAnswer = index ? await answerWithModel(tenant, question, index) : null;
          return {
            ...(modelAnswer ?? { answer: a.answer, sentences: a.sentences.map((x) => x.text) }),
            storyId: a.storyId,
            storyTitle: stories.find((st) => st.id === a.storyId)?.title,
          };
        }
      }
      return { answer: null, sentences: [] };
    },
  };

  return {
    qa,
    /** Indexes a story's article text for the engine as it is added. */
    remember(storyId: string, articles: number, text: string, title?: string): void {
      keep(storyId, indexArticle(storyId, { text, title }), articles);
    },
  };
}

/** Every quote of the stories' briefs, in story order (a listing, not a match: score 0). */
function quotesOf(stories: StoryView[]): QuoteMatch[] {
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
