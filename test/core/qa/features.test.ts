import { describe, expect, it } from "vitest";
import { indexArticle } from "../../../src/core/qa/article.js";
import {
  CIRCUMSTANCE_WEIGHT,
  negatesQuestionTerm,
  questionTermWeight,
} from "../../../src/core/qa/features.js";
import { analyseQuestion } from "../../../src/core/qa/question.js";
import { termWeight } from "../../../src/core/qa/story-index.js";

const sentence = (text: string) => indexArticle("s", { text, title: "" }).sentences[0]!;

describe("what a denial denies: the first content word after it", () => {
  it.each([
    ["where was the mayor?", "The council did not meet the mayor.", false],
    ["did the council meet the mayor?", "The council did not meet the mayor.", true],
    ["who approved the plan?", "The board never approved the plan.", true],
    ["who approved the plan?", "The board did not formally approve the plan.", true],
    ["who approved the plan?", "No one objected when the board approved the plan.", false],
    ["was there any evidence of fraud?", "There was no evidence of fraud.", true],
    ["did Gantz meet Biden?", "Gantz not only met Biden but also spoke with Harris.", false],
    ["did Gantz meet Biden?", "Gantz did not just meet Biden, he hugged him.", false],
    ["did the mayor meet the council?", "The mayor did not rally the council behind the plan.", false],
  ])("%s / %s → %s", (question, text, denied) => {
    expect(negatesQuestionTerm(analyseQuestion(question), sentence(text))).toBe(denied);
  });
});

describe("terms of the circumstance weigh less than those of the clause that asks", () => {
  // The mayor is named throughout (low IDF), the vote once (high IDF).
  const index = indexArticle("council", {
    title: "",
    text: [
      "Mayor Grant opened the session.",
      "Grant spoke about the budget.",
      "Grant left early.",
      "The council voted late at night.",
      "Grant returned on Friday.",
    ].join("\n\n"),
  });

  it.each([
    ["where was Grant while the council voted?", ["grant"], ["council", "vot"]],
    ["While the council voted, where was Grant?", ["grant"], ["council", "vot"]],
  ])("%s", (question, main, circumstance) => {
    const q = analyseQuestion(question);
    const weight = (t: string) => questionTermWeight(index, q, t);
    for (const t of main) expect(weight(t)).toBe(termWeight(index, t));
    for (const t of circumstance)
      expect(weight(t)).toBeLessThanOrEqual(CIRCUMSTANCE_WEIGHT * termWeight(index, t));
    // Rarer in the story than the mayor, the circumstance would outweigh him: it is capped.
    const sum = (ts: string[], w: (t: string) => number) => ts.reduce((s, t) => s + w(t), 0);
    expect(sum(circumstance, (t) => termWeight(index, t))).toBeGreaterThan(sum(main, weight));
    expect(sum(circumstance, weight)).toBeLessThanOrEqual(sum(main, weight) + 1e-9);
  });

  it("leaves a question without a circumstance as it is", () => {
    const q = analyseQuestion("where did the council vote?");
    for (const t of q.terms) expect(questionTermWeight(index, q, t)).toBe(termWeight(index, t));
  });
});
