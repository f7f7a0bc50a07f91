import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { packItems, splitText, truncate } from "../../src/render/split.js";

describe("splitText", () => {
  const cases: { name: string; text: string; max: number; expected: string[] }[] = [
    { name: "short text stays whole", text: "Hello world.", max: 50, expected: ["Hello world."] },
    { name: "empty text gives no chunks", text: "   ", max: 10, expected: [] },
    {
      name: "prefers the paragraph break",
      text: "First para here.\n\nSecond one.",
      max: 20,
      expected: ["First para here.", "Second one."],
    },
    {
      name: "then a sentence end",
      text: "One two three. Four five six seven.",
      max: 20,
      expected: ["One two three.", "Four five six seven."],
    },
    { name: "then a word", text: "alpha beta gamma delta", max: 12, expected: ["alpha beta", "gamma delta"] },
    { name: "hard cut without spaces", text: "abcdefghij", max: 4, expected: ["abcd", "efgh", "ij"] },
  ];
  for (const c of cases) {
    it(c.name, () => expect(splitText(c.text, c.max)).toEqual(c.expected));
  }

  it("never halves an emoji at a hard cut", () => {
    const chunks = splitText("ab😀😀😀", 3);
    for (const chunk of chunks) expect(chunk).not.toMatch(/[\ud800-\udbff]$|^[\udc00-\udfff]/);
    expect(chunks.join("")).toBe("ab😀😀😀");
  });

  it("rejects a nonsensical limit", () => {
    expect(() => splitText("abc", 1)).toThrow(/at least 2/);
  });

  it("keeps every chunk within the limit and loses only whitespace (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400, unit: "grapheme" }),
        fc.integer({ min: 2, max: 60 }),
        (text, max) => {
          const chunks = splitText(text, max);
          for (const chunk of chunks) {
            expect(chunk.length).toBeLessThanOrEqual(max);
            expect(chunk.length).toBeGreaterThan(0);
          }
          expect(chunks.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
        },
      ),
    );
  });
});

describe("packItems", () => {
  it("groups lines up to the limit and splits an overlong item", () => {
    expect(packItems(["aa", "bb", "cc"], 5)).toEqual(["aa\nbb", "cc"]);
    const long = packItems(["x".repeat(12)], 5);
    expect(long).toEqual(["xxxxx", "xxxxx", "xx"]);
  });
});

describe("truncate", () => {
  it("adds an ellipsis and respects the limit", () => {
    const t = truncate("The quick brown fox jumps", 12);
    expect(t.length).toBeLessThanOrEqual(12);
    expect(t.endsWith("…")).toBe(true);
    expect(truncate("short", 12)).toBe("short");
  });
});
