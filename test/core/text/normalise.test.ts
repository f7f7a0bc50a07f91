import { describe, expect, it } from "vitest";
import { buildExtractiveBrief } from "../../../src/core/analyse.js";
import { normaliseText } from "../../../src/core/text/normalise.js";

describe("normaliseText and emoji", () => {
  const kept: Array<[string, string]> = [
    ["ZWJ with a gender sign and VS16", "🤷‍♀️"],
    ["a family (several ZWJs)", "👨‍👩‍👧"],
    ["a skin tone", "👍🏽"],
    ["a skin tone inside a ZWJ sequence", "🧑🏽‍💻"],
    ["a red heart with VS16", "❤️"],
    ["a keycap", "1️⃣"],
  ];
  it.each(kept)("keeps %s intact", (_name, emoji) => {
    expect(normaliseText(`She answered ${emoji} and left.`).text).toBe(`She answered ${emoji} and left.`);
  });

  it("drops a joiner that joins no emoji", () => {
    expect(normaliseText("zero\u200Dwidth").text).toBe("zerowidth");
  });

  const bidi = ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"];
  it.each(bidi.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase()}`, c]))(
    "removes the reading-order control %s",
    (_name, control) => {
      expect(normaliseText(`pay ${control}evil${control} now`).text).toBe("pay evil now");
    },
  );

  it("keeps an emoji sequence whole in a brief's key points", () => {
    const text =
      "The mayor opened the new bridge on Monday morning after three years of work. 🤷‍♀️ was the reply of one resident asked about the delays to the project. The council said the bridge cost twelve million pounds in the end.";
    const points = buildExtractiveBrief({ text })
      .keyPoints.map((k) => k.text)
      .join(" ");
    expect(points).toContain("🤷‍♀️");
  });
});
