import { describe, expect, it } from "vitest";
import type { Quote, StoryBrief } from "../../src/core/types.js";
import { composeDigest } from "../../src/digest/compose.js";
import type { DigestCandidate } from "../../src/store/types.js";

function candidate(keyPoints: string[], quotes: Quote[]): DigestCandidate {
  const brief: StoryBrief = {
    title: "Bridge closes",
    engine: "extractive",
    engineVersion: "test",
    language: "en",
    keyPoints: keyPoints.map((text, i) => ({ text, sentences: [i] })),
    quotes,
    openQuestions: [],
    entities: [],
    notes: [],
  };
  return {
    story: {
      id: "s1",
      tenantId: "t",
      storyKey: "k",
      title: "Bridge closes",
      version: 1,
      brief,
      articleCount: 1,
      createdAt: "2026-03-01T00:00:00Z",
      updatedAt: "2026-03-01T00:00:00Z",
    },
    links: [],
  };
}

const q = (quote: string, speaker: string | null, speakerConfidence?: "high" | "low"): Quote => ({
  quote,
  speaker,
  ...(speakerConfidence ? { speakerConfidence } : {}),
  sentence: 0,
  start: 0,
  end: 1,
});

const topQuoteOf = (c: DigestCandidate) =>
  composeDigest({
    tenantId: "t",
    channelId: "c",
    channelExternalId: "C",
    slot: new Date("2026-03-02T08:00:00Z"),
    timezone: "UTC",
    picked: [c],
    postEmpty: false,
  })?.items[0]?.topQuote;

describe("a digest item's top quote", () => {
  it.each([
    {
      case: "is not a quote a key point already shows",
      keyPoints: ['"We cannot wait another winter," Mayor Lisa Grant said.', "Repairs start in May."],
      quotes: [
        q("We cannot wait another winter,", "Lisa Grant", "high"),
        q("It will cost us,", "Tom Ash", "high"),
      ],
      expected: "It will cost us,",
    },
    {
      case: "prefers a speaker named beside the quote over a guessed one",
      keyPoints: ["The bridge closes on Monday."],
      quotes: [q("Half my customers use it,", "Tom Ash", "low"), q("We cannot wait,", "Lisa Grant", "high")],
      expected: "We cannot wait,",
    },
    {
      case: "falls back to a guessed speaker, then to an unattributed quote",
      keyPoints: ["The bridge closes on Monday."],
      quotes: [q("Nobody asked us,", null), q("Half my customers use it,", "Tom Ash", "low")],
      expected: "Half my customers use it,",
    },
    {
      case: "is left out when every quote is already a key point",
      keyPoints: ['"We cannot wait," Mayor Lisa Grant said.'],
      quotes: [q("We cannot wait,", "Lisa Grant", "high")],
      expected: undefined,
    },
  ])("$case", ({ keyPoints, quotes, expected }) => {
    expect(topQuoteOf(candidate(keyPoints, quotes))?.quote).toBe(expected);
  });
});
