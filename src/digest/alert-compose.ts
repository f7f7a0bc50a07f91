import type { StoredStory, StoryLink } from "../store/types.js";
import type { AlertMessage, AlertSnapshot } from "./alert-types.js";
import { topQuoteOf, topQuoteView } from "./compose.js";

export { whatChanged } from "./what-changed.js";

/** The channel an alert goes to. */
export interface AlertTarget {
  tenantId: string;
  channelId: string;
  channelExternalId: string;
}

/** What the story says now, as the next update will compare it. */
export function snapshotOf(story: StoredStory): AlertSnapshot {
  return {
    keyPoints: story.brief.keyPoints.map((k) => k.text),
    quotes: story.brief.quotes.map((q) => q.quote),
  };
}

/** A new story as one compact message: title (linked), two key points, the top quote. */
export function composeAlert(
  target: AlertTarget,
  story: StoredStory,
  links: StoryLink[],
  notify?: string,
): AlertMessage {
  const keyPoints = story.brief.keyPoints.slice(0, 2).map((k) => k.text);
  const quote = topQuoteOf(story.brief.quotes, keyPoints);
  const link = links[0];
  return {
    kind: "alert",
    ...target,
    title: story.brief.title || story.title,
    ...(link ? { url: link.url, siteName: link.siteName } : {}),
    lines: keyPoints,
    ...(quote ? { topQuote: topQuoteView(quote) } : {}),
    ...(notify ? { notify } : {}),
    snapshot: snapshotOf(story),
  };
}

/** An "Update:" for a story the channel was alerted to, replying to its first alert when known. */
export function composeUpdate(
  target: AlertTarget,
  story: StoredStory,
  links: StoryLink[],
  changes: string[],
  replyTo?: string,
  notify?: string,
): AlertMessage {
  const link = links.at(-1);
  return {
    kind: "update",
    ...target,
    title: `Update: ${story.brief.title || story.title}`,
    ...(link ? { url: link.url, siteName: link.siteName } : {}),
    lines: changes,
    ...(replyTo ? { replyTo } : {}),
    ...(notify ? { notify } : {}),
    snapshot: snapshotOf(story),
  };
}

/** Titles a fold lists before "…"; the count covers them all. */
const FOLD_TITLES = 10;

/**
 * Stories past the hourly limit, in one message: "And 9 more stories" with how to see them. Its
 * story ids, in the order listed, let a reply in its thread ("2 more") be answered about them.
 */
export function composeFold(
  target: AlertTarget,
  folded: { storyId: string; title: string }[],
  limit: number,
): AlertMessage {
  const titles = folded.map((f) => f.title);
  const n = titles.length;
  const shown = titles.slice(0, FOLD_TITLES);
  return {
    kind: "fold",
    ...target,
    storyIds: folded.map((f) => f.storyId),
    title: `And ${n} more ${n === 1 ? "story" : "stories"}`,
    lines: n > shown.length ? [...shown, `… and ${n - shown.length} more`] : shown,
    footer: `This channel gets at most ${limit} alerts an hour; the rest are folded here. See them with /stories, read one with /summary <title>.`,
  };
}
