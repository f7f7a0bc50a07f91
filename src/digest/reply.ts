import { type PrintReceipts, printOnce } from "../platforms/console/receipts.js";
import { formatQuote } from "../render/brief.js";
import type { Reply, ReplySection } from "../render/reply.js";
import { isWebUrl } from "../render/reply.js";
import { renderText } from "../render/text.js";
import { formatSlot } from "./schedule.js";
import type { Digest, DigestPoster } from "./types.js";

/**
 * The digest as a neutral Reply, so the Discord, Slack and console renderers (which escape
 * text and neutralise mentions) turn it into messages: one section per story.
 */
export function digestToReply(digest: Digest): Reply {
  const sections: ReplySection[] = digest.items.map((item) => {
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
      heading: item.updated ? `${item.title} (updated)` : item.title,
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
    footer: `${digest.items.length} ${digest.items.length === 1 ? "story" : "stories"} · ${formatSlot(new Date(digest.slot), digest.timezone)} ${digest.timezone}`,
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
      printOnce(write, () => renderText(digestToReply(digest)), context, receipts);
      n++;
      return { messageId: `console-${context.nonce}-${n}` };
    },
  };
}
