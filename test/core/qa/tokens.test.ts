import { describe, expect, it } from "vitest";
import { editDistanceWithin, foldText, keepAcronyms, stem, words } from "../../../src/core/qa/tokens.js";

describe("words", () => {
  it.each([
    ["It\u2019s looking tough", ["its", "looking", "tough"]],
    ["its looking TOUGH", ["its", "looking", "tough"]],
    ["Café — “quoted”", ["cafe", "quoted"]],
    ["six-week pause", ["six", "week", "pause"]],
    ["!!! ??? 🙂", []],
  ])("%s → %j", (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it("folds curly quotes and dashes", () => {
    expect(foldText("“A” \u2013 \u2018b\u2019")).toBe("\"a\" - 'b'");
  });
});

describe("stem", () => {
  it.each([
    ["talks", "talk"],
    ["announced", "announc"],
    ["announce", "announc"],
    ["pressured", "pressur"],
    ["pressure", "pressur"],
    ["meetings", "meet"],
    ["meeting", "meet"],
    ["parties", "party"],
    ["news", "new"],
    ["2016", "2016"],
    ["bus", "bus"],
  ])("%s → %s", (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});

describe("editDistanceWithin", () => {
  it.each([
    ["looking", "lookng", 1, 1],
    ["looking", "lokoing", 1, 1],
    ["tough", "tuogh", 1, 1],
    ["tough", "rough", 1, 1],
    ["tough", "toughest", 1, 2],
    ["frustrations", "frustratoins", 2, 1],
  ])("%s vs %s (max %i) = %i", (a, b, max, expected) => {
    expect(editDistanceWithin(a, b, max)).toBe(expected);
  });
});

describe("stems of irregular forms", () => {
  it.each([
    ["made", "make"],
    ["wrote", "write"],
    ["taken", "takes"],
    ["gave", "give"],
    ["applied", "apply"],
    ["studied", "studies"],
  ])("%s and %s share a stem", (a, b) => {
    expect(stem(a)).toBe(stem(b));
  });
});

describe("keepAcronyms", () => {
  it.each([
    ["the US military", "the usx military"],
    ["the U.S. military", "the usx military"],
    ["The United States said", "The United States usx said"],
    ["the IT department", "the itx department"],
    ["let us go", "let us go"],
    ["the NATO summit", "the NATO summit"],
  ])("%s → %s", (text, expected) => {
    expect(keepAcronyms(text)).toBe(expected);
  });

  it("stays fast on a long run of capitals, colons and quote marks", () => {
    const long = `${'US: "A B" Upper Case '.repeat(100_000)}${"Ab".repeat(500_000)}`;
    const t0 = performance.now();
    keepAcronyms(long);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
