import { indexArticle } from "../core/qa/article.js";
import type { StoryIndex } from "../core/qa/story-index.js";
import { checkArticleText } from "../ingest/classify-input.js";
import { sizedField, stringField } from "./jsonl.js";

/** A required string field of a JSONL line, refused with the limit when longer than `maxChars`. */
export function limitedField(line: Record<string, unknown>, key: string, maxChars: number): string {
  const value = stringField(line, key) ?? "";
  if (value.length > maxChars) throw new Error(`"${key}" is longer than the limit of ${maxChars} characters`);
  return value;
}

/** The line's article (`text`, optional `title`) indexed for questions, refused over `maxBytes`. */
export function indexLineArticle(line: Record<string, unknown>, maxBytes: number): StoryIndex {
  const text = sizedField(line, "text", maxBytes);
  const refusal = checkArticleText(text, { allowShort: true });
  if (refusal) throw new Error(refusal.message);
  return indexArticle(String(line.id ?? ""), { text, title: stringField(line, "title", false) });
}
