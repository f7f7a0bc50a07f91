import { z } from "zod";

/** zod schema of a StoryBrief: validates what the engines produce and what the store reads back. */
export const keyPointSchema = z.object({
  text: z.string().min(1),
  sentences: z.array(z.number().int().nonnegative()),
  article: z.string().optional(),
});

export const quoteSchema = z.object({
  quote: z.string().min(1),
  speaker: z.string().min(1).nullable(),
  role: z.string().optional(),
  speakerConfidence: z.enum(["high", "low"]).optional(),
  sentence: z.number().int().nonnegative(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  article: z.string().optional(),
});

export const openQuestionSchema = z.object({
  question: z.string().min(1),
  sentences: z.array(z.number().int().nonnegative()),
  article: z.string().optional(),
});

export const entitySchema = z.object({
  name: z.string().min(1),
  type: z.enum(["person", "organisation", "place"]),
  role: z.string().optional(),
  aliases: z.array(z.string()),
  sentences: z.array(z.number().int().nonnegative()),
});

export const storyBriefSchema = z.object({
  title: z.string(),
  engine: z.enum(["extractive", "llm"]),
  engineVersion: z.string(),
  language: z.string(),
  keyPoints: z.array(keyPointSchema),
  quotes: z.array(quoteSchema),
  openQuestions: z.array(openQuestionSchema),
  entities: z.array(entitySchema),
  notes: z.array(z.string()),
  dropped: z.number().int().nonnegative().optional(),
});

export type StoryBriefData = z.infer<typeof storyBriefSchema>;
