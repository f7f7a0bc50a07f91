import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractOpenQuestions, openQuestionLimit } from "../../../src/core/analysis/open-questions.js";
import { prepareText } from "../../../src/core/text/prepare.js";
import type { Entity, Quote } from "../../../src/core/types.js";
import { anyArticleText } from "./arbitraries.js";

const fixture = readFileSync(new URL("../../fixtures/biden-netanyahu-cnn.txt", import.meta.url), "utf8");

/** The cue sentence between two neutral ones, so its id is 1. */
function inArticle(sentence: string): string {
  return `The regional council met on Monday in the town hall. ${sentence} The meeting ended shortly after noon.`;
}

function questionsOf(text: string, entities: Entity[] = [], quotes: Quote[] = []) {
  return extractOpenQuestions(prepareText(text), { entities, quotes });
}

describe("extractOpenQuestions: hedge patterns become questions", () => {
  it.each([
    [
      "The city council has yet to approve the budget for next year.",
      "Will the city council approve the budget for next year?",
    ],
    ["Negotiations over the port lease remain stalled.", "Will negotiations over the port lease succeed?"],
    ["A merger of the two hospitals appeared to be on hold.", "Will a merger of the two hospitals go ahead?"],
    [
      "Hopes for a settlement before the summer recess have faded.",
      "Is a settlement before the summer recess still possible?",
    ],
    [
      "The mayor cast doubt on the prospect of opening the bridge by June.",
      "Is there still a chance of opening the bridge by June?",
    ],
    [
      "The audit raised questions about the pension fund's accounts.",
      "Will the questions about the pension fund's accounts be settled?",
    ],
    ["It is unclear whether the factory will reopen.", "Will the factory reopen?"],
    ["It remains unclear how the money will be spent.", "How will the money be spent?"],
    ["Officials did not say when the road would reopen.", "When will the road reopen?"],
    ["It is not known who set the fire.", "Is it known who set the fire?"],
    ["The company is poised to announce layoffs next week.", "Will the company announce layoffs next week?"],
    [
      "The airline is expected to cut fares on regional routes.",
      "Will the airline cut fares on regional routes?",
    ],
    [
      "The board has not yet decided on a new chief executive.",
      "Has the board decided on a new chief executive yet?",
    ],
    [
      "Police are investigating the cause of the fire.",
      "What will the investigation into the cause of the fire find?",
    ],
    ["The ministry is weighing whether to raise the fuel tax.", "Will the ministry raise the fuel tax?"],
    [
      "The new vaccine could reduce hospital admissions by half.",
      "Could the new vaccine reduce hospital admissions by half?",
    ],
    ["It is unclear how loyal the delegates will be.", "Is it known how loyal the delegates will be?"],
    [
      "The council faces a March 1 deadline to pass the budget.",
      "Will the March 1 deadline to pass the budget be met?",
    ],
    [
      "Talks on the fisheries agreement will resume next week.",
      "Will talks on the fisheries agreement succeed?",
    ],
    ["Lady Antebellum is expected to perform at the awards.", "Will Lady Antebellum perform at the awards?"],
    ["Officials did not say when Mr. Okafor would return.", "When will Mr. Okafor return?"],
    [
      "Some 186,000 voters are expected to attend the caucuses.",
      "Will some 186,000 voters attend the caucuses?",
    ],
  ])("%s", (sentence, expected) => {
    const questions = questionsOf(inArticle(sentence));
    expect(questions.map((q) => q.question)).toContain(expected);
    const q = questions.find((x) => x.question === expected);
    expect(q?.sentences).toEqual([1]);
  });

  it.each([
    "The council approved the budget on Monday.",
    "The mayor said the bridge opened on time and under budget.",
    '"We could lose everything if the river floods again," the farmer said.',
    "Asked if the plan would work, the minister said it already had.",
    "Here's Why The Council Could Win The Next Election Easily",
    // A concession, not an open point.
    "The senator may be popular at home, but he trails in the national polls.",
    // "that number": the determiner went to the clause boundary; no half-subject questions.
    "A new projection shows that number could fall to under a third.",
    // "he" with nobody to resolve it to.
    "The governor would not say whether he would sign the bill.",
    "It is unclear whether he'll return next season.",
    // A deadline already met, and something that merely continued, are not open.
    "The bank met the deadline for its bond payment on Friday.",
    "The civil war continued for more than a decade.",
    // "May" the month is not a hedge.
    "The vote was held in May after months of delay.",
  ])("raises no question from %s", (sentence) => {
    expect(questionsOf(inArticle(sentence))).toEqual([]);
  });
});

