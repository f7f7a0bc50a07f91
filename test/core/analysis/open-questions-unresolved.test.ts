import { describe, expect, it } from "vitest";
import { buildExtractiveBrief } from "../../../src/core/analyse.js";

const questionsOf = (text: string) =>
  buildExtractiveBrief({ text, title: "Local news" }).openQuestions.map((q) => q.question);

describe("open questions from unresolved cues", () => {
  it.each([
    [
      "it was unclear whether",
      "The council met on Tuesday to discuss the new bridge. It was unclear whether the council would approve the funding before the summer recess.",
      /^Will the council approve the funding before the summer recess\?$/,
    ],
    [
      "has not said whether",
      "The mayor backed the tax in March. Governor Ann Roe has not said whether she supports it, and her office did not respond.",
      /Ann Roe said whether she supports it/,
    ],
    [
      "declined to say",
      "The company announced layoffs on Friday. A spokesman declined to say how many workers would lose their jobs in the coming months.",
      /how many workers would lose their jobs/,
    ],
    [
      "remains to be seen",
      "The league approved the new rules last week. It remains to be seen whether the players union will accept the changes before the season.",
      /^Will the players union accept the changes before the season\?$/,
    ],
    [
      "a worry with its condition",
      "Talks on the water deal stalled again on Monday. Asked whether he was concerned about shortages in the eastern districts if no deal is reached, the mayor said he was.",
      /^Will there be shortages in the eastern districts if no deal is reached\?$/,
    ],
  ])("%s", (_cue, text, expected) => {
    expect(
      questionsOf(text).some((q) => expected.test(q)),
      JSON.stringify(questionsOf(text)),
    ).toBe(true);
  });
});

describe("one question per unresolved issue", () => {
  it("neighbouring sentences restating one issue give one question citing them all", () => {
    const text = [
      "The city and the drivers' union met again on Monday.",
      "Talks to end the bus strike in exchange for a two-year pay deal are continuing.",
      "It is unclear whether a deal to end the strike before the school term is still possible.",
      "Both sides say there is still a chance of striking a deal that ends the bus strike by the school term.",
      "Separately, the council has not yet decided whether to raise fares next year.",
    ].join(" ");
    const brief = buildExtractiveBrief({ text, title: "Bus strike" });
    const strike = brief.openQuestions.filter((q) => /strike|deal|term/i.test(q.question));
    expect(strike, JSON.stringify(brief.openQuestions)).toHaveLength(1);
    expect(strike[0]!.sentences.length).toBeGreaterThanOrEqual(2);
    expect(brief.openQuestions.some((q) => /fares/.test(q.question))).toBe(true);
  });
});
