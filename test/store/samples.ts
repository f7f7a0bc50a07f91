import { createHash } from "node:crypto";
import type { Article, StoryBrief } from "../../src/core/types.js";

export function sampleArticle(n: number, overrides: Partial<Article> = {}): Article {
  const text =
    overrides.text ??
    `Article number ${n}. The council met on Tuesday. "We will decide soon," the mayor said.`;
  return {
    id: `a${n}`,
    title: `Headline ${n}`,
    text,
    contentHash: createHash("sha256").update(text).digest("hex"),
    source: "feed",
    url: `https://news.example/${n}`,
    ...overrides,
  };
}

export function sampleBrief(title: string, points: string[] = ["The council met on Tuesday."]): StoryBrief {
  return {
    title,
    engine: "extractive",
    engineVersion: "test-1",
    language: "en",
    keyPoints: points.map((text, i) => ({ text, sentences: [i] })),
    quotes: [
      {
        quote: "We will decide soon,",
        speaker: "the mayor",
        speakerConfidence: "high",
        sentence: 2,
        start: 40,
        end: 60,
      },
    ],
    openQuestions: [{ question: "When will the council decide?", sentences: [1] }],
    entities: [],
    notes: [],
  };
}
