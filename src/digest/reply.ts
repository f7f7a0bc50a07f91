import { type PrintReceipts, printOnce } from "../platforms/console/receipts.js";
import { formatQuote } from "../render/brief.js";
import type { Reply, ReplySection } from "../render/reply.js";
import { isWebUrl } from "../render/reply.js";
import { renderText } from "../render/text.js";
import { formatSlot } from "./schedule.js";
import type { Digest, DigestPoster } from "./types.js";

/** How to talk to a digest, in its footer (the same words on every platform). */
const REPLY_HINT = (numbered: boolean) =>
  numbered ? "reply to ask about a story: 2 more, 2 who said …?" : "reply to ask: more, who said …?";

/**
 * The digest as a neutral Reply, so the Discord, Slack and console renderers (which escape
 * text and neutralise mentions) turn it into messages: one section per story.
 */
export function digestToReply(digest: Digest, options: { replies?: boolean } = {}): Reply {
  // Chat platforms answer replies in a digest's thread; the console has no threads.
  const replies = options.replies ?? true;
  // Numbered when there are several, so a reply in the digest's thread can name one ("2 more").
  const numbered = digest.items.length > 1;
  const sections: ReplySection[] = digest.items.map((item, i) => {
    const lines: string[] = [];
    // Each change on its own line, first: what makes the item worth showing again.
    if (item.updated) lines.push(...item.updated.whatIsNew.map((w) => `Updated — ${w}`));
    lines.push(...item.keyPoints);
    if (item.topQuote) lines.push(formatQuote(item.topQuote));
    if (item.openQuestion) lines.push(`Open question: ${item.openQuestion}`);
    // Given as links, not text: the renderers show article text unlinked, but these are the
    // stories' own addresses, which Newsdesk links on purpose.
    const links = item.links.map((l) => l.url).filter(isWebUrl);
    return {
      heading: `${numbered ? `${i + 1}. ` : ""}${item.title}${item.updated ? " (updated)" : ""}`,
      style: "bullets",
      items: lines,
      ...(links.length ? { links } : {}),
    };
  });
  const intro = digest.nothingNew
    ? "Nothing new since the last digest."
    : digest.catchUp
      ? `Catching up: the bot was offline for ${digest.catchUp.missedSlots} scheduled digests; this one covers them all.`
      : undefined;
  return {
    title: digest.title,
    ...(intro ? { intro } : {}),
    sections,
    footer: `${digest.items.length} ${digest.items.length === 1 ? "story" : "stories"} · ${formatSlot(new Date(digest.slot), digest.timezone)} ${digest.timezone}${replies && digest.items.length ? ` · ${REPLY_HINT(numbered)}` : ""}`,
    tone: "info",
    ephemeral: false,
  };
}

/**
 * A poster that prints digests as plain text (console mode, `digest --run-once`). A run resumed
 * from "posting" (its intent was committed, then the process died) is printed only if `receipts`
 * hold no print of its nonce; without receipts it counts as printed (at most once; ADR 0024).
 */
export function createConsolePoster(write: (text: string) => void, receipts?: PrintReceipts): DigestPoster {
  let n = 0;
  return {
    async post(digest, context) {
      printOnce(write, () => renderText(digestToReply(digest, { replies: false })), context, receipts);
      n++;
      return { messageId: `console-${context.nonce}-${n}` };
    },
  };
}
