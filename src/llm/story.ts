import type { StoryBrief } from "../core/types.js";
import { contentCoverage } from "./words.js";

/**
 * One brief for a story told by several articles. Each article is briefed (and cached, and
 * grounded against its own text) on its own, so no prompt ever holds more than one article and
 * every sentence id stays meaningful; the briefs are then merged here, each item tagged with the
 * article it comes from.
 */

/** Key points that reuse this share of another's content words say the same thing. */
const SAME_POINT = 0.7;
const MAX_KEY_POINTS = 8;
const MAX_QUESTIONS = 5;

export interface ArticleBrief {
  /** Article id, copied into `article` of every item. */
  id: string;
  brief: StoryBrief;
}

function interleave<T>(lists: T[][]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) out.push(list[i]);
  return out;
}

export function mergeStoryBriefs(parts: ArticleBrief[]): StoryBrief {
  if (parts.length === 0) throw new Error("a story needs at least one article");
  if (parts.length === 1) return parts[0].brief;
  const [first] = parts;
  const keyPoints: StoryBrief["keyPoints"] = [];
  for (const kp of interleave(parts.map((p) => p.brief.keyPoints.map((k) => ({ ...k, article: p.id }))))) {
    if (keyPoints.length >= MAX_KEY_POINTS) break;
    const repeats = keyPoints.some((k) => contentCoverage(kp.text, k.text).share >= SAME_POINT);
    if (!repeats) keyPoints.push(kp);
  }
  const quotes = parts.flatMap((p) => p.brief.quotes.map((q) => ({ ...q, article: p.id })));
  const seenQuotes = new Set<string>();
  const uniqueQuotes = quotes.filter((q) => {
    const key = q.quote.toLowerCase().replace(/\W+/g, " ").trim();
    if (seenQuotes.has(key)) return false;
    seenQuotes.add(key);
    return true;
  });
  const openQuestions = interleave(
    parts.map((p) => p.brief.openQuestions.map((o) => ({ ...o, article: p.id }))),
  ).slice(0, MAX_QUESTIONS);
  const entities = new Map<string, StoryBrief["entities"][number]>();
  for (const p of parts) for (const e of p.brief.entities) if (!entities.has(e.name)) entities.set(e.name, e);
  const llm = parts.filter((p) => p.brief.engine === "llm");
  const dropped = parts.reduce((n, p) => n + (p.brief.dropped ?? 0), 0);
  return {
    title: first.brief.title,
    engine: llm.length > 0 ? "llm" : "extractive",
    engineVersion: (llm[0] ?? first).brief.engineVersion,
    language: first.brief.language,
    keyPoints,
    quotes: uniqueQuotes,
    openQuestions,
    // Sentence ids in entities are per article; the story keeps the first article's mentions.
    entities: [...entities.values()],
    notes: [...new Set(parts.flatMap((p) => p.brief.notes))],
    ...(llm.length > 0 ? { dropped } : {}),
  };
}
