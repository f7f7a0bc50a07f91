import { originalSlice } from "../core/text/prepare.js";
import type { Entity, KeyPoint, OpenQuestion, PreparedText, Quote } from "../core/types.js";
import { hasLiveMention, neutraliseMentions } from "./mentions.js";
import { locateQuote, sentenceIdAt } from "./quote-match.js";
import type { ModelBrief } from "./schema.js";
import { checkSpeaker, speakerConfidenceOf } from "./speaker-check.js";
import { contentCoverage, numbersOf } from "./words.js";

/**
 * The grounding check: nothing the model wrote is shown unless the article supports it. Pure:
 * takes the prepared text and the model's brief, returns what survives and why the rest did not.
 */

export type DropReason =
  | "bad-sentence-id"
  | "no-citation"
  | "unsupported-content"
  | "number-not-in-text"
  | "too-long"
  | "quote-not-in-text"
  | "speaker-pronoun"
  | "speaker-not-in-article"
  | "speaker-not-near-quote"
  | "speaker-contradicted"
  | "duplicate"
  | "cites-instructions";

export interface Dropped {
  kind: "keyPoint" | "quote" | "openQuestion";
  text: string;
  reason: DropReason;
  /** The sentence the model pointed at, to pick a replacement from the same place. */
  sentence?: number;
}

export interface GroundedBrief {
  keyPoints: KeyPoint[];
  quotes: Quote[];
  openQuestions: OpenQuestion[];
  dropped: Dropped[];
}

/** A key point must reuse at least this share of its content words from the sentences it cites. */
const MIN_KEY_POINT_COVERAGE = 0.5;
const MAX_KEY_POINT_CHARS = 400;
const MAX_QUESTION_CHARS = 300;

export interface GroundingContext {
  prepared: PreparedText;
  entities: Entity[];
  /** The deterministic engine's quotes: a quote's own sentence naming their speaker outranks the model. */
  extractiveQuotes: Quote[];
}

/**
 * Sentences that talk to the model rather than the reader: instructions, a fake end of the data
 * block, JSON, mass pings. The prompt already marks the article as data; an item resting on such a
 * sentence is dropped as well, in case the model followed it anyway.
 */
const INSTRUCTION_PATTERNS = [
  /\b(?:ignore|disregard|forget|override)\b.{0,40}\b(?:instructions?|prompts?|rules|above|previous)\b/i,
  /\b(?:system|assistant|developer)\s*(?:prompt|message)?\s*:/i,
  /<<<|>>>/,
  /\{\s*"[^"]+"\s*:/,
  /\byou are now\b/i,
];

export function looksLikeInstructions(sentence: string): boolean {
  return hasLiveMention(sentence) || INSTRUCTION_PATTERNS.some((re) => re.test(sentence));
}

function citedText(prepared: PreparedText, ids: number[]): string | undefined {
  if (ids.some((id) => !Number.isInteger(id) || id < 0 || id >= prepared.sentences.length)) return undefined;
  return ids.map((id) => prepared.sentences[id].text).join(" ");
}

function cleanText(text: string): string {
  return neutraliseMentions(text.replace(/\s+/g, " ").trim());
}

export function checkKeyPoint(
  prepared: PreparedText,
  item: { text: string; sentences: number[] },
): DropReason | undefined {
  const ids = [...new Set(item.sentences)];
  if (ids.length === 0) return "no-citation";
  const cited = citedText(prepared, ids);
  if (cited === undefined) return "bad-sentence-id";
  if (ids.some((id) => looksLikeInstructions(prepared.sentences[id].text))) return "cites-instructions";
  if (item.text.length > MAX_KEY_POINT_CHARS) return "too-long";
  const coverage = contentCoverage(item.text, cited);
  if (coverage.share < MIN_KEY_POINT_COVERAGE || coverage.shared < 1) return "unsupported-content";
  // A number the cited sentences do not contain is the most harmful kind of invention.
  const citedNumbers = new Set(numbersOf(cited));
  if (numbersOf(item.text).some((n) => !citedNumbers.has(n))) return "number-not-in-text";
  return undefined;
}

