import { deepStrictEqual } from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import stockModel from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";
import { englishModel, loadCoreModel } from "../../../src/core/analysis/wink-model.js";

const fixture = readFileSync(new URL("../../fixtures/biden-netanyahu-cnn.txt", import.meta.url), "utf8");

// Unknown words (wink adds them to its tables while tagging), contractions, numbers, symbols, emoji.
const texts = [
  fixture,
  "Zyxqorp said the flibbertigibbet wasn't there. Dr. O'Neill-Smith can't come at 3:30pm on 4th July.",
  "“We’ll see,” she said — #breaking @newsdesk https://example.com/a?b=1 costs $4.5bn (≈ €4bn) 🙂 :-)",
  "AI-driven e-mails, co-operate, ex-CEO's 1990s self-driving cars; U.S.A. vs. U.K. etc.",
];

type Core = { features: { lexeme: { list: unknown[] } } };
type Nlp = ReturnType<typeof winkNLP>;

const tagged = (nlp: Nlp, text: string) => {
  const doc = nlp.readDoc(text);
  return {
    tokens: doc.tokens().out(),
    pos: doc.tokens().out(nlp.its.pos),
    spaces: doc.tokens().out(nlp.its.precedingSpaces),
    sentences: doc.sentences().out(),
  };
};

describe("the fast wink core model", () => {
  it("is deeply the model the stock loader builds", () => {
    // node's deep equality: prototypes, typed arrays and Sets included, and 60× faster than
    // vitest's on 90,000-entry tables.
    deepStrictEqual(loadCoreModel(), (stockModel as unknown as { core: () => unknown }).core());
  });

  it("tags every text exactly as the stock model does, twice over (after its tables grew)", () => {
    const stock = winkNLP(stockModel, ["sbd", "pos"]);
    const fast = winkNLP(englishModel, ["sbd", "pos"]);
    for (const round of [1, 2]) {
      for (const text of texts) expect([round, tagged(fast, text)]).toEqual([round, tagged(stock, text)]);
    }
    // Something was compared: the fixture has hundreds of tokens, with nouns and verbs among them.
    expect(tagged(fast, fixture).pos).toEqual(expect.arrayContaining(["PROPN", "VERB", "NOUN"]));
  });

  it("has the stock model's parts, and its addons answer alike once loaded on first use", () => {
    const stock = stockModel as unknown as Record<string, unknown> & { addons: object };
    expect(Object.keys(englishModel).sort()).toEqual(Object.keys(stock).sort());
    expect(Object.keys((englishModel as unknown as typeof stock).addons).sort()).toEqual(
      Object.keys(stock.addons).sort(),
    );
    const words = (nlp: Nlp) => {
      const doc = nlp.readDoc(texts[1]!);
      // wink's typings declare these two with the addons argument, which `out` does not accept.
      const addon = (its: unknown) => its as typeof nlp.its.pos;
      return [doc.tokens().out(addon(nlp.its.lemma)), doc.tokens().out(addon(nlp.its.stem))];
    };
    const fast = words(winkNLP(englishModel, ["sbd", "pos"]));
    expect(fast).toEqual(words(winkNLP(stockModel, ["sbd", "pos"])));
    expect(fast[0]).toContain("come"); // "can't come" has a lemma, and the lemmatiser really ran
  });

  it("gives every instance tables of its own (wink grows them with unseen words)", () => {
    const first = loadCoreModel() as Core;
    const second = loadCoreModel() as Core;
    const before = second.features.lexeme.list.length;
    first.features.lexeme.list.push("zyxqorp");
    expect(second.features.lexeme.list.length).toBe(before);
    expect(first.features.lexeme.list.length).toBe(before + 1);
  });
});
