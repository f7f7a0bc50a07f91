import type { StoryBrief } from "./types.js";

export const EXTRACTIVE_ENGINE_VERSION = "extractive-0";

export interface BriefInput {
  text: string;
  title?: string;
}

/** The deterministic brief. (Skeleton: the engine lands in the following commits.) */
export function buildExtractiveBrief(input: BriefInput): StoryBrief {
  return {
    title: input.title ?? "",
    engine: "extractive",
    engineVersion: EXTRACTIVE_ENGINE_VERSION,
    language: "und",
    keyPoints: [],
    quotes: [],
    openQuestions: [],
    entities: [],
    notes: [],
  };
}
