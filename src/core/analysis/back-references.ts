import type { ResolveContext, Speaker } from "./attribution.js";
import { mentionIndexAt } from "./entities.js";
import { ROLE_NOUNS, SOURCE_NOUNS } from "./lexicon.js";

/**
 * Speakers the text refers back to rather than names: "it" for the document just named, and "the
 * adviser" for the source introduced earlier.
 */

/** Only recent speakers matter, and bounding them keeps long texts linear. */
export const RECENT_SPEAKERS = 30;

/**
 * `"…," it read.` — "it" is the document or sign the story just named ("Thursday's memo from the
 * panel", "his website", "a sign of her own"), in this sentence or the two before.
 */
export function resolveIt(at: number, ctx: ResolveContext): Speaker | null {
  const here = ctx.sentenceOf(at);
  let from = ctx.sentenceStart(at);
  for (let k = 0; k < 2 && from > 0; k++) {
    let end = from - 1;
    while (end > 0 && /\s/.test(ctx.text[end])) end--;
    from = ctx.sentenceStart(end);
  }
  // `"…," the company wrote in its statement. It added, "…"` — a speaker that is not a person and
  // spoke just before goes on speaking.
  const last = ctx.previous[ctx.previous.length - 1];
  if (last && last.kind !== "person" && last.at >= from && last.at < at) return { ...last, at };
  let best: { name: string; at: number } | null = null;
  for (const m of ctx.text.slice(from, at).matchAll(SOURCE_PHRASE)) {
    const pos = from + (m.index ?? 0);
    if (ctx.insideQuote(pos) || here - ctx.sentenceOf(pos) > 2) continue;
    const head = m[2].toLowerCase();
    if (SOURCE_NOUNS.has(head)) best = { name: m[1].trim(), at: pos };
  }
  return best ? { name: best.name, kind: "description", at } : null;
}

// A determiner or owner, up to three modifiers, and a head noun, with an "of/from …" tail.
const SOURCE_PHRASE =
  /\b((?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|\p{Lu}[\p{L}-]*['’]s?)\s+(?:[\p{L}-]+\s+){0,3}?([\p{L}-]+)(?:\s+(?:from|of)\s+(?:the\s+|her\s+|his\s+)?[\p{L}-]+(?:\s+own)?)?)/gu;

// Words that make the stretch before the role noun a phrase or clause, not its modifiers.
const NOT_IN_DESCRIPTION =
  /\s(?:of|to|be|is|was|are|were|in|on|at|for|with|by|from|that|who|which|and|or|but|as|than|if|not|his|her|their|its|he|she|they)\s/i;

/**
 * "the adviser said" → the speaker introduced earlier as "One senior Biden adviser", or a named
 * person whose role is "adviser"; the nearest earlier one wins.
 */
export function linkDescription(p: string, at: number, ctx: ResolveContext): Speaker | null {
  const head = p.split(/\s+/).pop()?.toLowerCase() ?? "";
  if (!ROLE_NOUNS.has(head)) return null;
  let bestAt = -1;
  let best: Speaker | null = null;
  for (const s of ctx.previous.slice(-RECENT_SPEAKERS)) {
    const text = `${s.name} ${s.role ?? ""}`.toLowerCase();
    if (new RegExp(`\\b${head}\\b`).test(text) && s.at < at && s.at > bestAt) {
      bestAt = s.at;
      best = s;
    }
  }
  const window = ctx.text.slice(Math.max(0, at - 4000), at);
  const re = new RegExp(`\\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\\s+((?:[\\p{L}'-]+\\s+){0,5}?)${head}\\b`, "gu");
  for (const m of window.matchAll(re)) {
    const pos = Math.max(0, at - 4000) + (m.index ?? 0);
    // "one of her qualifications to be president" is no introduction of a president.
    if (NOT_IN_DESCRIPTION.test(` ${m[1]} `)) continue;
    if (pos > bestAt && !ctx.insideQuote(pos)) {
      bestAt = pos;
      best = { name: m[0], kind: "description", at: pos };
    }
  }
  const mentions = ctx.analysis.mentions;
  for (
    let i = mentionIndexAt(mentions, Math.max(0, at - 4000));
    i < mentions.length && mentions[i].start < at;
    i++
  ) {
    const m = mentions[i];
    if (m.start <= bestAt || !m.role) continue;
    if (new RegExp(`\\b${head}\\b`, "i").test(m.role)) {
      bestAt = m.start;
      const e = ctx.analysis.entities[m.entity];
      best = { name: e.name, role: m.role, entity: m.entity, kind: "person", at: m.start };
    }
  }
  return best ? { ...best, at } : null;
}
