import type { StoryBrief } from "../core/types.js";
import { bullets, type Reply, type ReplySection } from "./reply.js";

export interface BriefReplyOptions {
  storyId?: string;
  url?: string;
  /** Key points to show; the first three are the short summary (DESIGN.md). */
  maxKeyPoints?: number;
  maxQuotes?: number;
}

/** A story brief as a neutral Reply: key points, quotes with speakers, open questions. */
export function briefToReply(brief: StoryBrief, options: BriefReplyOptions = {}): Reply {
  const sections: ReplySection[] = [];
  // A cut list says how much is left and where to read it (`+9 more — /quotes story:ab12`).
  const story = options.storyId;
  const cut = (shown: string[], total: number, command?: string) =>
    total > shown.length
      ? [...shown, `+${total - shown.length} more${command ? ` — ${command}` : ""}`]
      : shown;
  const keyPoints = brief.keyPoints.slice(0, options.maxKeyPoints ?? 5).map((k) => k.text);
  if (keyPoints.length)
    sections.push(
      bullets(
        "Key points",
        cut(
          keyPoints,
          brief.keyPoints.length,
          // A shortened brief (/add) points to the whole one; /summary itself shows the most there is.
          options.maxKeyPoints !== undefined && story ? `/summary ${story}` : undefined,
        ),
      ),
    );
  const quotes = brief.quotes.slice(0, options.maxQuotes ?? 5).map((q) => formatQuote(q));
  if (quotes.length)
    sections.push(
      bullets("Quotes", cut(quotes, brief.quotes.length, story ? `/quotes story:${story}` : "/quotes")),
    );
  const questions = brief.openQuestions.slice(0, 3).map((o) => o.question);
  if (questions.length)
    sections.push(
      bullets(
        "Open questions",
        cut(questions, brief.openQuestions.length, story ? `/questions ${story}` : "/questions"),
      ),
    );
  const footer = [
    brief.engine === "llm" ? "LLM summary, checked against the text" : "Extractive summary (no LLM)",
    ...(options.storyId ? [`story ${options.storyId}`] : []),
    ...brief.notes,
  ].join(" · ");
  return {
    title: brief.title || "Untitled story",
    url: options.url,
    intro: sections.length ? undefined : "No key points could be found in this text.",
    sections,
    footer,
    tone: "info",
    ephemeral: false,
  };
}

/** What formatQuote needs of a quote, wherever it comes from (a brief, an answer, a digest). */
export interface QuoteLike {
  quote: string;
  speaker: string | null;
  role?: string;
  /** "low" (or absent, on briefs stored before confidence existed): the speaker is a guess. */
  speakerConfidence?: "high" | "low";
}

/** "President", "Secretary of State", "Rep.": a title, written before a name as the article did. */
const isTitle = (role: string) =>
  role.split(/\s+/).every((w) => /^\p{Lu}/u.test(w) || /^(?:of|the|and|for)$/.test(w));

/** A speaker as the reader should take it: a name as fact only on strong evidence. */
export function speakerLabel(q: Omit<QuoteLike, "quote">): string {
  if (!q.speaker) return "unattributed";
  // "President Joe Biden", not "Joe Biden, President"; "Tom Ash, a spokesman for the airport".
  const who = !q.role ? q.speaker : isTitle(q.role) ? `${q.role} ${q.speaker}` : `${q.speaker}, ${q.role}`;
  return q.speakerConfidence === "high" ? who : `probably ${who}`;
}

export function formatQuote(q: QuoteLike): string {
  return `“${q.quote}” — ${speakerLabel(q)}`;
}
