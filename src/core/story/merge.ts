import type { Entity, KeyPoint, OpenQuestion, Quote, StoryBrief } from "../types.js";
import { jaccard, words } from "./minhash.js";

/** One article's brief within a story. */
export interface ArticleBrief {
  /** Article id; every merged item cites it in its `article` field. */
  article: string;
  brief: StoryBrief;
}

/** Word-set similarity from which two key points or questions say the same thing. */
const SAME_POINT = 0.6;

function wordSet(s: string): Set<string> {
  return new Set(words(s));
}

/** Quote text compared without case, punctuation, quote style or spacing. */
function quoteKey(q: string): string {
  return words(q).join(" ");
}

/**
 * Merges the briefs of a story's articles into one: the first brief (the primary article, e.g.
 * the earliest or most complete) leads; key points are interleaved by rank across articles,
 * dropping ones that repeat an earlier point; quotes are deduplicated (the same words, or one
 * quote contained in a longer one) keeping the fullest form and a known speaker; open questions
 * likewise; entities are united by name and alias. Every item cites its article.
 */
export function mergeStoryBriefs(parts: ArticleBrief[]): StoryBrief {
  if (parts.length === 0) throw new Error("mergeStoryBriefs needs at least one brief");
  const primary = parts[0].brief;

  const keyPoints: KeyPoint[] = [];
  const pointSets: Set<string>[] = [];
  const maxPoints = Math.max(...parts.map((p) => p.brief.keyPoints.length));
  for (let rank = 0; rank < maxPoints; rank++) {
    for (const { article, brief } of parts) {
      const kp = brief.keyPoints[rank];
      if (!kp) continue;
      const set = wordSet(kp.text);
      if (pointSets.some((s) => jaccard(s, set) >= SAME_POINT)) continue;
      pointSets.push(set);
      keyPoints.push({ ...kp, article: kp.article ?? article });
    }
  }

  const quotes: Quote[] = [];
  for (const { article, brief } of parts) {
    for (const q of brief.quotes) {
      const key = quoteKey(q.quote);
      if (!key) continue;
      const i = quotes.findIndex((o) => {
        const ok = quoteKey(o.quote);
        return ok === key || ok.includes(key) || key.includes(ok);
      });
      const cited = { ...q, article: q.article ?? article };
      if (i < 0) {
        quotes.push(cited);
        continue;
      }
      const existing = quotes[i];
      const longer = quoteKey(q.quote).length > quoteKey(existing.quote).length;
      // Keep the fuller quote; never trade a named speaker for an unknown one.
      if (longer && (q.speaker || !existing.speaker)) quotes[i] = cited;
      else if (!existing.speaker && q.speaker)
        quotes[i] = { ...existing, speaker: q.speaker, role: existing.role ?? q.role };
    }
  }

  const openQuestions: OpenQuestion[] = [];
  const questionSets: Set<string>[] = [];
  for (const { article, brief } of parts) {
    for (const oq of brief.openQuestions) {
      const set = wordSet(oq.question);
      if (questionSets.some((s) => jaccard(s, set) >= SAME_POINT)) continue;
      questionSets.push(set);
      openQuestions.push({ ...oq, article: oq.article ?? article });
    }
  }

  return {
    title: primary.title || parts.find((p) => p.brief.title)?.brief.title || "",
    engine: primary.engine,
    engineVersion: [...new Set(parts.map((p) => p.brief.engineVersion))].join("+"),
    language: primary.language,
    keyPoints,
    quotes,
    openQuestions,
    entities: mergeEntities(parts),
    notes: [...new Set(parts.flatMap((p) => p.brief.notes))],
    ...(parts.some((p) => p.brief.dropped)
      ? { dropped: parts.reduce((n, p) => n + (p.brief.dropped ?? 0), 0) }
      : {}),
  };
}

/**
 * Entities united across articles when a name or alias matches (case-insensitive). Sentence ids
 * are per article, so the merged entity keeps those of the first article that names it.
 */
function mergeEntities(parts: ArticleBrief[]): Entity[] {
  const merged: Entity[] = [];
  const keys = (e: Entity) => [e.name, ...e.aliases].map((n) => words(n).join(" ")).filter(Boolean);
  for (const { brief } of parts) {
    for (const e of brief.entities) {
      const ek = keys(e);
      const found = merged.find((m) => m.type === e.type && keys(m).some((k) => ek.includes(k)));
      if (!found) {
        merged.push({ ...e, aliases: [...e.aliases] });
        continue;
      }
      // The fullest form becomes the name ("Joe Biden" over "Biden").
      if (e.name.length > found.name.length) {
        found.aliases = [...new Set([...found.aliases, found.name])];
        found.name = e.name;
      }
      found.aliases = [...new Set([...found.aliases, ...e.aliases])].filter((a) => a !== found.name);
      if (!found.role && e.role) found.role = e.role;
    }
  }
  return merged;
}
