import { describe, expect, it } from "vitest";
import {
  compileFilter,
  FilterError,
  MAX_FILTER_TERMS,
  MAX_TERM_LENGTH,
  parseMuteTerms,
} from "../../src/digest/filter.js";

const item = {
  title: "Climate talks stall in Bonn",
  summary: "Negotiators from 190 countries met; the café was full.",
  text: "Sports fans were absent. The carbon tax debate continued late into the night.",
};

describe("feed filters", () => {
  it.each([
    // [include, exclude, keep, reason]
    [undefined, undefined, true, "kept: no filter"],
    ["climate", undefined, true, "kept: matches 'climate'"],
    ["CLIMATE", undefined, true, "kept: matches 'CLIMATE'"],
    ["cafe", undefined, true, "kept: matches 'cafe'"], // accent-insensitive
    ["climate energy", undefined, false, "dropped: does not match 'energy'"], // space = AND
    ["energy OR climate", undefined, true, "kept: matches 'climate'"],
    ['"carbon tax"', undefined, true, `kept: matches '"carbon tax"'`],
    ['"tax carbon"', undefined, false, `dropped: does not match '"tax carbon"'`],
    ["climate -bonn", undefined, false, "dropped: matches '-bonn'"],
    ["climat", undefined, false, "dropped: does not match 'climat'"], // whole words only
    [undefined, "sports", false, "dropped: matches exclude 'sports'"],
    [undefined, "football Sports", false, "dropped: matches exclude 'Sports'"],
    [undefined, "football", true, "kept: matches no exclude"],
    ["climate", '"late into the night"', false, `dropped: matches exclude '"late into the night"'`],
    ["none", "clear", true, "kept: no filter"],
  ] as const)("include %j exclude %j → keep %j", (include, exclude, keep, reason) => {
    const decision = compileFilter({ include, exclude }).decide(item);
    expect(decision).toEqual({ keep, reason });
  });

  it("applies the channel's mute list before anything else", () => {
    const f = compileFilter({ include: "climate", mute: parseMuteTerms('negotiators "carbon tax"') });
    expect(f.decide(item)).toEqual({ keep: false, reason: "dropped: muted 'negotiators' in this channel" });
    expect(f.decide({ title: "Climate" })).toEqual({ keep: true, reason: "kept: matches 'climate'" });
  });

  it.each([
    ["OR climate", /"OR" needs a term on each side/],
    ["climate OR", /"OR" needs a term on each side/],
    ["--- ", /no letters or digits/],
    [`${"x".repeat(MAX_TERM_LENGTH + 1)}`, new RegExp(`at most ${MAX_TERM_LENGTH}`)],
    [Array.from({ length: MAX_FILTER_TERMS + 1 }, (_, i) => `w${i}`).join(" "), /at most 50 \(include/],
  ])("refuses %j with a clear message", (include, message) => {
    expect(() => compileFilter({ include })).toThrow(FilterError);
    expect(() => compileFilter({ include })).toThrow(message);
  });

  it("takes 50 terms at the limit", () => {
    const include = Array.from({ length: MAX_FILTER_TERMS }, (_, i) => `w${i}`).join(" OR ");
    expect(compileFilter({ include }).decide({ title: "w49" }).keep).toBe(true);
  });
});
