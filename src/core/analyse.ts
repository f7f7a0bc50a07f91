import { analyseEntities, finalEntities } from "./analysis/entities.js";
import { entitiesShown } from "./analysis/entity-evidence.js";
import { extractKeyPoints } from "./analysis/keypoints.js";
import { extractOpenQuestions } from "./analysis/open-questions.js";
import { extractQuotes } from "./analysis/quotes.js";
import { EXTRACTIVE_ENGINE_VERSION } from "./engine-version.js";
import { languageName } from "./text/language.js";
import { prepareText } from "./text/prepare.js";
import type { PreparedText, StoryBrief } from "./types.js";

export { EXTRACTIVE_ENGINE_VERSION };

export interface BriefInput {
  text: string;
  title?: string;
}

export interface ArticleAnalysis {
  prepared: PreparedText;
  brief: StoryBrief;
}

/**
 * The deterministic brief: text → sentences → entities → quotes with speakers → key points →
 * open questions. Pure and synchronous; the same input always gives the same brief.
 */
export function analyseArticle(input: BriefInput): ArticleAnalysis {
  const prepared = prepareText(input.text, { detectTitle: input.title === undefined });
  const analysis = analyseEntities(prepared);
  const quotes = extractQuotes(prepared, analysis);
  // Key points and open questions weigh every name the text capitalises; the reader is shown only
  // the entities the text gives evidence for.
  const named = finalEntities(analysis.entities);
  const entities = entitiesShown(analysis.entities, analysis.mentions, prepared.text);
  const givenTitle = input.title?.trim() || prepared.title;
  // Without a headline the brief is named after its first words, which must not count as a title
  // for key points (the first sentence would then look like a repeat of it).
  const title = givenTitle || firstWords(prepared);
  const keyPoints = extractKeyPoints(prepared, { entities: named, title: givenTitle });
  const openQuestions = extractOpenQuestions(prepared, { entities: named, quotes });
  const notes: string[] = [];
  if (prepared.language !== "en" && prepared.language !== "und") {
    notes.push(
      `The article seems to be in ${languageName(prepared.language)}; the extractive engine is tuned for English.`,
    );
  }
  return {
    prepared,
    brief: {
      title,
      engine: "extractive",
      engineVersion: EXTRACTIVE_ENGINE_VERSION,
      language: prepared.language,
      keyPoints,
      quotes,
      openQuestions,
      entities,
      notes,
    },
  };
}

/** The deterministic brief alone. */
export function buildExtractiveBrief(input: BriefInput): StoryBrief {
  return analyseArticle(input).brief;
}

function firstWords(prepared: PreparedText): string {
  const first = prepared.sentences[0]?.text ?? "";
  const words = first.split(/\s+/).slice(0, 12).join(" ");
  return words.length < first.length ? `${words}…` : words;
}