function checkQuestion(prepared: PreparedText, item: { question: string; sentences: number[] }) {
  const ids = [...new Set(item.sentences)];
  if (ids.length === 0) return "no-citation";
  const cited = citedText(prepared, ids);
  if (cited === undefined) return "bad-sentence-id";
  if (ids.some((id) => looksLikeInstructions(prepared.sentences[id].text))) return "cites-instructions";
  if (item.question.length > MAX_QUESTION_CHARS) return "too-long";
  // An open question goes beyond its sentences by nature; it must still be about them.
  if (contentCoverage(item.question, cited).shared < 1) return "unsupported-content";
  return undefined;
}

/** What models write when they do not know: the same as no speaker. */
const UNKNOWN_SPEAKER = /^(?:unknown|unnamed|unidentified|not (?:stated|given|named)|none|n\/a|null|-)$/i;

/**
 * A role ("chair of the authority") is shown only when the article says it near the quote;
 * otherwise the quote is kept without it, so no title is ever invented.
 */
function supportedRole(
  prepared: PreparedText,
  role: string | null | undefined,
  first: number,
  last: number,
): string | undefined {
  const text = role?.trim();
  if (!text) return undefined;
  const from = prepared.sentences[Math.max(0, first - 8)];
  const to = prepared.sentences[Math.min(prepared.sentences.length - 1, last + 2)];
  const near = prepared.text.slice(from.start, to.end);
  const coverage = contentCoverage(text, near);
  return coverage.shared > 0 && coverage.share >= 0.5 ? text : undefined;
}

export function groundBrief(ctx: GroundingContext, model: ModelBrief): GroundedBrief {
  const { prepared } = ctx;
  const dropped: Dropped[] = [];
  const keyPoints: KeyPoint[] = [];
  for (const kp of model.keyPoints) {
    const reason = checkKeyPoint(prepared, kp);
    if (reason) dropped.push({ kind: "keyPoint", text: kp.text, reason, sentence: kp.sentences[0] });
    else
      keyPoints.push({
        text: cleanText(kp.text),
        sentences: [...new Set(kp.sentences)].sort((a, b) => a - b),
      });
  }

  const quotes: Quote[] = [];
  for (const q of model.quotes) {
    const span = locateQuote(prepared, q.quote, q.sentence);
    if (!span) {
      dropped.push({ kind: "quote", text: q.quote, reason: "quote-not-in-text", sentence: q.sentence });
      continue;
    }
    if (quotes.some((k) => k.start < span.end && span.start < k.end)) {
      dropped.push({ kind: "quote", text: q.quote, reason: "duplicate" });
      continue;
    }
    const firstSentence = sentenceIdAt(prepared, span.start);
    const lastSentence = sentenceIdAt(prepared, Math.max(span.start, span.end - 1));
    if (looksLikeInstructions(prepared.text.slice(span.start, span.end))) {
      dropped.push({ kind: "quote", text: q.quote, reason: "cites-instructions", sentence: firstSentence });
      continue;
    }
    const speaker = q.speaker?.trim() && !UNKNOWN_SPEAKER.test(q.speaker.trim()) ? q.speaker.trim() : null;
    const verdict = checkSpeaker(
      prepared,
      speaker,
      { ...span, firstSentence, lastSentence },
      ctx.entities,
      ctx.extractiveQuotes,
    );
    if (verdict !== "ok") {
      dropped.push({ kind: "quote", text: q.quote, reason: `speaker-${verdict}`, sentence: firstSentence });
      continue;
    }
    const original = originalSlice(prepared, span.start, span.end);
    const role = supportedRole(prepared, q.role, firstSentence, lastSentence);
    quotes.push({
      quote: original,
      speaker: speaker === null ? null : neutraliseMentions(speaker),
      ...(role ? { role: neutraliseMentions(role) } : {}),
      ...(speaker === null
        ? {}
        : { speakerConfidence: speakerConfidenceOf(speaker, span, ctx.extractiveQuotes) }),
      sentence: firstSentence,
      start: span.start,
      end: span.end,
    });
  }

  const openQuestions: OpenQuestion[] = [];
  for (const oq of model.openQuestions) {
    const reason = checkQuestion(prepared, oq);
    if (reason) {
      dropped.push({ kind: "openQuestion", text: oq.question, reason, sentence: oq.sentences[0] });
      continue;
    }
    const text = cleanText(oq.question);
    openQuestions.push({
      question: text.endsWith("?") ? text : `${text.replace(/[.!]+$/, "")}?`,
      sentences: [...new Set(oq.sentences)].sort((a, b) => a - b),
    });
  }
  quotes.sort((a, b) => a.start - b.start);
  return { keyPoints, quotes, openQuestions, dropped };
}
