import { describe, expect, it } from "vitest";
import { quotesBySpeaker } from "../../../src/core/qa/by-speaker.js";
import { buildStoryIndex } from "../../../src/core/qa/story-index.js";
import type { Entity, Quote } from "../../../src/core/types.js";

const q = (quote: string, speaker: string, role?: string): Quote => ({
  quote,
  speaker,
  sentence: 0,
  start: 0,
  end: quote.length,
  ...(role ? { role } : {}),
});
const entities: Entity[] = [
  { name: "John Kirby", type: "person", role: "spokesman", aliases: ["Kirby"], sentences: [0] },
  { name: "Benjamin Netanyahu", type: "person", aliases: ["Netanyahu", "Bibi"], sentences: [0] },
];
const index = buildStoryIndex(
  "s1",
  { sentences: [{ id: 0, text: "x", start: 0, end: 1, paragraph: 0 }] },
  {
    quotes: [
      q("No.", "John Kirby", "White House National Security Council spokesman"),
      q("We are not there yet.", "Benjamin Netanyahu"),
      q("They continue to speak regularly.", "A National Security Council spokesperson"),
      q("We pressured them.", "One senior Biden adviser"),
      q("Like it's always been.", "Joe Biden", "President"),
    ],
    entities,
  },
);

describe("quotesBySpeaker", () => {
  it.each([
    ["Kirby", ["No."]],
    ["John Kirby", ["No."]],
    ["what did Kirby say", ["No."]],
    ["Bibi", ["We are not there yet."]],
    ["the spokesperson", ["No.", "They continue to speak regularly."]],
    ["the spokeswoman", ["No.", "They continue to speak regularly."]],
    ["the adviser", ["We pressured them."]],
    ["Biden", ["Like it's always been."]],
    ["the president", ["Like it's always been."]],
    ["Harris", []],
    ["the", []],
  ])("%s", (who, expected) => {
    expect(quotesBySpeaker(index, who).map((m) => m.quote)).toEqual(expected);
  });

  it("names the story of each quote", () => {
    expect(quotesBySpeaker([index], "Kirby")[0]).toMatchObject({ storyId: "s1", speaker: "John Kirby" });
  });
});
