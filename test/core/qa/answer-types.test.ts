import { describe, expect, it } from "vitest";
import { askingClause, candidateSpans, questionAnswerType } from "../../../src/core/qa/answer-types.js";

describe("questionAnswerType", () => {
  it.each([
    ["Who did Gantz meet at the White House?", "person"],
    ["Whom did the adviser quote?", "person"],
    ["Which investor lent the money?", "person"],
    ["When did the call end?", "date"],
    ["What year was the treaty signed?", "date"],
    ["Where was Biden campaigning?", "place"],
    ["Which city hosted the talks?", "place"],
    ["How many hostages were released?", "number"],
    ["How much did the port cost?", "number"],
    ["How long would the pause in fighting last?", "duration"],
    ["Why are young voters furious?", "cause"],
    ["What is Netanyahu's nickname?", "name"],
    ["Which company built the port?", "name"],
    ["What did Biden say?", "other"],
    // The question word that asks, not one in a leading clause or a relative clause.
    ["When extensive time is required to sort integers, this represents what case complexity?", "other"],
    ["Conservative Islam classifies Muslims who follow Shia interpretation as what?", "other"],
    ["The powers are reserved to which city?", "place"],
    ["When has Toyota said it will close its plant?", "date"],
    ["Where in South Carolina did the families settle?", "place"],
    ["What does water turn into when heated?", "other"],
    ["What happens when the tax rate rises?", "other"],
    // "effect", "project", "subject" end like "architect" but name no person.
    ["What effect does trade have on the workers?", "other"],
    ["Which architect designed the hall?", "person"],
  ])("%s → %s", (question, type) => {
    expect(questionAnswerType(question)).toBe(type);
  });
});

describe("askingClause", () => {
  it.each([
    ["Who did Gantz meet?", "Who did Gantz meet?"],
    ["In considering Turing machines, what measurement is unaffected?", "what measurement is unaffected?"],
    ["Muslims who follow Shia interpretation are classified as what?", "what?"],
    ["If the vote fails, who decides?", "who decides?"],
  ])("%s → %s", (question, clause) => {
    expect(askingClause(question)).toBe(clause);
  });

  it("stays fast on a long run of capitals, commas and quote marks", () => {
    const long = `When ${'A,"'.repeat(700_000)} what?`;
    const t0 = performance.now();
    questionAnswerType(long);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe("candidateSpans", () => {
  const typesIn = (text: string) => candidateSpans(text).map((s) => `${s.type}:${s.text}`);

  it.each([
    ["The talks began on March 7, 2024 in Cairo.", ["date:March 7, 2024", "place:Cairo"]],
    ["They agreed to a six-week pause.", ["duration:six-week"]],
    ["About 1,200 people were killed.", ["number:1,200"]],
    ["The vote failed because two members were absent.", ["cause:because two members were absent"]],
    [
      "He met Vice President Kamala Harris on Tuesday.",
      ["person:Vice President Kamala Harris", "date:Tuesday"],
    ],
  ])("%s", (text, expected) => {
    const got = typesIn(text);
    for (const e of expected) expect(got).toContain(e);
  });

  it("does not take a sentence's first word for a name", () => {
    expect(typesIn("Protests continued.").some((s) => s.endsWith(":Protests"))).toBe(false);
  });
});
