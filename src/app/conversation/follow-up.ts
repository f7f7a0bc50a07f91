import { wordsOf } from "./message-text.js";

/**
 * What a message to the bot asks, read from its words (mentions and links already taken out, see
 * message-text.ts). The forms are the ones a person types in a thread under a brief or a digest:
 *
 * - `who said "we are close"` / `who said we are close?` → who said it (like /who)
 * - `more` / `full brief` / `summary` / `details` → the full brief (like /summary)
 * - `what changed?` / `what's new?` / `any updates?` → what the story says now that it did not
 * - anything else → a question (like /ask)
 * - nothing at all → help
 *
 * A digest shows several stories: a leading number (`2 who said …`, `#2 more`, `more 2`) names
 * the item the reply is about.
 */
export type FollowUp =
  | { kind: "help"; item?: number }
  | { kind: "more"; item?: number }
  | { kind: "changed"; item?: number }
  | { kind: "who"; quote: string; item?: number }
  | { kind: "ask"; question: string; item?: number };

const QUOTE_MARKS = /^["'“”‘’«»„]+|["'“”‘’«»„]+$/g;

export function readFollowUp(words: string): FollowUp {
  let text = words.trim();
  let item: number | undefined;
  const lead = /^(?:#|item\s+|no\.?\s*|story\s+)?(\d{1,2})(?:[.:),]\s*|\s+|$)/i.exec(text);
  if (lead) {
    item = Number(lead[1]);
    text = text.slice(lead[0].length).trim();
  }
  const trail = /^(more|full brief|full|summary|details|what changed\??)\s+#?(\d{1,2})[.!?]?$/i.exec(text);
  if (trail && item === undefined) {
    item = Number(trail[2]);
    text = trail[1]!;
  }
  const at = item !== undefined ? { item } : {};
  const bare = text.replace(/[.!?\s]+$/, "").toLowerCase();
  if (!bare) return { kind: "help", ...at };
  if (
    /^(?:tell me )?(?:more|the full brief|full brief|full|summary|details|the brief|brief)(?: please)?$/.test(
      bare,
    )
  )
    return { kind: "more", ...at };
  if (
    /^(?:what(?:'s|’s| is| has)? (?:changed|new)|what changed since|any (?:updates?|news)|updates?)(?: since.*)?$/.test(
      bare,
    )
  )
    return { kind: "changed", ...at };
  const who = /^who\s+(?:said|says|is quoted saying)\s*[:,]?\s*(.+)$/is.exec(text);
  if (who) {
    const quote = who[1]!.trim().replace(/\?+$/, "").trim().replace(QUOTE_MARKS, "").trim();
    if (quote) return { kind: "who", quote, ...at };
    return { kind: "help", ...at };
  }
  return { kind: "ask", question: text, ...at };
}

/**
 * A reply without a mention that the bot answers (in a thread it posted stories in): who said,
 * more, what changed, or a question ending in "?" — not every remark people make to each other.
 */
export function looksLikeFollowUp(text: string): boolean {
  const words = wordsOf(text);
  const ask = readFollowUp(words);
  if (ask.kind === "help") return false;
  if (ask.kind === "ask") return /\?\s*$/.test(words);
  return true;
}
