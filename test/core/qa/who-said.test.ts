import { describe, expect, it } from "vitest";
import { buildStoryIndex } from "../../../src/core/qa/story-index.js";
import { CLOSE_THRESHOLD, MATCH_THRESHOLD, whoSaid } from "../../../src/core/qa/who-said.js";
import type { Quote } from "../../../src/core/types.js";

// A small story of our own: sentences and attributed quotes as the engine would give them.
const sentences = [
  "\u201CWe will rebuild the bridge before winter,\u201D Mayor Ana Silva said on Monday.",
  "The council's treasurer, Tom Reed, disagreed: \u201CThere is simply no money left in this year's budget.\u201D",
  "\u201CIt\u2019s looking tough for the northern district,\u201D a city engineer told reporters.",
  "Residents said the detour adds forty minutes to every trip.",
];
let offset = 0;
const prepared = {
  sentences: sentences.map((text, id) => {
    const s = { id, text, start: offset, end: offset + text.length, paragraph: id };
    offset += text.length + 1;
    return s;
  }),
};
const quote = (q: string, speaker: string | null, sentence: number, role?: string): Quote => ({
  quote: q,
  speaker,
  sentence,
  start: 0,
  end: q.length,
  ...(role ? { role } : {}),
});
const quotes = [
  quote("We will rebuild the bridge before winter,", "Ana Silva", 0, "Mayor"),
  quote("There is simply no money left in this year's budget.", "Tom Reed", 1, "treasurer"),
  quote("It\u2019s looking tough for the northern district,", "a city engineer", 2),
];
const index = buildStoryIndex("bridge", prepared, { title: "Bridge repairs", quotes });

describe("whoSaid", () => {
  it.each([
    ["exact words", "We will rebuild the bridge before winter", "Ana Silva"],
    ["partial", "rebuild the bridge", "Ana Silva"],
    ["different case", "REBUILD THE BRIDGE BEFORE WINTER", "Ana Silva"],
    ["a word missing", "simply no money in this year's budget", "Tom Reed"],
    ["reordered", "no money left, simply", "Tom Reed"],
    ["misspelled", "no mony left in the budjet", "Tom Reed"],
    ["straight apostrophe", "it's looking tough", "a city engineer"],
    ["no apostrophe", "its looking tough", "a city engineer"],
    ["curly apostrophe", "it\u2019s looking tough", "a city engineer"],
  ])("finds the speaker from %s", (_label, fragment, speaker) => {
    const result = whoSaid(index, fragment);
    expect(result.matches[0]?.speaker).toBe(speaker);
    expect(result.matches[0]!.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });

  it("returns the full verbatim quote, its sentence, context, role and story", () => {
    const [best] = whoSaid(index, "rebuild the bridge").matches;
    expect(best).toMatchObject({
      quote: "We will rebuild the bridge before winter,",
      speaker: "Ana Silva",
      role: "Mayor",
      storyId: "bridge",
      sentence: 0,
    });
    expect(best!.context).toContain("Mayor Ana Silva said on Monday");
  });

  it.each([
    ["words from a sentence that is no quote", "the detour adds forty minutes"],
    ["an unrelated fragment", "the moon is made of green cheese"],
    ["only function words", "the of and to"],
    ["punctuation only", "?!?! ... ---"],
    ["emoji only", "🙂🙂🙂"],
    ["empty", ""],
  ])("attributes nothing for %s", (_label, fragment) => {
    expect(whoSaid(index, fragment).matches).toEqual([]);
  });

  it("does not look at a fragment over the limit, and says why", () => {
    const result = whoSaid(index, `rebuild the bridge ${"x".repeat(2000)}`);
    expect(result).toEqual({ matches: [], problem: "too-long" });
  });

  it("offers the closest quote only when it is close", () => {
    const near = whoSaid(index, "we will rebuild the old bridge soon");
    expect(near.matches).toEqual([]);
    expect(near.closest?.speaker).toBe("Ana Silva");
    expect(near.closest!.score).toBeGreaterThanOrEqual(CLOSE_THRESHOLD);
    expect(whoSaid(index, "forty minutes detour").closest).toBeUndefined();
  });

  it("searches several stories and names the story of each match", () => {
    const other = buildStoryIndex("budget", prepared, {
      quotes: [quote("The budget was balanced for the first time in a decade.", "Lena Ortiz", 3)],
    });
    const result = whoSaid([index, other], "budget balanced first time");
    expect(result.matches[0]).toMatchObject({ speaker: "Lena Ortiz", storyId: "budget" });
    expect(whoSaid([index, other], "looking tough").matches[0]?.storyId).toBe("bridge");
  });
});
