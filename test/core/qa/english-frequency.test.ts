import { describe, expect, it } from "vitest";
import { commonWordWeight } from "../../../src/core/qa/english-frequency.js";
import { stem } from "../../../src/core/qa/tokens.js";

describe("commonWordWeight", () => {
  it("weighs very common words little and rare words fully", () => {
    expect(commonWordWeight(stem("the"))).toBeLessThan(0.05);
    expect(commonWordWeight(stem("year"))).toBeLessThan(0.5);
    expect(commonWordWeight(stem("teleautomaton"))).toBe(1);
  });

  it("orders words by how common they are, for any form of the word", () => {
    expect(commonWordWeight(stem("people"))).toBeLessThan(commonWordWeight(stem("harbour")));
    expect(commonWordWeight(stem("years"))).toBe(commonWordWeight(stem("year")));
  });
});
