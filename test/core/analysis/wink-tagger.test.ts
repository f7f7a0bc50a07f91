import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import winkNLP from "wink-nlp";
import { tokenize } from "../../../src/core/analysis/tokens.js";
import { englishModel } from "../../../src/core/analysis/wink-model.js";
import { createWinkTagger } from "../../../src/core/analysis/wink-tagger.js";

const fixture = readFileSync(new URL("../../fixtures/biden-netanyahu-cnn.txt", import.meta.url), "utf8");

const fresh = (text: string) => {
  const nlp = winkNLP(englishModel, ["sbd", "pos"]);
  const doc = nlp.readDoc(text);
  return { tokens: doc.tokens().out(), pos: doc.tokens().out(nlp.its.pos) };
};
const tagged = (tagger: ReturnType<typeof createWinkTagger>, text: string) =>
  tagger.tag(text, (doc, its) => ({ tokens: doc.tokens().out(), pos: doc.tokens().out(its.pos) }));

// wink keeps whole any word it has once added whole ("Zorbin's," keeps the possessive on): a
// tagger left to itself would tag each text by what it read before.
const TEACHERS = [
  "Zorbin's, Quellman's. The Zorbin's-era rules were Quellman's...",
  "Vantresca's, the #Vantresca's tag and ZORBIN'S pledge",
  fixture,
];
const PROBES = [
  "Zorbin's speech was long, and Quellman's reply was short.",
  "Vantresca's plan: cut the Zorbin's-era rules.",
  fixture,
];

describe("the wink tagger", () => {
  it("tags every text as a fresh wink instance does, whatever it read before", () => {
    const tagger = createWinkTagger();
    for (const text of TEACHERS) tagged(tagger, text);
    for (const text of PROBES) expect(tagged(tagger, text)).toEqual(fresh(text));
  });

  it("splits a possessive it has seen whole in an earlier text", () => {
    const tagger = createWinkTagger();
    tagged(tagger, "It was Zorbin's, not ours.");
    expect(tagged(tagger, "Zorbin's speech was long.").tokens.slice(0, 2)).toEqual(["Zorbin", "'s"]);
  });

  it("tags alike across renewals of its tables", () => {
    const tagger = createWinkTagger(5);
    for (let round = 0; round < 3; round++)
      for (const text of [...TEACHERS, ...PROBES]) expect(tagged(tagger, text)).toEqual(fresh(text));
  });

  it("survives many wink instances (the stock model's loader once grew a string each time)", () => {
    for (let i = 0; i < 40; i++) winkNLP(englishModel, ["sbd", "pos"]);
    expect(fresh("He said so.").tokens).toEqual(["He", "said", "so", "."]);
  });

  it("reads a name's possessive alike all through one document", () => {
    const text = "It was Zorbin's, not ours. Zorbin's speech was long. It's late, and Zorbin's aide left.";
    const tokens = tokenize(text).map((t) => t.text);
    expect(tokens.filter((t) => t === "Zorbin")).toHaveLength(3);
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
  });
});
