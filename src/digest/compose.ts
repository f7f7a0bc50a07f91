import type { Quote } from "../core/types.js";
import type { CandidateRef, DigestCandidate, ShownStory } from "../store/types.js";
import { normaliseWords } from "./filter.js";
import { DEFAULT_DIGEST_OPTIONS, type DigestOptions } from "./options.js";
import { formatSlot } from "./schedule.js";
import type { Digest, DigestItem } from "./types.js";
import { whatChanged } from "./what-changed.js";

export interface ComposeInput {
  tenantId: string;
  channelId: string;
  channelExternalId: string;
  slot: Date;
  timezone: string;
  /** The chosen stories, best first (see rankCandidates). */
  picked: DigestCandidate[];
  postEmpty: boolean;
  missedSlots?: number;
  /** The channel's digest options (default: full layout, every section). */
  options?: DigestOptions;
}

/**
 * Rank: more sources weigh more (a story several feeds carry matters more); every day of age
 * costs one point. Newer and more important stories come first; ties go to the newest.
 */
export function storyScore(c: Pick<CandidateRef, "updatedAt" | "articleCount">, at: Date): number {
  const ageDays = Math.max(0, at.getTime() - Date.parse(c.updatedAt)) / 86_400_000;
  return Math.log2(1 + c.articleCount) - ageDays;
}

/** The best `max` candidates, best first. */
export function rankCandidates(refs: CandidateRef[], at: Date, max: number): CandidateRef[] {
  return refs
    .map((c) => ({ c, score: storyScore(c, at) }))
    .sort((a, b) => b.score - a.score || b.c.updatedAt.localeCompare(a.c.updatedAt))
    .slice(0, max)
    .map(({ c }) => c);
}

/**
 * What an updated story adds, in the words alert updates use (what-changed.ts): a key point whose
 * number changed ("Changed: 12 → 15: …"), a new key point ("New: …"); else the newest source.
 * The channel's record of a digest keeps key points only, so new quotes are not compared here.
 */
function whatIsNew(c: DigestCandidate, keyPoints: string[]): string[] {
  const fresh = whatChanged(
    { keyPoints: c.shown?.keyPoints ?? [], quotes: [] },
    { keyPoints, quotes: [] },
    2,
  );
  if (fresh.length) return fresh;
  const newest = c.links.at(-1);
  return [newest ? `New reporting: ${newest.title}` : "The story was revised since the last digest"];
}

/** Words of a text, lower case and accent-free, joined by single spaces and padded for containment. */
const wordsOf = (text: string) => ` ${normaliseWords(text).join(" ")} `;

/**
 * Whether a key point and a quote say the same words: one contains the other (ignoring case,
 * accents and punctuation), so showing both would repeat the quote.
 */
export function repeatsQuote(keyPoint: string, quote: string): boolean {
  const k = wordsOf(keyPoint);
  const q = wordsOf(quote);
  // A key point inside a quote counts only when it is more than a word or two of it.
  return q.trim() !== "" && (k.includes(q) || (q.includes(k) && k.trim().split(" ").length >= 4));
}

/**
 * The top quote: one whose speaker is sure, else any attributed one, and never a quote the key
 * points shown already carry (compared on words: case, accents and punctuation aside).
 */
export function topQuoteOf<Q extends { quote: string; speaker: string | null; speakerConfidence?: string }>(
  quotes: readonly Q[],
  keyPoints: readonly string[],
): Q | undefined {
  const fresh = quotes.filter((q) => !keyPoints.some((k) => repeatsQuote(k, q.quote)));
  return (
    fresh.find((q) => q.speaker && q.speakerConfidence === "high") ?? fresh.find((q) => q.speaker) ?? fresh[0]
  );
}

/** What a digest item or an alert shows of its top quote: the words, the speaker and how sure. */
export function topQuoteView(quote: Quote): NonNullable<DigestItem["topQuote"]> {
  return {
    quote: quote.quote,
    speaker: quote.speaker,
    ...(quote.role ? { role: quote.role } : {}),
    ...(quote.speakerConfidence ? { speakerConfidence: quote.speakerConfidence } : {}),
  };
}

function toItem(c: DigestCandidate, options: DigestOptions): DigestItem {
  const brief = c.story.brief;
  const all = brief.keyPoints.map((k) => k.text);
  const quote = options.sections.includes("quote") ? topQuoteOf(brief.quotes, all.slice(0, 3)) : undefined;
  // A quote shown as the top quote is not shown again as a key point.
  const pointLimit = options.layout === "compact" ? 1 : 3;
  const keyPoints = options.sections.includes("points")
    ? all.filter((k) => !quote || !repeatsQuote(k, quote.quote)).slice(0, pointLimit)
    : [];
  const question = options.sections.includes("question") ? brief.openQuestions[0]?.question : undefined;
  return {
    storyId: c.story.id,
    version: c.story.version,
    title: brief.title || c.story.title,
    links: c.links.slice(0, 3),
    keyPoints,
    ...(quote ? { topQuote: topQuoteView(quote) } : {}),
    ...(question ? { openQuestion: question } : {}),
    ...(c.shown ? { updated: { whatIsNew: whatIsNew(c, all) } } : {}),
    allKeyPoints: all,
  };
}

/** Builds the digest for one slot; undefined when there is nothing new and empty posts are off. */
export function composeDigest(input: ComposeInput): Digest | undefined {
  const options = input.options ?? DEFAULT_DIGEST_OPTIONS;
  const ranked = input.picked.map((c) => toItem(c, options));
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

/** The story versions a posted digest showed, as the store records them for the channel. */
export function shownOf(digest: Digest): ShownStory[] {
  return digest.items.map((i) => ({ storyId: i.storyId, version: i.version, keyPoints: i.allKeyPoints }));
}