describe("extractOpenQuestions: structure", () => {
  it("merges duplicates and cites every sentence they rest on", () => {
    const text = [
      "Talks on the fisheries agreement remain stalled.",
      "The two delegations met for six hours in Brussels.",
      "It is unclear whether talks on the fisheries agreement will succeed.",
    ].join(" ");
    const questions = questionsOf(text);
    const about = questions.filter((q) => /fisheries agreement/.test(q.question));
    expect(about).toHaveLength(1);
    expect(about[0].sentences).toEqual([0, 2]);
  });

  it("resolves he/she to the one person the article just named", () => {
    const text =
      "Mayor Jane Okafor toured the flooded district. She has yet to decide whether to seek federal aid.";
    const entities: Entity[] = [
      { name: "Jane Okafor", type: "person", role: "mayor", aliases: ["Okafor"], sentences: [0] },
    ];
    const questions = questionsOf(text, entities);
    expect(questions.map((q) => q.question)).toContain(
      "Will Jane Okafor decide whether to seek federal aid?",
    );
    // Without knowing who "she" is, no question pretends to.
    expect(questionsOf(text).some((q) => /^Will she\b/i.test(q.question))).toBe(false);
  });

  it("skips cues inside quotations the quote stage found", () => {
    const text =
      "The union leader spoke at the rally. Rail services could stop entirely next month, she warned.";
    const prepared = prepareText(text);
    const s = prepared.sentences[1];
    const quote: Quote = {
      quote: "Rail services could stop entirely next month",
      speaker: "the union leader",
      sentence: 1,
      start: s.start,
      end: s.start + 44,
    };
    expect(extractOpenQuestions(prepared, { entities: [], quotes: [] }).length).toBe(1);
    expect(extractOpenQuestions(prepared, { entities: [], quotes: [quote] })).toEqual([]);
  });

  it.each([
    [100, 3],
    [500, 4],
    [1000, 5],
    [3000, 6],
  ])("an article of %i words raises at most %i questions", (words, limit) => {
    expect(openQuestionLimit(words)).toBe(limit);
  });

  it("keeps to the limit and valid ids on a long text", () => {
    const prepared = prepareText(Array.from({ length: 20 }, () => fixture).join("\n\n"));
    const questions = extractOpenQuestions(prepared, { entities: [], quotes: [] });
    expect(questions.length).toBeGreaterThan(0);
    expect(questions.length).toBeLessThanOrEqual(6);
    for (const q of questions) {
      expect(q.question.endsWith("?")).toBe(true);
      for (const id of q.sentences) expect(id).toBeLessThan(prepared.sentences.length);
    }
  });

  it("reads an unpunctuated dump only up to a bound", () => {
    const dump = "the old storm could hit the coast and the swollen river could flood the town ".repeat(3000);
    const questions = questionsOf(dump);
    expect(questions.length).toBeLessThanOrEqual(3);
    for (const q of questions) expect(q.sentences).toEqual([0]);
  });

  it("returns nothing for an empty text", () => {
    expect(questionsOf("")).toEqual([]);
  });
});

describe("extractOpenQuestions: the reference article", () => {
  const prepared = prepareText(fixture);
  const questions = extractOpenQuestions(prepared, { entities: [], quotes: [] });

  it("asks about the hostage deal", () => {
    const q = questions.find((x) => /hostage/i.test(x.question) && /deal|release|talks/i.test(x.question));
    expect(q, JSON.stringify(questions, null, 2)).toBeDefined();
    for (const id of q!.sentences) expect(prepared.sentences[id].text).toMatch(/hostage|deal/i);
  });

  it("asks about the timing before Ramadan", () => {
    const q = questions.find((x) => /(?:before|by) (?:the start of )?(?:the )?Ramadan/i.test(x.question));
    expect(q, JSON.stringify(questions, null, 2)).toBeDefined();
    expect(q!.sentences.some((id) => /Ramadan/.test(prepared.sentences[id].text))).toBe(true);
  });

  it("phrases every item as a question citing existing sentences", () => {
    expect(questions.length).toBeGreaterThanOrEqual(2);
    for (const q of questions) {
      expect(q.question).toMatch(/^[A-Z].*\?$/);
      expect(q.sentences.length).toBeGreaterThan(0);
      for (const id of q.sentences) expect(prepared.sentences[id]).toBeDefined();
    }
  });
});

describe("extractOpenQuestions: any input", () => {
  const inputs = anyArticleText(fixture);

  it("never throws and only cites sentences that exist", () => {
    fc.assert(
      fc.property(inputs, (text) => {
        const prepared = prepareText(text);
        for (const p of extractOpenQuestions(prepared, { entities: [], quotes: [] })) {
          expect(p.question.endsWith("?")).toBe(true);
          for (const id of p.sentences) expect(prepared.sentences[id]).toBeDefined();
        }
      }),
      { numRuns: 150 },
    );
  });
});
