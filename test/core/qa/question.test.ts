import { describe, expect, it } from "vitest";
import { analyseQuestion } from "../../../src/core/qa/question.js";

describe("the circumstance of a question: a subordinate clause that says when, not what", () => {
  it.each([
    // a trailing clause
    ["where was the mayor while the council voted?", ["council", "vot"]],
    ["Who ran the city after the floods ended?", ["flood", "end"]],
    ["Who met the mayor when she visited Lisbon?", ["visit", "lisbon"]],
    // a leading one, up to its comma
    ["While the council voted, where was the mayor?", ["council", "vot"]],
    // a word of both clauses is part of what is asked
    ["What did the mayor say when the mayor left?", ["leav"]],
    // a question word is no circumstance, leading or not
    ["When did the mayor resign?", []],
    ["When did the war end, and who won?", []],
    ["Where did the mayor go on Tuesday?", []],
    // "once" is mostly an adverb in a question, not a conjunction
    ["Who was once the mayor of Porto?", []],
  ])("%s → %j", (question, terms) => {
    const q = analyseQuestion(question);
    expect([...q.circumstance].sort()).toEqual([...terms].sort());
    // The clause's terms are still the question's terms: they weigh less, they are not dropped.
    for (const t of terms) expect(q.terms).toContain(t);
  });
});
