import { describe, expect, it } from "vitest";
import { speakerLabel } from "../../src/render/brief.js";

describe("speakerLabel", () => {
  it.each([
    ["a title goes before the name", { speaker: "Joe Biden", role: "President" }, "President Joe Biden"],
    [
      "a title with 'of' too",
      { speaker: "Antony Blinken", role: "Secretary of State" },
      "Secretary of State Antony Blinken",
    ],
    ["an abbreviated title", { speaker: "Nancy Pelosi", role: "Rep." }, "Rep. Nancy Pelosi"],
    [
      "a role in words follows the name",
      { speaker: "Tom Ash", role: "a spokesman for the airport" },
      "Tom Ash, a spokesman for the airport",
    ],
    [
      "…even when it starts with a capitalised name",
      { speaker: "John Kirby", role: "White House National Security Council spokesman" },
      "John Kirby, White House National Security Council spokesman",
    ],
    [
      "a guess says so",
      { speaker: "Joe Biden", role: "President", speakerConfidence: "low" as const },
      "probably President Joe Biden",
    ],
    ["no speaker", { speaker: null }, "unattributed"],
  ])("%s", (_case, q, expected) => {
    expect(speakerLabel({ speakerConfidence: "high", ...q })).toBe(expected);
  });
});
