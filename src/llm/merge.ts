import type { PreparedText, StoryBrief } from "../core/types.js";
import { type GroundedBrief, looksLikeInstructions } from "./grounding.js";
import { neutraliseMentions } from "./mentions.js";
import { notes } from "./notes.js";

/**
 * Turns a grounded LLM brief into the brief the user sees: dropped items are replaced from the
 * extractive brief, and when too little survived the extractive brief is shown instead.
 */

/** Below this share of surviving items (or with no key point left) the LLM brief is not used. */
const MIN_SURVIVING_SHARE = 0.5;

export interface MergeInput {
  grounded: GroundedBrief;
  /** Items the model returned in total (before the check). */
  proposed: number;
  extractive: StoryBrief;
  prepared: PreparedText;
  engineVersion: string;
}

export function mergeWithExtractive({
  grounded,
  proposed,
  extractive,
  prepared,
  engineVersion,
}: MergeInput): StoryBrief {
  // Replacements obey the same rule as the model: nothing resting on text addressed to a bot.
  const usable = (ids: number[]) =>
    ids.every((id) => !looksLikeInstructions(prepared.sentences[id]?.text ?? ""));
  const droppedCount = grounded.dropped.length;
  const surviving = proposed - droppedCount;
  if (proposed === 0 || grounded.keyPoints.length === 0 || surviving / proposed < MIN_SURVIVING_SHARE) {
    return {
      ...extractive,
      notes: [...extractive.notes, notes.tooLittleSurvived(droppedCount, proposed)],
      dropped: droppedCount,
    };
  }

  const keyPoints = [...grounded.keyPoints];
  const cited = new Set(keyPoints.flatMap((k) => k.sentences));
  const droppedKeyPoints = grounded.dropped.filter((d) => d.kind === "keyPoint").length;
  for (const kp of extractive.keyPoints) {
    if (keyPoints.length >= grounded.keyPoints.length + droppedKeyPoints) break;
    if (kp.sentences.some((s) => cited.has(s)) || !usable(kp.sentences)) continue;
    keyPoints.push({ ...kp, text: neutraliseMentions(kp.text) });
    for (const s of kp.sentences) cited.add(s);
  }

  // A dropped quote is best replaced by the deterministic quote from the same sentence.
  const quotes = [...grounded.quotes];
  const overlaps = (a: { start: number; end: number }) =>
    quotes.some((q) => q.start < a.end && a.start < q.end);
  for (const d of grounded.dropped.filter((x) => x.kind === "quote")) {
    const candidates = extractive.quotes.filter((q) => !overlaps(q) && usable([q.sentence]));
    const sameSentence = candidates.find((q) => q.sentence === d.sentence);
    const anyOther = candidates[0];
    const replacement = sameSentence ?? anyOther;
    if (replacement) quotes.push(replacement);
  }
  quotes.sort((a, b) => a.start - b.start);

  const openQuestions = [...grounded.openQuestions];
  const droppedQuestions = grounded.dropped.filter((d) => d.kind === "openQuestion").length;
  for (const oq of extractive.openQuestions) {
    if (openQuestions.length >= grounded.openQuestions.length + droppedQuestions) break;
    if (!usable(oq.sentences) || openQuestions.some((o) => o.question === oq.question)) continue;
    openQuestions.push({ ...oq, question: neutraliseMentions(oq.question) });
  }

  return {
    title: extractive.title,
    engine: "llm",
    engineVersion,
    language: extractive.language,
    keyPoints,
    quotes,
    openQuestions,
    entities: extractive.entities,
    notes: droppedCount > 0 ? [notes.replaced(droppedCount)] : [],
    dropped: droppedCount,
  };
}
