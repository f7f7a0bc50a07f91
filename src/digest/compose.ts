import type { DigestCandidate } from "../store/types.js";
import { formatSlot } from "./schedule.js";
import type { Digest, DigestItem } from "./types.js";

export interface ComposeInput {
  tenantId: string;
  channelId: string;
  channelExternalId: string;
  slot: Date;
  timezone: string;
  candidates: DigestCandidate[];
  maxStories: number;
  postEmpty: boolean;
  missedSlots?: number;
}

/**
 * Rank: more sources and a quotable story weigh more; every day of age costs one point.
 * Newer and more important stories come first; ties go to the newest.
 */
export function storyScore(c: DigestCandidate, at: Date): number {
  const ageDays = Math.max(0, at.getTime() - Date.parse(c.story.updatedAt)) / 86_400_000;
  const sources = Math.log2(1 + c.story.articleCount);
  const quotable = c.story.brief.quotes.length > 0 ? 0.5 : 0;
  return sources + quotable - ageDays;
}

/** What an updated story adds: key points the channel has not seen, else the newest source. */
function whatIsNew(c: DigestCandidate, keyPoints: string[]): string[] {
  const seen = new Set(c.shown?.keyPoints ?? []);
  const fresh = keyPoints.filter((k) => !seen.has(k)).slice(0, 2);
  if (fresh.length) return fresh;
  const newest = c.links.at(-1);
  return [newest ? `New reporting: ${newest.title}` : "The story was revised since the last digest"];
}

function toItem(c: DigestCandidate): DigestItem {
  const brief = c.story.brief;
  const all = brief.keyPoints.map((k) => k.text);
  const quote = brief.quotes.find((q) => q.speaker) ?? brief.quotes[0];
  return {
    storyId: c.story.id,
    version: c.story.version,
    title: brief.title || c.story.title,
    links: c.links.slice(0, 3),
    keyPoints: all.slice(0, 3),
    ...(quote ? { topQuote: { quote: quote.quote, speaker: quote.speaker } } : {}),
    ...(brief.openQuestions[0] ? { openQuestion: brief.openQuestions[0].question } : {}),
    ...(c.shown ? { updated: { whatIsNew: whatIsNew(c, all) } } : {}),
    allKeyPoints: all,
  };
}

/** Builds the digest for one slot; undefined when there is nothing new and empty posts are off. */
export function composeDigest(input: ComposeInput): Digest | undefined {
  const ranked = input.candidates
    .map((c) => ({ c, score: storyScore(c, input.slot) }))
    .sort((a, b) => b.score - a.score || b.c.story.updatedAt.localeCompare(a.c.story.updatedAt))
    .slice(0, input.maxStories)
    .map(({ c }) => toItem(c));
  if (!ranked.length && !input.postEmpty) return undefined;
  return {
    tenantId: input.tenantId,
    channelId: input.channelId,
    channelExternalId: input.channelExternalId,
    slot: input.slot.toISOString(),
    timezone: input.timezone,
    title: `News digest — ${formatSlot(input.slot, input.timezone)}`,
    items: ranked,
    ...(input.missedSlots && input.missedSlots > 1 ? { catchUp: { missedSlots: input.missedSlots } } : {}),
    nothingNew: ranked.length === 0,
  };
}
